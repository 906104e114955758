import RecordFormats
import SyncroCatalog
import SyncroSimulator
import Testing

/// The endpoints served from the catalog's definitions (invoices, line items, appointments, ...), over the sample
/// account.
@Suite("Catalog endpoints")
struct CatalogEndpointTests {
    static let everything = "sim-test-everything-0123456789abcdef"
    static let nothing = "sim-test-nothing-0123456789abcdef"

    /// The sample tokens plus one that holds every permission and one that holds none, acting as user 2.
    static let tokens = SimulatorTokens(
        SimulatorTokens.samples.tokens + [
            SimulatorToken(token: everything, name: "Everything", permissions: [SyncroPermission.all]),
            SimulatorToken(token: nothing, name: "Nothing", permissions: [], userID: 2),
        ])

    static func ids(_ json: JSONValue?, _ key: String, item: String? = nil) -> [Int] {
        (json?[key]?.arrayValue ?? []).compactMap { row in (item.map { row[$0] } ?? row)?["id"]?.intValue }
    }

    @Test("A token without the entity's permission gets 401 with Syncro's body on the list and the detail")
    func permissionBeforeLookup() async throws {
        let guarded = ExportEntity.allCases.filter { $0.definition.path != nil && !$0.definition.permissions.isEmpty }
        #expect(guarded.count >= 20)
        try await Harness.withSimulator(tokens: Self.tokens) { client async throws in
            for entity in guarded {
                let definition = entity.definition
                let path = try #require(definition.path).replacingOccurrences(of: "{ticket_id}", with: "1001")
                let list = try await client.get(path, token: Self.nothing)
                #expect(list.status == 401, "\(path)")
                #expect(list.json == Harness.permissionDenied, "\(path)")
                guard let detailPath = definition.detailPath else { continue }
                let detail = try await client.get(
                    detailPath.replacingOccurrences(of: "{id}", with: "987654321"), token: Self.nothing)
                #expect(detail.status == 401, "\(detailPath)")
                #expect(detail.json == Harness.permissionDenied, "\(detailPath)")
            }
            // With every permission the same nonexistent id is a 404, and an unknown path stays 404.
            let missing = try await client.get("/invoices/987654321", token: Self.everything)
            #expect(missing.status == 404)
            #expect(missing.json == ["message": "Not found"])
            let unknown = try await client.get("/invoice_templates", token: Self.everything)
            #expect(unknown.status == 404)
            #expect(unknown.json == ["error": "Not Found"])
        }
    }

    @Test("Invoice and estimate details need their View Details permission, not the list's")
    func detailPermissions() async throws {
        let tokens = SimulatorTokens([
            SimulatorToken(
                token: "lists-only-token", name: "lists",
                permissions: [SyncroPermission.invoicesList, SyncroPermission.estimatesList]),
            SimulatorToken(
                token: "details-token", name: "details",
                permissions: [SyncroPermission.invoicesView, SyncroPermission.estimatesView]),
        ])
        try await Harness.withSimulator(tokens: tokens) { client async throws in
            for (path, key) in [("/invoices", "invoices"), ("/estimates", "estimates")] {
                let list = try await client.get(path, token: "lists-only-token")
                let id = try #require(Self.ids(list.json, key).first, "\(path)")
                let refused = try await client.get("\(path)/\(id)", token: "lists-only-token")
                #expect(refused.status == 401, "\(path)/\(id)")
                #expect(refused.json == Harness.permissionDenied)
                #expect(try await client.get("\(path)/\(id)", token: "details-token").status == 200, "\(path)/\(id)")
                #expect(try await client.get(path, token: "details-token").status == 401, "\(path)")
            }
        }
    }

    @Test("A token with exactly the catalog's permissions may list the record entities")
    func catalogPermissionsSuffice() async throws {
        let entities = SimulatorDataset.recordEntities.filter { !$0.definition.permissions.isEmpty }
        let tokens = SimulatorTokens(
            entities.map {
                SimulatorToken(
                    token: "only-\($0.rawValue)-token", name: $0.rawValue, permissions: $0.definition.permissions)
            })
        try await Harness.withSimulator(tokens: tokens) { client async throws in
            for entity in entities {
                let path = try #require(entity.definition.path)
                let result = try await client.get(path, token: "only-\(entity.rawValue)-token")
                #expect(result.status == 200, "\(path)")
                #expect((result.json?[entity.definition.listKey ?? ""]?.arrayValue?.count ?? 0) > 0, "\(path)")
            }
        }
    }

    @Test("Without the scope permission, timelogs and appointments narrow to the token's own user, never 401")
    func scopedEntities() async throws {
        let tokens = SimulatorTokens([
            SimulatorToken(token: "all-time-token", name: "a", permissions: [SyncroPermission.timelogsManage]),
            SimulatorToken(token: "marcus-token", name: "m", permissions: [], userID: 2),
            SimulatorToken(token: "fusion-token", name: "f", permissions: [], userID: 118),
            SimulatorToken(
                token: "all-appointments-token", name: "v", permissions: [SyncroPermission.appointmentsViewAll]),
        ])
        try await Harness.withSimulator(tokens: tokens) { client async throws in
            let all = try await client.get("/timelogs", token: "all-time-token")
            #expect(all.status == 200)
            #expect(Self.ids(all.json, "timelogs") == [4101, 4102, 4103, 4104])
            #expect(all.json?["meta"] == nil)
            let filtered = try await client.get("/timelogs?user_id=3", token: "all-time-token")
            #expect(Self.ids(filtered.json, "timelogs") == [4104])
            let own = try await client.get("/timelogs", token: "marcus-token")
            #expect(own.status == 200)
            #expect(Self.ids(own.json, "timelogs") == [4102, 4103])

            let appointments = try await client.get("/appointments", token: "all-appointments-token")
            #expect(Self.ids(appointments.json, "appointments", item: "appointment") == [2101, 2102])
            // An appointment is the own one of its ticket's technician.
            let marcus = try await client.get("/appointments", token: "marcus-token")
            #expect(marcus.status == 200)
            #expect(Self.ids(marcus.json, "appointments", item: "appointment") == [2101])
            let fusion = try await client.get("/appointments", token: "fusion-token")
            #expect(Self.ids(fusion.json, "appointments", item: "appointment") == [2102])
            #expect(try await client.get("/appointments/2102", token: "marcus-token").status == 404)
            let detail = try await client.get("/appointments/2101", token: "marcus-token")
            #expect(detail.json?["id"] == 2101)
        }
    }

    @Test("Invoices honour since_updated_at (strictly after, date or ISO-8601) and ticket_id")
    func invoiceFilters() async throws {
        try await Harness.withSimulator(tokens: Self.tokens) { client async throws in
            func ids(_ query: String) async throws -> [Int] {
                Self.ids(try await client.get("/invoices" + query, token: Self.everything).json, "invoices")
            }
            #expect(try await ids("") == [7001, 7002, 7003])
            #expect(try await ids("?since_updated_at=2025-07-01") == [7001, 7003])
            #expect(try await ids("?since_updated_at=2025-11-28T16:40:02.318Z") == [7003])
            #expect(try await ids("?since_updated_at=2025-11-28T16:40:02.317Z") == [7001, 7003])
            #expect(try await ids("?since_updated_at=2025-11-28T08:40:02.318-08:00") == [7003])
            #expect(try await ids("?since_updated_at=2026-01-01") == [])
            #expect(try await ids("?ticket_id=1012") == [7002])
            #expect(try await ids("?ticket_id=1012&since_updated_at=2025-07-01") == [])
            #expect(try await ids("?paid=true") == [7001, 7003])
            // An unreadable date is ignored, as Rails ignores a filter it cannot cast.
            #expect(try await ids("?since_updated_at=yesterday") == [7001, 7002, 7003])
        }
    }

    @Test("Line items of invoices and estimates share /line_items and its four filters")
    func lineItems() async throws {
        try await Harness.withSimulator(tokens: Self.tokens) { client async throws in
            func ids(_ query: String) async throws -> [Int] {
                Self.ids(try await client.get("/line_items" + query, token: Self.everything).json, "line_items")
            }
            #expect(try await ids("") == Array(8001...8008))
            #expect(try await ids("?invoice_id=7003") == [8004, 8005, 8006])
            #expect(try await ids("?estimate_id=3001") == [8007])
            #expect(try await ids("?invoice_id_not_null=true") == Array(8001...8006))
            #expect(try await ids("?estimate_id_not_null=true") == [8007, 8008])
            #expect(try await ids("?estimate_id_not_null=true&invoice_id=7001") == [])
            let page = try #require(try await client.get("/line_items?per_page=3&page=2", token: Self.everything).json)
            #expect(Self.ids(page, "line_items") == [8004, 8005, 8006])
            #expect(page["meta"] == ["total_pages": 3, "total_entries": 8, "per_page": 3, "page": 2])
            let past = try await client.get("/line_items?page=9", token: Self.everything)
            #expect(past.status == 200)
            #expect(past.json?.count("line_items") == 0)
            #expect(past.json?["meta"] == ["total_pages": 1, "total_entries": 8, "per_page": 100, "page": 9])
        }
    }

    @Test("Details: wrapped in the catalog's detailKey or flat; an invoice carries its customer, items and payments")
    func details() async throws {
        try await Harness.withSimulator(tokens: Self.tokens) { client async throws in
            let invoice = try #require(try await client.get("/invoices/7001", token: Self.everything).json)
            #expect(invoice["id"] == 7001)
            #expect(invoice["customer"]?["id"] == 102)
            #expect(invoice["line_items"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [8001, 8002])
            #expect(invoice["payments"]?.arrayValue?.compactMap { $0["id"]?.intValue } == [6001])
            for entity in SimulatorDataset.recordEntities {
                let definition = entity.definition
                guard let detailPath = definition.detailPath else { continue }
                let list = try await client.get(try #require(definition.path), token: Self.everything).json
                let listKey = try #require(definition.listKey)
                let id = try #require(Self.ids(list, listKey, item: definition.itemKey).first)
                let detail = try #require(
                    try await client.get(
                        detailPath.replacingOccurrences(of: "{id}", with: "\(id)"), token: Self.everything
                    )
                    .json)
                let object = definition.detailKey.map { detail[$0] } ?? detail
                #expect(object?["id"]?.intValue == id, "\(detailPath)")
                if let key = definition.detailKey { #expect(detail.objectValue?.keys == [key], "\(detailPath)") }
            }
        }
    }

    @Test("Page sizes and meta come from the catalog; per_page is clamped at the maximum")
    func paging() async throws {
        var spec = GeneratorSpec(customers: 60, tickets: 400, comments: 1, assets: 50, seed: 4)
        spec.products = 5
        let dataset = SimulatorDataset.generate(spec)
        try await Harness.withSimulator(dataset: dataset, tokens: Self.tokens) { client async throws in
            for entity in SimulatorDataset.recordEntities where entity != .estimateLineItems {
                let definition = entity.definition
                let path = try #require(definition.path)
                let key = try #require(definition.listKey)
                let json = try #require(try await client.get(path, token: Self.everything).json)
                var total = dataset[entity].count
                if entity == .invoiceLineItems { total += dataset[.estimateLineItems].count }
                let rows = json.count(key)
                if let size = definition.pageSize {
                    #expect(rows == min(size, total), "\(path)")
                } else {
                    #expect(rows == total, "\(path)")
                }
                #expect(json["meta"]?.objectValue?.keys.map { $0 } ?? [] == definition.meta.map(\.rawValue), "\(path)")
            }
            let big = try #require(try await client.get("/invoices?per_page=500", token: Self.everything).json)
            #expect(big.count("invoices") == 100)
            #expect(big["meta"] == ["total_pages": 2, "page": 1])
        }
    }

    @Test("A repeated query parameter takes its last value; the name[] form collects all")
    func repeatedParameters() async throws {
        let query = QueryParameters("page=1&page=3&id[]=4&id[]=5&status=New&status=Resolved")
        #expect(query["page"] == "3")
        #expect(query.int("page") == 3)
        #expect(query["status"] == "Resolved")
        #expect(query.list("id") == ["4", "5"])
        #expect(QueryParameters("id=1&id=2").list("id") == ["2"])
        try await Harness.withSimulator(tokens: Self.tokens) { client async throws in
            let invoices = try await client.get("/invoices?ticket_id=1002&ticket_id=1012", token: Self.everything)
            #expect(Self.ids(invoices.json, "invoices") == [7002])
            let tickets = try #require(try await client.get("/tickets?per_page=2&per_page=5").json)
            #expect(tickets.count("tickets") == 5)
            let statuses = try #require(try await client.get("/tickets?status=Resolved&status=New").json)
            #expect(statuses["tickets"]?.arrayValue?.allSatisfy { $0["status"] == "New" } == true)
            #expect(statuses.count("tickets") == 2)
        }
    }

    @Test("A ticket detail's user carries the documented admin; contacts carry the processed numbers")
    func documentedFields() async throws {
        try await Harness.withSimulator { client async throws in
            let user = try #require(try await client.get("/tickets/1004").json?["ticket"]?["user"])
            #expect(user["admin"] == true)
            #expect(user["admin?"] == nil)
            let documented = try OpenAPIFacts.example("/tickets/{id}", "get")["ticket"]?["user"]
            #expect(user.objectValue?.keys.map { $0 } == documented?.objectValue?.keys.map { $0 })
            let contact = try #require(try await client.get("/contacts/201").json)
            #expect(contact["processed_phone"] == "5035550142")
            #expect(contact["processed_mobile"] == "5035550199")
            #expect(contact["ticket_matching_emails"] == .null)
        }
    }

    @Test("Every API response carries a distinct X-Request-Id, which the request log records")
    func requestIDs() async throws {
        try await Harness.withSimulator(tokens: Self.tokens) { client async throws in
            let results = [
                try await client.get("/tickets"), try await client.get("/tickets"),
                try await client.get("/invoices", token: Self.nothing), try await client.get("/invoices/1"),
                try await client.get("/nowhere"), try await client.get("/me", token: nil),
            ]
            #expect(results.map(\.status) == [200, 200, 401, 401, 404, 401])
            let ids = results.compactMap(\.requestID)
            #expect(ids.count == results.count)
            #expect(Set(ids).count == ids.count)
            #expect(ids.allSatisfy { $0.count == 36 })
            let log = try #require(try await client.control("GET", "/_sim/requests").json?.arrayValue)
            #expect(log.compactMap { $0["request_id"]?.stringValue } == ids)
        }
    }

    @Test(
        "The request log records the auth form, never the token",
        arguments: [
            (AuthStyle.bearer, "bearer"), (.raw, "header"), (.query, "api_key"),
        ])
    func authForm(style: AuthStyle, expected: String) async throws {
        try await Harness.withSimulator { client async throws in
            #expect(try await client.get("/tickets", auth: style).status == 200)
            #expect(try await client.get("/tickets", token: "sfdemo-wrong-token", auth: style).status == 401)
            _ = try await client.get("/tickets", token: nil)
            let log = try #require(try await client.control("GET", "/_sim/requests").json?.arrayValue)
            #expect(log.map { $0["auth"] } == [.string(expected), .string(expected), nil])
            #expect(!log.description.contains("sfdemo"))
        }
    }
}
