/// Where an operation stands in the apply journal.
///
/// `sent` is written, durably, before a write leaves the process; the outcome follows it. An operation left at
/// `sent` (the process died) or `unknown` (the answer never came) may have happened: the next run looks for its
/// effect in Syncro before it sends again.
package enum JournalState: String, Sendable, Hashable, CaseIterable {
    case sent
    case applied
    case alreadyApplied = "already-applied"
    case conflict
    case failed
    case unknown
    case skippedReview = "skipped-review"
    case refused

    /// Whether the operation is finished for good: a later run sends nothing for it.
    package var isDone: Bool { self == .applied || self == .alreadyApplied }

    /// Whether a write may have reached Syncro without its outcome being recorded.
    package var isUncertain: Bool { self == .sent || self == .unknown }
}
