/// The result of a run: operations per outcome, and why it stopped early, if it did.
package struct ApplySummary: Sendable, Hashable {
    package var counts: [ApplyOutcome: Int] = [:]
    package var dryRun = false
    /// The circuit breaker or safety rule that stopped the run.
    package var stopped: ApplyError?
    package var requests = 0
    package var writes = 0
    package var seconds = 0.0

    package init() {}

    package func count(_ outcome: ApplyOutcome) -> Int { counts[outcome, default: 0] }

    /// `0` everything applied or already applied, `3` conflicts/skips/failures, `4` stopped by a safety rule.
    package var exitCode: Int32 {
        if stopped != nil { return 4 }
        let troubled: [ApplyOutcome] = [.conflict, .skippedReview, .refused, .failed, .unknown, .notRun]
        return troubled.contains { count($0) > 0 } ? 3 : 0
    }

    /// `applied 5, already-applied 2, conflicts 1, skipped for review 1, failed 0` and the unknowns if any.
    package var line: String {
        var parts = [
            "\(dryRun ? "would apply" : "applied") \(count(.applied))",
            "already-applied \(count(.alreadyApplied))", "conflicts \(count(.conflict))",
            "skipped for review \(count(.skippedReview))", "failed \(count(.failed))",
        ]
        if count(.refused) > 0 { parts.append("refused \(count(.refused))") }
        if count(.unknown) > 0 { parts.append("outcome unknown \(count(.unknown))") }
        if count(.notRun) > 0 { parts.append("not run \(count(.notRun))") }
        return parts.joined(separator: ", ")
    }
}
