import RecordFormats
import SyncroCatalog

/// Filters of `GET /tickets`. Dates accept `YYYY-MM-DD` or full ISO-8601; Syncro filters strictly "after".
package struct TicketFilter: Sendable, Equatable {
    package var customerID: Int?
    package var contactID: Int?
    package var number: String?
    /// A status name or the pseudo-status "Not Closed".
    package var status: String?
    package var sinceUpdatedAt: String?
    package var createdAfter: String?
    package var resolvedAfter: String?
    package var query: String?

    package init(
        customerID: Int? = nil, contactID: Int? = nil, number: String? = nil, status: String? = nil,
        sinceUpdatedAt: String? = nil, createdAfter: String? = nil, resolvedAfter: String? = nil, query: String? = nil
    ) {
        self.customerID = customerID
        self.contactID = contactID
        self.number = number
        self.status = status
        self.sinceUpdatedAt = sinceUpdatedAt
        self.createdAfter = createdAfter
        self.resolvedAfter = resolvedAfter
        self.query = query
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let customerID { items.append(("customer_id", String(customerID))) }
        if let contactID { items.append(("contact_id", String(contactID))) }
        if let number { items.append(("number", number)) }
        if let status { items.append(("status", status)) }
        if let sinceUpdatedAt { items.append(("since_updated_at", sinceUpdatedAt)) }
        if let createdAfter { items.append(("created_after", createdAfter)) }
        if let resolvedAfter { items.append(("resolved_after", resolvedAfter)) }
        if let query { items.append(("query", query)) }
        return items
    }
}

extension SyncroClient {
    /// The record wrapped under `key` in a single-object response (`{"ticket": {...}}`), or the flat object.
    private func unwrap(_ body: JSONValue, key: String?, path: String) throws -> JSONObject {
        if let key, let inner = body[key]?.objectValue { return inner }
        if let object = body.objectValue, object["id"] != nil || key == nil { return object }
        throw SyncroAPIError(
            kind: .unexpectedResponse, method: .get, path: path, status: 200,
            messages: ["the body has no \"\(key ?? "")\" object"]
        )
    }

    private func single<Record: SyncroRecord>(_ path: String, key: String?, as type: Record.Type = Record.self)
        async throws
        -> Record
    {
        Record(json: try unwrap(try await get(path), key: key, path: path))
    }

    // MARK: Reads

    package func me() async throws -> Me { try await single("/me", key: nil) }

    package static func ticketList(_ filter: TicketFilter = .init()) -> ListRequest {
        ListRequest(.tickets, filters: filter.queryItems)
    }

    package func tickets(_ filter: TicketFilter = .init()) -> PageSequence<Ticket> {
        pages(Self.ticketList(filter))
    }

    package func ticket(id: Int) async throws -> Ticket { try await single("/tickets/\(id)", key: "ticket") }

    package static func commentList(ticketID: Int) -> ListRequest {
        ListRequest(path: "/tickets/\(ticketID)/comments", key: "comments")
    }

    /// Every comment of a ticket (list rows carry only the first).
    package func comments(ticketID: Int) -> PageSequence<Comment> { pages(Self.commentList(ticketID: ticketID)) }

    package static let customerList = ListRequest(.customers)

    /// Every customer, disabled ones included.
    package func customers() -> PageSequence<Customer> { pages(Self.customerList) }

    package func customer(id: Int) async throws -> Customer { try await single("/customers/\(id)", key: "customer") }

    package static func contactList(customerID: Int? = nil) -> ListRequest {
        ListRequest(.contacts, filters: customerID.map { [("customer_id", String($0))] } ?? [])
    }

    package func contacts(customerID: Int? = nil) -> PageSequence<Contact> {
        pages(Self.contactList(customerID: customerID))
    }

    /// A contact; the API returns it flat, without a wrapper.
    package func contact(id: Int) async throws -> Contact { try await single("/contacts/\(id)", key: "contact") }

    package static let assetList = ListRequest(.assets)

    package func assets() -> PageSequence<Asset> { pages(Self.assetList) }

    package func asset(id: Int) async throws -> Asset { try await single("/customer_assets/\(id)", key: "asset") }

    package static let productList = ListRequest(.products)

    package func products() -> PageSequence<Product> { pages(Self.productList) }

    /// Every user, from the `[id, name]` pairs of `GET /users`.
    package func users() async throws -> [User] {
        let body = try await get("/users")
        guard let pairs = body["users"]?.arrayValue else {
            throw SyncroAPIError(
                kind: .unexpectedResponse, method: .get, path: "/users", status: 200,
                messages: ["the body has no \"users\" array"])
        }
        return pairs.compactMap(User.init(pair:))
    }

    package func user(id: Int) async throws -> User { try await single("/users/\(id)", key: "user") }

    package func settings() async throws -> Settings { try await single("/settings", key: nil) }

    package func ticketSettings() async throws -> Settings { try await single("/tickets/settings", key: nil) }

    // MARK: Writes (the only three the tool ever sends)

    /// `POST /tickets`. Not retried after it may have reached the server.
    package func createTicket(_ body: JSONObject) async throws -> Ticket {
        Ticket(json: try unwrap(try await post("/tickets", body: .object(body)), key: "ticket", path: "/tickets"))
    }

    /// `PUT /tickets/{id}` with only the fields to change.
    package func updateTicket(id: Int, _ body: JSONObject) async throws -> Ticket {
        let path = "/tickets/\(id)"
        return Ticket(json: try unwrap(try await put(path, body: .object(body)), key: "ticket", path: path))
    }

    /// `POST /tickets/{id}/comment`. Not retried after it may have reached the server.
    package func createComment(ticketID: Int, _ body: JSONObject) async throws -> Comment {
        let path = "/tickets/\(ticketID)/comment"
        return Comment(json: try unwrap(try await post(path, body: .object(body)), key: "comment", path: path))
    }
}
