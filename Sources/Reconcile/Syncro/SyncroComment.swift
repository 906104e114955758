/// What the drift engine keeps of one Syncro comment: ids, visibility and the hash of its normalised body.
///
/// The body itself is kept only when a report must show bodies; comment text is most of an export's size.
package struct SyncroComment: Sendable, Hashable {
    package var id: Int
    package var ticketID: Int
    package var hidden: Bool
    /// SHA-256 of the normalised body (`BodyHash`), nil when the comment has no body.
    package var bodySHA256: String?
    /// The body as Syncro holds it, only when bodies are kept.
    package var body: String?
    package var userID: Int?

    package init(
        id: Int, ticketID: Int, hidden: Bool, bodySHA256: String?, body: String? = nil, userID: Int? = nil
    ) {
        self.id = id
        self.ticketID = ticketID
        self.hidden = hidden
        self.bodySHA256 = bodySHA256
        self.body = body
        self.userID = userID
    }
}
