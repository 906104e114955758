import Foundation

/// How `apply` runs a plan.
package struct ApplyOptions: Sendable {
    /// Walk the same path, reads included, but send no write and record nothing.
    package var dryRun = false
    /// Review operations to run: every one, or those keys.
    package var approval: Approval = .none
    /// At most this many operations in flight (tickets run concurrently, one ticket's operations in order).
    package var batchSize = 25
    /// Apply a plan older than its `max_age_seconds`.
    package var force = false
    /// Refuse, before any request, operations to run that touch or create more tickets than these allow.
    package var caps = BlastRadiusCaps()
    /// Stop after this many consecutive server errors or unknown outcomes.
    package var maxConsecutiveFailures = 3
    /// Stop when conflicts exceed this share of the plan's operations (and `minConflictsToTrip` is reached).
    package var maxConflictShare = 0.2
    /// Conflicts below this count never trip the breaker: one edited ticket in a small plan is not a stampede.
    package var minConflictsToTrip = 3
    /// The time the plan's age is measured at.
    package var now: @Sendable () -> Date = { Date() }
    /// Run comment posts marked `echo_risk` (which may be copied back to the partner as new comments); without it
    /// they are refused. They are `review` operations, so they need their approval too.
    package var acceptEcho = false

    package init() {}

    package enum Approval: Sendable, Hashable {
        case none
        case all
        case keys(Set<String>)

        package func approves(_ key: String) -> Bool {
            switch self {
            case .none: false
            case .all: true
            case .keys(let keys): keys.contains(key)
            }
        }
    }
}
