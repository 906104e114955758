/// What happened to one operation in a run.
package enum ApplyOutcome: String, Sendable, Hashable, CaseIterable {
    /// Written now (or, in a dry run, would be written).
    case applied
    /// Syncro already held the target, or an earlier run's journal says it was done.
    case alreadyApplied = "already-applied"
    case conflict
    /// A review operation without approval.
    case skippedReview = "skipped-review"
    /// Not run by a rule of `apply` itself: a comment post with an echo risk, without `--accept-echo`.
    case refused
    /// Refused by Syncro, or not sent because its ticket could not be read.
    case failed
    /// Sent, and the answer never came; the next run looks for its effect before sending again.
    case unknown
    /// Not reached: a circuit breaker stopped the run first.
    case notRun = "not-run"
}
