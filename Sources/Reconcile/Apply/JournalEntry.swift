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
