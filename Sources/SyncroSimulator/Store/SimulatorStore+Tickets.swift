import RecordFormats

/// The ticket and comment endpoints.
extension SimulatorStore {
    /// The ticket fields a POST or PUT body may set; anything else is dropped, like Rails strong parameters.
    static let writableTicketFields: Set<String> = [
        "subject", "status", "problem_type", "priority", "user_id", "contact_id", "customer_id", "due_date",
        "start_at", "end_at", "location_id", "ticket_type_id", "signature_name", "signature_date", "asset_ids",
        "properties", "tag_list", "outtake_form_name", "outtake_form_date", "sla_id", "address_id", "parent_id",
    ]

    static let integerTicketFields: Set<String> = [
        "user_id", "contact_id", "customer_id", "location_id", "ticket_type_id", "sla_id", "address_id", "parent_id",
    ]

    /// A test on a ticket's decoded fields.
    typealias TicketFilter = (StoredTicket) -> Bool

    /// `GET /tickets`: filtered, newest first, first comment only by default.
    func listTickets(_ request: APIRequest) -> APIReply {
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.tickets, configuration: configuration)
        var filters = ticketFilters(query, token: request.token)
        filters += [
            Self.idFilter(query, "number") { $0.number },
            Self.afterFilter(query, "created_after") { $0.createdAt },
            Self.afterFilter(query, "resolved_after") { $0.resolvedAt },
        ].compactMap { $0 }

        if let text = query.nonEmpty("query")?.lowercased() {
            var customerNames: [Int: String] = [:]
            for customer in customers.records {
                if let id = customer["id"]?.intValue {
                    customerNames[id] = Self.businessThenName(of: customer).lowercased()
                }
            }
            filters.append { ticket in
                ticket.searchableSubject.contains(text) || ticket.number.map { String($0) == text } == true
                    || ticket.customerID.flatMap { customerNames[$0] }?.contains(text) == true
            }
        }

        var matches: [Int] = []
        for position in tickets.indices.reversed() where filters.allSatisfy({ $0(tickets[position]) }) {
            matches.append(position)
        }
        let allComments = query.bool("all_comments") ?? configuration.listsAllCommentsByDefault
        let rows = page.slice(matches).map { JSONValue.object(renderTicketRow(tickets[$0], allComments: allComments)) }
        return .json(page.body("tickets", total: matches.count, items: rows, keys: configuration.metaKeys.tickets))
    }

    /// The ticket-level filters that `GET /tickets` and `GET /ticket_comments` share: the token's customer scope,
    /// `customer_id`, `contact_id`, `user_id`, `status` (with the `Not Closed` pseudo-status) and `since_updated_at`
    /// (updated strictly after).
    func ticketFilters(_ query: QueryParameters, token: SimulatorToken) -> [TicketFilter] {
        var filters: [TicketFilter] = []
        if let scope = token.customerID { filters.append { $0.customerID == scope } }
        filters += [
            Self.idFilter(query, "customer_id") { $0.customerID },
            Self.idFilter(query, "contact_id") { $0.contactID },
            Self.idFilter(query, "user_id") { $0.userID },
            Self.afterFilter(query, "since_updated_at") { $0.updatedAt },
        ].compactMap { $0 }
        if let status = query.nonEmpty("status") {
            if status.lowercased() == "not closed" {
                let closed = Set(configuration.closedStatuses.map { $0.lowercased() })
                filters.append { !closed.contains($0.status.lowercased()) }
            } else {
                let wanted = status.lowercased()
                filters.append { $0.status.lowercased() == wanted }
            }
        }
        return filters
    }

    /// The filter of the id parameter `name` (a non-integer value matches nothing), or nil when it is absent.
    static func idFilter(_ query: QueryParameters, _ name: String, _ field: @escaping (StoredTicket) -> Int?)
        -> TicketFilter?
    {
        guard let text = query.nonEmpty(name) else { return nil }
        let id = Int(text)
        return { id != nil && field($0) == id }
    }

    /// The filter of the time parameter `name` (strictly after), or nil when it is absent. An unparseable bound is
    /// ignored, as Rails ignores a filter it cannot cast.
    static func afterFilter(_ query: QueryParameters, _ name: String, _ field: @escaping (StoredTicket) -> Int64?)
        -> TicketFilter?
    {
        guard let bound = query.nonEmpty(name).flatMap(SimulatorTimestamp.parse) else { return nil }
        return { ticket in field(ticket).map { $0 > bound } ?? false }
    }

    /// `GET /tickets/{id}`.
    func showTicket(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let position = ticketPosition(id, for: request.token) else { return .notFound }
        return .json(["ticket": .object(renderTicketDetail(tickets[position]))])
    }

    /// `POST /tickets`: 422 `{"error":"Customer required field"}` without a known customer.
    func createTicket(_ request: APIRequest) -> APIReply {
        let body = Self.unwrapped(request.body, "ticket")
        guard let customerID = body["customer_id"]?.intValue, customers[customerID] != nil else {
            return .json(["error": "Customer required field"], status: 422)
        }
        guard request.token.sees(customer: customerID) else { return .notFound }
        if Self.isBlank(body["subject"]) { return .validationFailed(["Subject can't be blank"]) }

        let id = (tickets.last?.id ?? 0) + 1
        var number = nextTicketNumber
        if let requested = body["number"]?.intValue, requested > 0 { number = requested }
        nextTicketNumber = max(nextTicketNumber, number + 1)
        let now = writeTimestamp()
        var record: JSONObject = [
            "id": .int(id), "number": .int(number), "subject": nil, "created_at": .string(now),
            "customer_id": .int(customerID), "due_date": nil, "resolved_at": nil, "start_at": nil, "end_at": nil,
            "location_id": nil, "problem_type": nil, "status": "New", "ticket_type_id": nil, "properties": [:],
            "user_id": nil, "updated_at": .string(now), "priority": nil, "tag_list": [], "contact_id": nil,
            "asset_ids": [], "signature_name": nil,
        ]
        Self.apply(body, to: &record)
        var ticket = StoredTicket(datasetRecord: record)
        if ticket.status == "" { ticket.update { $0["status"] = "New" } }
        markResolvedIfClosed(&ticket, at: now)
        ticket.comments = newComments(body["comments_attributes"], ticketID: id, at: now, token: request.token)
        tickets.append(ticket)
        ticketPositions[id] = tickets.count - 1
        return .json(["ticket": .object(renderTicketDetail(ticket))])
    }

    /// `PUT /tickets/{id}`: merges `properties`, replaces `tag_list`, bumps `updated_at`.
    func updateTicket(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let position = ticketPosition(id, for: request.token) else { return .notFound }
        let body = Self.unwrapped(request.body, "ticket")
        if let subject = body["subject"], Self.isBlank(subject) {
            return .validationFailed(["Subject can't be blank"])
        }
        if let customer = body["customer_id"], customers[customer.intValue] == nil {
            return .validationFailed(["Customer can't be blank"])
        }
        var ticket = tickets[position]
        let now = writeTimestamp(after: ticket.updatedAt)
        ticket.update { record in
            Self.apply(body, to: &record)
            record["updated_at"] = .string(now)
        }
        markResolvedIfClosed(&ticket, at: now)
        ticket.comments += newComments(body["comments_attributes"], ticketID: ticket.id, at: now, token: request.token)
        tickets[position] = ticket
        return .json(["ticket": .object(renderTicketDetail(ticket))])
    }

    /// `DELETE /tickets/{id}`: Syncro's message keeps its trailing space.
    func deleteTicket(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let position = ticketPosition(id, for: request.token) else { return .notFound }
        tickets.remove(at: position)
        reindexTickets()
        return .json(["message": "Ticket was successfully deleted. "])
    }

    /// `GET /tickets/{id}/comments`: paged (10 by default), oldest first unless `sort_direction=DESC`.
    func listComments(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let position = ticketPosition(id, for: request.token) else { return .notFound }
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.comments, configuration: configuration)
        let sortKey = query.nonEmpty("sort_by") == "updated_at" ? "updated_at" : "created_at"
        let descending = query.nonEmpty("sort_direction")?.uppercased() == "DESC"
        func time(_ comment: JSONObject, _ key: String) -> Int64 {
            comment[key]?.stringValue.flatMap(SimulatorTimestamp.parse) ?? 0
        }
        var comments = tickets[position].comments
        let bounds: [(String, String, Bool)] = [
            ("created_after", "created_at", true), ("created_before", "created_at", false),
            ("updated_after", "updated_at", true), ("updated_before", "updated_at", false),
        ]
        for (name, key, after) in bounds {
            guard let bound = query.nonEmpty(name).flatMap(SimulatorTimestamp.parse) else { continue }
            comments = comments.filter { after ? time($0, key) > bound : time($0, key) < bound }
        }
        let indexed = comments.enumerated().map {
            (offset: $0.offset, time: time($0.element, sortKey), comment: $0.element)
        }
        let sorted = indexed.sorted { lhs, rhs in
            if lhs.time != rhs.time { return descending ? lhs.time > rhs.time : lhs.time < rhs.time }
            return descending ? lhs.offset > rhs.offset : lhs.offset < rhs.offset
        }
        let items = page.slice(sorted).map { JSONValue.object(renderListedComment($0.comment)) }
        return .json(page.body("comments", total: sorted.count, items: items, keys: configuration.metaKeys.comments))
    }

    /// `POST /tickets/{id}/comment`: needs `subject` and `body`; never echoes `do_not_email`.
    func createComment(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let position = ticketPosition(id, for: request.token) else { return .notFound }
        let body = Self.unwrapped(request.body, "comment")
        var problems: [String] = []
        if Self.isBlank(body["body"]) { problems.append("Body can't be blank") }
        if Self.isBlank(body["subject"]) { problems.append("Subject can't be blank") }
        guard problems.isEmpty else { return .validationFailed(problems) }

        var ticket = tickets[position]
        let now = writeTimestamp(after: ticket.updatedAt)
        let comment = newComment(body, ticketID: ticket.id, at: now, token: request.token)
        ticket.comments.append(comment)
        ticket.update { $0["updated_at"] = .string(now) }
        tickets[position] = ticket
        return .json(["comment": .object(SyncroShapes.comment.render(comment))])
    }

    /// `DELETE /_sim/comments/{id}` (a control endpoint): a comment deleted in Syncro's web interface, which the API
    /// cannot do. The ticket counts as updated then (an assumption: Syncro's documents say nothing of it). False
    /// when no ticket holds the comment.
    func deleteComment(_ id: Int) -> Bool {
        guard let position = tickets.firstIndex(where: { $0.comments.contains { $0["id"]?.intValue == id } }) else {
            return false
        }
        var ticket = tickets[position]
        let now = writeTimestamp(after: ticket.updatedAt)
        ticket.comments.removeAll { $0["id"]?.intValue == id }
        ticket.update { $0["updated_at"] = .string(now) }
        tickets[position] = ticket
        return true
    }

    /// The comments of a `comments_attributes` array.
    private func newComments(_ attributes: JSONValue?, ticketID: Int, at time: String, token: SimulatorToken)
        -> [JSONObject]
    {
        var list = attributes?.arrayValue ?? []
        // Rails also accepts nested attributes as an object keyed by index.
        if let object = attributes?.objectValue { list = object.map(\.value) }
        return list.compactMap(\.objectValue).filter { !Self.isBlank($0["body"]) }
            .map { newComment($0, ticketID: ticketID, at: time, token: token) }
    }

    private func newComment(_ body: JSONObject, ticketID: Int, at time: String, token: SimulatorToken) -> JSONObject {
        let user = users[token.userID] ?? users.records.first
        let id = nextCommentID
        nextCommentID += 1
        var tech = body["tech"] ?? nil
        if tech.isNull, let name = user?["full_name"] { tech = name }
        return [
            "id": .int(id), "created_at": .string(time), "updated_at": .string(time), "ticket_id": .int(ticketID),
            "subject": body["subject"] ?? nil, "body": body["body"] ?? nil, "tech": tech,
            "hidden": .bool(Self.truthy(body["hidden"])), "user_id": user?["id"] ?? nil,
        ]
    }

    /// Sets `resolved_at` when the ticket reaches a closed status without one.
    private func markResolvedIfClosed(_ ticket: inout StoredTicket, at time: String) {
        guard configuration.closedStatuses.contains(ticket.status), ticket.resolvedAt == nil else { return }
        ticket.update { $0["resolved_at"] = .string(time) }
    }

    /// Copies the writable fields of `body` into `record`: `properties` merge, `tag_list` replaces.
    static func apply(_ body: JSONObject, to record: inout JSONObject) {
        for (key, value) in body where writableTicketFields.contains(key) {
            switch key {
            case "properties":
                guard let changes = value.objectValue else { continue }
                var properties = record["properties"]?.objectValue ?? JSONObject()
                for (name, newValue) in changes { properties[name] = newValue }
                record["properties"] = .object(properties)
            case "tag_list":
                record["tag_list"] = .array(tags(value).map(JSONValue.string))
            case "asset_ids":
                record["asset_ids"] = .array((value.arrayValue ?? []).compactMap(\.intValue).map(JSONValue.int))
            case _ where integerTicketFields.contains(key):
                record[key] = value.intValue.map(JSONValue.int) ?? .null
            default:
                record[key] = value
            }
        }
    }

    /// A tag list from an array of strings or a comma-separated string, trimmed and without duplicates.
    static func tags(_ value: JSONValue) -> [String] {
        let raw: [String] =
            if let text = value.stringValue {
                text.split(separator: ",").map(String.init)
            } else {
                (value.arrayValue ?? []).compactMap(\.stringValue)
            }
        var seen = Set<String>()
        return raw.map(\.trimmed).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The object under `key` when the body wraps its fields in it (`{"ticket": {...}}`), else the body.
    static func unwrapped(_ body: JSONObject, _ key: String) -> JSONObject {
        if body.count == 1, let inner = body[key]?.objectValue { return inner }
        return body
    }

    static func isBlank(_ value: JSONValue?) -> Bool {
        switch value {
        case .none, .null: true
        case .string(let text): text.trimmed.isEmpty
        default: false
        }
    }

    static func truthy(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let flag): flag
        case .string(let text): ["true", "1", "yes", "t"].contains(text.lowercased())
        case .number(let text): text != "0"
        default: false
        }
    }
}
