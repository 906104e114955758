import RecordFormats

extension PlanOperation {
    /// Automations fired by an edit of `status`, `priority`, the assignee (`user_id`) or the tags.
    package static let ticketUpdated = "Ticket Updated"
    /// A resolved-class status (`resolvedStatuses`) ends the ticket's SLA timers.
    package static let slaTimersEnd = "SLA timers end"
    /// Automations fired by a new comment.
    package static let commentAdded = "Ticket Comment added"
    /// Automations fired by a new ticket.
    package static let ticketCreated = "Ticket Created"

    /// The ticket fields whose edit fires Syncro's "Ticket Updated" automations.
    package static let automationFields: Set<String> = ["status", "priority", "user_id", "tag_list"]
    /// Statuses that end a ticket's SLA timers, compared without case.
    package static let resolvedStatuses: Set<String> = ["resolved", "invoiced", "closed"]

    /// The classes of Syncro automation a write of `kind` with `body` may trigger, in a fixed order: an edit of
    /// status, priority, assignee or tags fires "Ticket Updated" automations; a status of Resolved, Invoiced or
    /// Closed ends SLA timers; a comment fires "Ticket Comment added" automations and a new ticket "Ticket
    /// Created" ones. Other field edits (subject, problem type, contact, due date, customer, custom fields,
    /// assets) list none.
    package static func automations(kind: OperationKind, body: JSONObject) -> [String] {
        var result: [String] = []
        switch kind {
        case .updateTicket:
            if body.keys.contains(where: automationFields.contains) { result.append(ticketUpdated) }
        case .addComment:
            result.append(commentAdded)
        case .createTicket:
            result.append(ticketCreated)
        }
        if kind != .addComment, let status = body["status"]?.stringValue,
            resolvedStatuses.contains(status.trimmingWhitespace.lowercased())
        {
            result.append(slaTimersEnd)
        }
        return result
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
