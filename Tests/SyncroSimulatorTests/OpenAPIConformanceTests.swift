import Foundation
import RecordFormats
import SyncroCatalog
import SyncroSimulator
import Testing

/// Compares every implemented endpoint's response with the response example of Syncro's official OpenAPI document
/// (as `OpenAPIFacts` keeps it in the repository): the same field names and the same JSON types, recursively.
///
/// Rules, and the deliberate differences they allow:
/// - An example value of `null`, `{}` or `[]` accepts any value there (the example says nothing about it).
/// - A `null` in the response is accepted where the example shows a string, number or boolean: the examples fill
///   nullable columns with sample values. A `null` where the example has an object or array is a failure,
///   except for the keys in `nullableObjects`.
/// - `properties` objects are custom-field maps keyed by field name: any keys and values.
/// - Arrays: every response element is compared with the example's first element; a tuple-like example
///   (`[1, "Joe Doe"]`) is compared position by position.
/// - Keys the response adds beyond the example fail unless listed in `additions` for that endpoint, each with
///   its reason, and `aliases` rename an example key (`admin` → `admin?` in users embedded in tickets,
///   the schema's typo `longitud` → `longitude`).
/// - Where the document has a JSON schema instead of an example (`/contacts/{id}`), the schema is turned into an
///   example; the malformed `/customer_assets/{id}` schema is replaced by the list example's row plus the two
///   keys the schema adds (`has_live_chat`, `snmp_enabled`).
@Suite("OpenAPI conformance")
struct OpenAPIConformanceTests {
    static let nullableObjects: Set<String> = ["user", "contact", "ticket_type", "address", "customer"]
    static let freeFormObjects: Set<String> = ["properties"]

    /// The documented response of `method path status` (see ``OpenAPIFacts``).
    static func example(_ path: String, _ method: String, _ status: String = "200") throws -> JSONValue {
        try OpenAPIFacts.example(path, method, status)
    }

    /// Differences between `actual` and `expected`, as readable JSON paths.
    struct Comparison {
        var additions: Set<String> = []
        var aliases: [String: String] = [:]
        var issues: [String] = []

        mutating func compare(_ expected: JSONValue, _ actual: JSONValue, at path: String, key: String? = nil) {
            switch expected {
            case .null:
                return
            case .object(let object):
                guard let actualObject = actual.objectValue else {
                    if actual.isNull, let key, OpenAPIConformanceTests.nullableObjects.contains(key) { return }
                    issues.append("\(path): expected object, got \(actual.typeName)")
                    return
                }
                // Custom-field maps are data keyed by field name, not schema.
                if object.isEmpty || key.map(OpenAPIConformanceTests.freeFormObjects.contains) == true { return }
                var matched = Set<String>()
                for (name, value) in object {
                    let actualName = actualObject[name] != nil ? name : aliases[name] ?? name
                    guard let actualValue = actualObject[actualName] else {
                        issues.append("\(path).\(name): missing")
                        continue
                    }
                    matched.insert(actualName)
                    compare(value, actualValue, at: "\(path).\(name)", key: name)
                }
                for name in actualObject.keys where !matched.contains(name) && !additions.contains(name) {
                    issues.append("\(path).\(name): not in the example")
                }
            case .array(let elements):
                guard let actualElements = actual.arrayValue else {
                    if actual.isNull, let key, OpenAPIConformanceTests.nullableObjects.contains(key) { return }
                    issues.append("\(path): expected array, got \(actual.typeName)")
                    return
                }
                guard let first = elements.first else { return }
                let tuple = Set(elements.map(\.typeName)).count > 1
                for (index, element) in actualElements.enumerated() {
                    if tuple {
                        guard element.arrayValue?.count == elements.count || elements.count > 1 else { continue }
                    }
                    if tuple, index < elements.count {
                        compare(elements[index], element, at: "\(path)[\(index)]")
                    } else if !tuple {
                        compare(first, element, at: "\(path)[\(index)]")
                    }
                }
            case .bool, .number, .string:
                if actual.isNull { return }
                if actual.typeName != expected.typeName {
                    issues.append("\(path): expected \(expected.typeName), got \(actual.typeName)")
                }
            }
        }
    }

    static func check(
        _ expected: JSONValue,
        _ actual: JSONValue?,
        additions: Set<String> = [],
        aliases: [String: String] = [:],
        _ label: String
    ) {
        guard let actual else {
            Issue.record("\(label): the response is not JSON")
            return
        }
        var comparison = Comparison(additions: additions, aliases: aliases)
        comparison.compare(expected, actual, at: label)
        #expect(comparison.issues.isEmpty, "\(comparison.issues.joined(separator: "\n"))")
    }

    /// The contact keys real rows carry beyond the example (see `SyncroShapes.contact`). A ticket detail's user has
    /// the documented `admin`; list rows' `admin?` meets the list example's `user: null`.
    static let contactAdditions: Set<String> = ["processed_phone", "processed_mobile", "ticket_matching_emails"]

    @Test("Tickets: list, detail, create, update, comments and errors")
    func tickets() async throws {
        let list = try Self.example("/tickets", "get")
        let detail = try Self.example("/tickets/{id}", "get")
        let created = try Self.example("/tickets", "post")
        let updated = try Self.example("/tickets/{id}", "put")
        let comment = try Self.example("/tickets/{id}/comment", "post")
        let comments = try Self.example("/tickets/{id}/comments", "get")
        let commentRow = try #require(comment["comment"])
        try await Harness.withSimulator { client in
            let rows = try await client.get("/tickets?all_comments=true").json
            Self.check(list, rows, "GET /tickets")
            for row in rows?["tickets"]?.arrayValue ?? [] {
                for item in row["comments"]?.arrayValue ?? [] {
                    Self.check(commentRow, item, "GET /tickets comments[]")
                }
            }
            // The detail adds the list's contact_id and ticket_type_id; its assets carry the list example's
            // contact_id and address.
            let additions = Set(["contact_id", "ticket_type_id", "address"]).union(Self.contactAdditions)
            for id in [1001, 1006, 1010] {
                let ticket = try await client.get("/tickets/\(id)").json
                Self.check(detail, ticket, additions: additions, "GET /tickets/\(id)")
                Self.check(
                    created, ticket, additions: additions,
                    "GET /tickets/\(id) vs POST example")
            }
            let put = try await client.send("PUT", "/tickets/1006", body: ["status": "In Progress"]).json
            Self.check(updated, put, additions: additions, "PUT /tickets/{id}")
            let post = try await client.send(
                "POST", "/tickets",
                body: [
                    "customer_id": 101, "subject": "Conformance",
                    "comments_attributes": [["subject": "s", "body": "b"]],
                ]
            ).json
            Self.check(created, post, additions: additions, "POST /tickets")
            let newComment = try await client.send(
                "POST", "/tickets/1006/comment", body: ["subject": "s", "body": "b"]
            ).json
            Self.check(comment, newComment, "POST /tickets/{id}/comment")
            let listed = try await client.get("/tickets/1004/comments").json
            Self.check(comments, listed, "GET /tickets/{id}/comments")
            #expect(
                listed?["comments"]?.arrayValue?.allSatisfy {
                    $0.objectValue?.keys == comments["comments"]?.arrayValue?.first?.objectValue?.keys
                } == true)
        }
    }

    @Test("Ticket error bodies equal the examples")
    func ticketErrors() async throws {
        let createError = try Self.example("/tickets", "post", "422")
        let updateError = try Self.example("/tickets/{id}", "put", "422")
        let commentError = try Self.example("/tickets/{id}/comment", "post", "422")
        let permissionError = try Self.example("/contacts", "get", "401")
        let notFound = try Self.example("/contacts/{id}", "get", "404")
        try await Harness.withSimulator { client async throws in
            #expect(try await client.send("POST", "/tickets", body: ["subject": "x"]).json == createError)
            #expect(try await client.send("PUT", "/tickets/1001", body: ["subject": ""]).json == updateError)
            #expect(try await client.send("POST", "/tickets/1001/comment", body: [:]).json == commentError)
            #expect(try await client.get("/contacts", token: Harness.noTicketsToken).status == 200)
            #expect(try await client.get("/contacts/99999").json == notFound)
        }
        let tokens = SimulatorTokens([
            SimulatorToken(token: "tickets-only-token", name: "t", permissions: ["Tickets - List/Search"])
        ])
        try await Harness.withSimulator(tokens: tokens) { client async throws in
            #expect(try await client.get("/contacts", token: "tickets-only-token").json == permissionError)
        }
    }

    @Test("Customers, contacts and assets")
    func customersContactsAssets() async throws {
        let customers = try Self.example("/customers", "get")
        let customer = try Self.example("/customers/{id}", "get")
        let contacts = try Self.example("/contacts", "get")
        let contact = try Self.example("/contacts/{id}", "get")
        let assets = try Self.example("/customer_assets", "get")
        var assetRow = try #require(assets["assets"]?.arrayValue?.first?.objectValue)
        assetRow["has_live_chat"] = false
        assetRow["snmp_enabled"] = false
        let asset: JSONValue = ["asset": .object(assetRow)]
        try await Harness.withSimulator { client in
            Self.check(customers, try await client.get("/customers?include_disabled=true").json, "GET /customers")
            for id in [101, 105, 106] {
                Self.check(customer, try await client.get("/customers/\(id)").json, "GET /customers/\(id)")
            }
            Self.check(
                contacts, try await client.get("/contacts").json, additions: Self.contactAdditions, "GET /contacts")
            for id in [201, 205, 210] {
                Self.check(
                    contact, try await client.get("/contacts/\(id)").json, additions: Self.contactAdditions,
                    aliases: ["longitud": "longitude"],
                    "GET /contacts/\(id)")
            }
            // Assets carry meta (a live account showed "page 1 of 2, 68 total"); the example has none.
            Self.check(
                assets, try await client.get("/customer_assets").json, additions: ["meta"], "GET /customer_assets")
            for id in [301, 306] {
                Self.check(asset, try await client.get("/customer_assets/\(id)").json, "GET /customer_assets/\(id)")
            }
        }
    }

    @Test("Me, users, products and settings")
    func accountEndpoints() async throws {
        let me = try Self.example("/me", "get")
        let users = try Self.example("/users", "get")
        let user = try Self.example("/users/{id}", "get")
        let products = try Self.example("/products", "get")
        let settings = try Self.example("/settings", "get")
        let ticketSettings = try Self.example("/tickets/settings", "get")
        try await Harness.withSimulator { client in
            Self.check(me, try await client.get("/me").json, "GET /me")
            Self.check(users, try await client.get("/users").json, "GET /users")
            Self.check(user, try await client.get("/users/1").json, "GET /users/1")
            // Products carry meta by default so a client can tell when to stop; see SimulatorMetaKeys.
            Self.check(products, try await client.get("/products").json, additions: ["meta"], "GET /products")
            Self.check(settings, try await client.get("/settings").json, "GET /settings")
            Self.check(ticketSettings, try await client.get("/tickets/settings").json, "GET /tickets/settings")
        }
        // The generated dataset's default settings conform too.
        let generated = SimulatorDataset.generate(
            GeneratorSpec(customers: 5, tickets: 20, comments: 2, assets: 5, seed: 2))
        try await Harness.withSimulator(dataset: generated) { client in
            Self.check(settings, try await client.get("/settings").json, "GET /settings (generated)")
            Self.check(
                ticketSettings, try await client.get("/tickets/settings").json, "GET /tickets/settings (generated)")
            Self.check(
                try Self.example("/tickets", "get"), try await client.get("/tickets").json,
                "GET /tickets (generated)")
            Self.check(
                try Self.example("/customer_assets", "get"), try await client.get("/customer_assets").json,
                additions: ["meta"], "GET /customer_assets (generated)")
        }
    }

    /// The documented list and detail responses of `entity`, and the keys its responses add on purpose.
    ///
    /// Deliberate differences, each with its reason: assets and products carry `meta` (see `SimulatorMetaKeys`);
    /// line items carry the catalog's `estimate_id`; an invoice detail keeps its row's `customer_id`; the malformed
    /// `/customer_assets/{id}` schema is the list row plus `has_live_chat` and `snmp_enabled`; an appointment's flat
    /// detail is checked against the list example's item (whose embedded customer has `contacts: []`, where the
    /// detail example shows `{}`, a slip of the document: a customer's contacts are a list everywhere else); and
    /// `/items/{id}`, which has no example, against the list example's row in the catalog's `item` wrapper.
    static func documented(_ entity: ExportEntity) throws -> (
        list: JSONValue, detail: JSONValue?, additions: Set<String>
    ) {
        let definition = entity.definition
        let path = try #require(definition.path).replacingOccurrences(of: "{ticket_id}", with: "{id}")
        let list = try example(path, "get")
        let listKey = try #require(definition.listKey)
        let row = try #require(list[listKey]?.arrayValue?.first)
        var detail: JSONValue? = nil
        if let detailPath = definition.detailPath {
            switch entity {
            case .assets:
                var asset = try #require(row.objectValue)
                asset["has_live_chat"] = false
                asset["snmp_enabled"] = false
                detail = ["asset": .object(asset)]
            case .appointments: detail = row["appointment"]
            case .partsOrders: detail = .object(JSONObject([(try #require(definition.detailKey), row)]))
            default: detail = try example(detailPath, "get")
            }
        }
        var additions: Set<String> = []
        switch entity {
        case .assets, .products: additions.insert("meta")
        case .invoiceLineItems, .estimateLineItems: additions.insert("estimate_id")
        case .invoices: additions.insert("customer_id")
        case .contacts, .customers: additions = contactAdditions
        case .tickets:
            additions = contactAdditions.union(["contact_id", "ticket_type_id", "address"])
        default: break
        }
        return (list, detail, additions)
    }

    @Test("Every list and detail endpoint of the catalog answers in its example's field names and types")
    func everyCatalogEndpoint() async throws {
        let tokens = SimulatorTokens([SimulatorToken(token: "conformance-all", name: "all", permissions: ["*"])])
        let entities = ExportEntity.allCases.filter { $0.definition.path != nil && $0 != .estimateLineItems }
        #expect(entities.count == 22)
        var spec = GeneratorSpec(customers: 12, tickets: 60, comments: 2, assets: 20, seed: 5)
        spec.products = 6
        for dataset in [try Harness.sampleDataset(), SimulatorDataset.generate(spec)] {
            try await Harness.withSimulator(dataset: dataset, tokens: tokens) { client in
                for entity in entities {
                    let definition = entity.definition
                    let documented = try Self.documented(entity)
                    let firstTicket = dataset.tickets.first?["id"]?.intValue ?? 0
                    let listPath = try #require(definition.path).replacingOccurrences(
                        of: "{ticket_id}", with: "\(firstTicket)")
                    let list = try #require(try await client.get(listPath, token: "conformance-all").json)
                    let listKey = try #require(definition.listKey)
                    let rows = try #require(list[listKey]?.arrayValue, "\(listPath)")
                    #expect(!rows.isEmpty, "\(listPath) lists nothing, so nothing is checked")
                    Self.check(documented.list, list, additions: documented.additions, "GET \(listPath)")
                    guard let detailPath = definition.detailPath, let expected = documented.detail else { continue }
                    let row = try #require(rows.first)
                    // `/users` rows are `[id, name]` tuples.
                    let item = definition.itemKey.map { row[$0] } ?? row.arrayValue?.first ?? row
                    let id = try #require(item?.intValue ?? item?["id"]?.intValue)
                    let shown = detailPath.replacingOccurrences(of: "{id}", with: "\(id)")
                    let detail = try await client.get(shown, token: "conformance-all")
                    #expect(detail.status == 200, "\(shown)")
                    Self.check(
                        expected, detail.json, additions: documented.additions,
                        aliases: entity == .contacts ? ["longitud": "longitude"] : [:], "GET \(shown)")
                }
            }
        }
    }
}
