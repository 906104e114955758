import RecordFormats

/// Turning stored records into the API's response objects, with the fields Syncro derives from related records.
extension SimulatorStore {
    /// `firstname lastname`, Syncro's `fullname`.
    static func fullName(of customer: JSONObject) -> String {
        [customer["firstname"]?.stringValue, customer["lastname"]?.stringValue]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The business name when there is one, otherwise the full name (`business_then_name`).
    static func businessThenName(of customer: JSONObject) -> String {
        if let stored = customer["business_then_name"]?.stringValue { return stored }
        if let business = customer["business_name"]?.stringValue, !business.trimmed.isEmpty { return business }
        return fullName(of: customer)
    }

    /// A customer in `shape`, with its derived names and (when the shape has them) its contacts.
    func renderCustomer(_ customer: JSONObject, shape: RecordShape = SyncroShapes.customer) -> JSONObject {
        let fullName = customer["fullname"]?.stringValue ?? Self.fullName(of: customer)
        let businessThenName = Self.businessThenName(of: customer)
        var businessAndFullName = fullName
        if let business = customer["business_name"]?.stringValue, !business.trimmed.isEmpty {
            businessAndFullName = fullName.isEmpty ? business : "\(business) - \(fullName)"
        }
        var computed: [String: JSONValue] = [
            "fullname": .string(fullName),
            "business_then_name": .string(businessThenName),
        ]
        if customer["business_and_full_name"] == nil {
            computed["business_and_full_name"] = .string(businessAndFullName)
        }
        if let id = customer["id"]?.intValue {
            let contacts = contactsByCustomer[id] ?? []
            computed["contacts"] = .array(contacts.map { .object(Self.renderContact($0)) })
        }
        return shape.render(customer, computed: computed)
    }

    /// A contact, with `processed_phone` and `processed_mobile` (the numbers' digits, as Syncro normalises them for
    /// caller id) when the record has none.
    static func renderContact(_ contact: JSONObject) -> JSONObject {
        var computed: [String: JSONValue] = [:]
        for (key, source) in [("processed_phone", "phone"), ("processed_mobile", "mobile")] where contact[key] == nil {
            let digits = contact[source]?.stringValue.map { String($0.filter(\.isNumber)) } ?? ""
            computed[key] = digits.isEmpty ? .null : .string(digits)
        }
        return SyncroShapes.contact.render(contact, computed: computed)
    }

    /// The organization tags of customer `id`.
    func customerTags(_ id: Int?) -> JSONValue {
        guard let tags = customers[id]?["tag_list"], tags.arrayValue != nil else { return [] }
        return tags
    }

    /// A user as embedded in tickets. A ticket detail's user has the OpenAPI detail example's shape (`admin`); a
    /// list row's has the admin flag under the configured key instead (`admin?`, as two independent clients read
    /// the list).
    func embeddedUser(_ id: Int?, detail: Bool) -> JSONValue {
        guard let user = users[id] else { return nil }
        let key = configuration.embeddedUserAdminKey
        guard !detail, key != "admin" else { return .object(SyncroShapes.user.render(user)) }
        let shape = SyncroShapes.user.renaming("admin", to: key)
        return .object(shape.render(user, computed: [key: user["admin"] ?? false]))
    }

    /// An asset in `shape`, with its customer embedded and a default `rmm_store` when the record has none.
    func renderAsset(_ asset: JSONObject, shape: RecordShape = SyncroShapes.asset) -> JSONObject {
        var computed: [String: JSONValue] = [:]
        if let customer = customers[asset["customer_id"]?.intValue] {
            computed["customer"] = .object(renderCustomer(customer, shape: SyncroShapes.assetCustomer))
        } else {
            computed["customer"] = .null
        }
        if asset["rmm_store"] == nil {
            computed["rmm_store"] = SyncroShapes.defaultRMMStore(
                assetID: asset["id"]?.intValue ?? 0,
                createdAt: asset["created_at"] ?? nil
            )
        }
        return shape.render(asset, computed: computed)
    }

    /// The `ticket_type` object of `id` from the ticket settings, or null.
    func ticketType(_ id: Int?) -> JSONValue {
        guard let id, let types = currentTicketSettings["ticket_types"]?.arrayValue else { return nil }
        return types.first { $0["id"]?.intValue == id } ?? nil
    }

    /// A `GET /tickets` row: the first comment only unless `allComments`.
    func renderTicketRow(_ ticket: StoredTicket, allComments: Bool) -> JSONObject {
        let customer = customers[ticket.customerID]
        let comments = allComments ? ticket.comments : Array(ticket.comments.prefix(1))
        var computed: [String: JSONValue] = [
            "customer_business_then_name": customer.map { .string(Self.businessThenName(of: $0)) } ?? nil,
            "customer_tag_list": customerTags(ticket.customerID),
            "comments": .array(comments.map { .object(Self.renderEmbeddedComment($0, ticketID: ticket.id)) }),
            "user": embeddedUser(ticket.userID, detail: false),
        ]
        if let contact = contacts[ticket.contactID] { computed["contact_fullname"] = contact["name"] ?? nil }
        if ticket.record["ticket_type_name"] == nil,
            let name = ticketType(ticket.record["ticket_type_id"]?.intValue)["name"]
        {
            computed["ticket_type_name"] = name
        }
        return SyncroShapes.ticketRow.render(ticket.record, computed: computed)
    }

    /// A ticket as `GET /tickets/{id}` returns it (without the `ticket` wrapper).
    func renderTicketDetail(_ ticket: StoredTicket) -> JSONObject {
        let customer = customers[ticket.customerID]
        let assetIDs = (ticket.record["asset_ids"]?.arrayValue ?? []).compactMap(\.intValue)
        var computed: [String: JSONValue] = [
            "customer_business_then_name": customer.map { .string(Self.businessThenName(of: $0)) } ?? nil,
            "comments": .array(ticket.comments.map { .object(Self.renderEmbeddedComment($0, ticketID: ticket.id)) }),
            "assets": .array(assetIDs.compactMap { assets[$0] }.map { .object(renderAsset($0)) }),
            "customer": customer.map { .object(renderCustomer($0)) } ?? nil,
            "contact": contacts[ticket.contactID].map { .object(Self.renderContact($0)) } ?? nil,
            "user": embeddedUser(ticket.userID, detail: true),
        ]
        if ticket.record["ticket_type"] == nil {
            computed["ticket_type"] = ticketType(ticket.record["ticket_type_id"]?.intValue)
        }
        var shape = SyncroShapes.ticketDetail
        if configuration.ticketDetailIncludesListKeys {
            shape = shape.adding(["contact_id": nil, "ticket_type_id": nil])
        }
        return shape.render(ticket.record, computed: computed)
    }

    /// A comment as a ticket embeds it, and as `GET /ticket_comments` lists it: the stored `ticket_id`, or the id of
    /// the ticket that holds it when a dataset comment has none.
    static func renderEmbeddedComment(_ comment: JSONObject, ticketID: Int) -> JSONObject {
        guard (comment["ticket_id"] ?? .null).isNull else { return SyncroShapes.comment.render(comment) }
        return SyncroShapes.comment.render(comment, computed: ["ticket_id": .int(ticketID)])
    }

    /// A comment as `GET /tickets/{id}/comments` returns it, with `is_rich_text` and the author's user object.
    func renderListedComment(_ comment: JSONObject) -> JSONObject {
        var user: JSONValue = [:]
        if let record = users[comment["user_id"]?.intValue] {
            user = .object(SyncroShapes.user.render(record))
        }
        return SyncroShapes.listedComment.render(comment, computed: ["user": user])
    }
}
