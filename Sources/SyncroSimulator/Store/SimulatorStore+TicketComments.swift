import RecordFormats
import SyncroCatalog

/// The newer API's bulk comments list.
extension SimulatorStore {
    /// `GET /ticket_comments`: the comments of every ticket the filters keep, ticket by ticket (ascending id), each
    /// ticket's newest first (by `created_at`, then id), paged with the full `meta`.
    ///
    /// Each item is exactly the comment object the ticket's detail embeds, private notes included. The ticket-level
    /// filters are those of `GET /tickets` (`ticket_id`, `customer_id`, `contact_id`, `user_id`, `status`,
    /// `since_updated_at`); `comment_created_after` and `comment_created_before` bound the comment's own
    /// `created_at`, both strictly. `comment_format` is accepted and ignored (bodies are stored as plain text), as
    /// are `mine` and `ticket_search_id`, which `GET /tickets` ignores too. A token with only "View 'Their Ticket'
    /// Details" sees the comments of the tickets assigned to its user.
    func listTicketComments(_ request: APIRequest) -> APIReply {
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.ticketComments, configuration: configuration)
        var filters = ticketFilters(query, token: request.token)
        if let ticketID = Self.idFilter(query, "ticket_id", { $0.id }) { filters.append(ticketID) }
        if !request.token.grants(SyncroPermission.ticketsView) {
            let userID = (users[request.token.userID] ?? users.records.first)?["id"]?.intValue
            filters.append { userID != nil && $0.userID == userID }
        }
        let after = query.nonEmpty("comment_created_after").flatMap(SimulatorTimestamp.parse)
        let before = query.nonEmpty("comment_created_before").flatMap(SimulatorTimestamp.parse)

        var matches: [(position: Int, comment: Int)] = []
        for (position, ticket) in tickets.enumerated() where filters.allSatisfy({ $0(ticket) }) {
            var keys: [(created: Int64, id: Int, index: Int)] = []
            for (index, comment) in ticket.comments.enumerated() {
                let created = comment["created_at"]?.stringValue.flatMap(SimulatorTimestamp.parse) ?? 0
                if let after, created <= after { continue }
                if let before, created >= before { continue }
                keys.append((created, comment["id"]?.intValue ?? 0, index))
            }
            keys.sort { $0.created != $1.created ? $0.created > $1.created : $0.id > $1.id }
            matches += keys.map { (position, $0.index) }
        }
        let items = page.slice(matches).map { match in
            let ticket = tickets[match.position]
            return JSONValue.object(Self.renderEmbeddedComment(ticket.comments[match.comment], ticketID: ticket.id))
        }
        return .json(
            page.body(
                "ticket_comments", total: matches.count, items: items, keys: configuration.metaKeys.ticketComments)
        )
    }
}
