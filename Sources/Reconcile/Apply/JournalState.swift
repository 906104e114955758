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

    /// Whether the operation is finished for good: a later run sends nothing for it.
    package var isDone: Bool { self == .applied || self == .alreadyApplied }

    /// Whether a write may have reached Syncro without its outcome being recorded.
    package var isUncertain: Bool { self == .sent || self == .unknown }
}

/// The latest journal record of one operation.
package struct JournalEntry: Sendable, Hashable {
    package var opKey: String
    package var ticketID: Int?
    package var state: JournalState
    package var httpStatus: Int?
    /// The record created or written (ticket or comment id).
    package var syncroID: Int?
    /// The ticket's `updated_at` after the write, when the answer told it.
    package var ticketUpdatedAt: String?
    package var detail: String?
    package var planHash: String
    package var at: String

    package init(
        opKey: String, ticketID: Int?, state: JournalState, httpStatus: Int? = nil, syncroID: Int? = nil,
        ticketUpdatedAt: String? = nil, detail: String? = nil, planHash: String, at: String
    ) {
        self.opKey = opKey
        self.ticketID = ticketID
        self.state = state
        self.httpStatus = httpStatus
        self.syncroID = syncroID
        self.ticketUpdatedAt = ticketUpdatedAt
        self.detail = detail
        self.planHash = planHash
        self.at = at
    }
}
