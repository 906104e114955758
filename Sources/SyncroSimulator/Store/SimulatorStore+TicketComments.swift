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

        // The matching tickets with how many of their comments match; only the tickets on the requested page have
        // their comments sorted and rendered, so a page costs a pass over the tickets, not over every comment.
        func keys(_ ticket: StoredTicket) -> [(created: Int64, id: Int, index: Int)] {
            var keys: [(created: Int64, id: Int, index: Int)] = []
            for (index, comment) in ticket.comments.enumerated() {
                let created = comment["created_at"]?.stringValue.flatMap(SimulatorTimestamp.parse) ?? 0
                if let after, created <= after { continue }
                if let before, created >= before { continue }
                keys.append((created, comment["id"]?.intValue ?? 0, index))
            }
            return keys.sorted { $0.created != $1.created ? $0.created > $1.created : $0.id > $1.id }
        }
        let filtersComments = after != nil || before != nil
        var matching: [(position: Int, count: Int)] = []
        var total = 0
        for (position, ticket) in tickets.enumerated() where filters.allSatisfy({ $0(ticket) }) {
            let count = filtersComments ? keys(ticket).count : ticket.comments.count
            guard count > 0 else { continue }
            matching.append((position, count))
            total += count
        }
        let (start, overflow) = (page.page - 1).multipliedReportingOverflow(by: page.perPage)
        var items: [JSONValue] = []
        if !overflow, start < total {
            let end = min(total, start + page.perPage)
            var offset = 0
            for (position, count) in matching {
                defer { offset += count }
                guard offset + count > start else { continue }
                if offset >= end { break }
                let ticket = tickets[position]
                for key in keys(ticket)[max(0, start - offset)..<min(count, end - offset)] {
                    items.append(.object(Self.renderEmbeddedComment(ticket.comments[key.index], ticketID: ticket.id)))
                }
            }
        }
        return .json(
            page.body(
                "ticket_comments", total: total, items: items, keys: configuration.metaKeys.ticketComments)
        )
    }
}
