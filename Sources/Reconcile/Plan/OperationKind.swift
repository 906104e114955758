/// What an operation does; each kind has one route in the write allowlist.
package enum OperationKind: String, Sendable, Hashable, CaseIterable {
    /// `PUT /tickets/{id}` with only the changed fields.
    case updateTicket = "update-ticket"
    /// `POST /tickets/{id}/comment`.
    case addComment = "add-comment"
    /// `POST /tickets`.
    case createTicket = "create-ticket"

    /// Whether a lost answer leaves the outcome unknown: a POST cannot be re-sent blindly, a PUT can.
    package var createsRecord: Bool { self != .updateTicket }
}
