/// What re-reading the ticket says about an operation just before its write.
package enum PreconditionResult: Sendable, Hashable {
    /// Syncro holds the plan's `from` values (or values our own earlier writes left): send the write.
    case proceed
    /// Syncro already holds `to`, or the comment or ticket already exists: nothing to send.
    case alreadyApplied(syncroID: Int?)
    /// Someone else changed the ticket since planning.
    case conflict(String)
}
