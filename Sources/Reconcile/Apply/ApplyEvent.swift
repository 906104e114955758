/// One line of progress: an operation and what became of it, or a request a dry run would send.
package struct ApplyEvent: Sendable, Hashable {
    package var opKey: String
    package var outcome: ApplyOutcome
    /// `PUT /tickets/5003 {"status":"In Progress"}` for writes (sent or, in a dry run, not sent).
    package var request: String?
    package var detail: String?

    package init(opKey: String, outcome: ApplyOutcome, request: String? = nil, detail: String? = nil) {
        self.opKey = opKey
        self.outcome = outcome
        self.request = request
        self.detail = detail
    }
}
