import Foundation
import RecordFormats
import SyncroCatalog
import SyncroSimulator
import Testing

/// The records of the catalog-served entities: generated (counts, determinism, links, shapes) and in the sample.
@Suite("Record entities in datasets")
struct RecordGeneratorTests {
    static let spec = GeneratorSpec(customers: 40, tickets: 300, comments: 2, assets: 60, seed: 7)
    static let dataset = SimulatorDataset.generate(spec)

    /// The number of records of `entity` in `dataset` (both kinds of line item, users and the rest).
    static func count(_ entity: ExportEntity, in dataset: SimulatorDataset) -> Int {
        switch entity {
        case .customers: dataset.customers.count
        case .contacts: dataset.contacts.count
        case .tickets: dataset.tickets.count
        case .assets: dataset.assets.count
        case .users: dataset.users.count
        case .products: dataset.products.count
        default: dataset[entity].count
        }
    }

    /// The OpenAPI example row of `entity`'s list endpoint (inside its item wrapper).
    static func exampleRow(_ entity: ExportEntity) throws -> JSONValue {
        let definition = entity.definition
        let example = try OpenAPIFacts.example(try #require(definition.path), "get")
        let listKey = try #require(definition.listKey)
        let row = try #require(example[listKey]?.arrayValue?.first)
        return try #require(definition.itemKey.map { row[$0] } ?? row)
    }

    @Test("Every seeded entity gets the count of its seed")
    func seedCounts() throws {
        let seeded = ExportEntity.allCases.filter { $0.definition.seed != nil }
        #expect(Set(seeded) == Set(SimulatorDataset.recordEntities))
        for entity in seeded {
            let expected: Int
            switch try #require(entity.definition.seed) {
            case .per(let basis, let percent): expected = Self.count(basis, in: Self.dataset) * percent / 100
            case .fixed(let count): expected = count
            }
            #expect(expected > 0, "\(entity)")
            #expect(Self.dataset[entity].count == expected, "\(entity)")
        }
        #expect(Self.dataset[.invoices].count == 90)
        #expect(Self.dataset[.wikiPages].count == 12)
    }

    @Test("The same seed gives the same records; another seed other ones")
    func determinism() {
        let again = SimulatorDataset.generate(Self.spec)
        for entity in SimulatorDataset.recordEntities {
            #expect(
                JSONValue.array(again[entity].map(JSONValue.object)).serializedBytes
                    == JSONValue.array(Self.dataset[entity].map(JSONValue.object)).serializedBytes, "\(entity)")
        }
        var other = Self.spec
        other.seed = 8
        #expect(SimulatorDataset.generate(other)[.invoices] != Self.dataset[.invoices])
    }

    @Test("Generated records have the example's field names and types and the catalog's CSV kinds")
    func shapes() throws {
        for entity in SimulatorDataset.recordEntities {
            let example = try Self.exampleRow(entity)
            let lineItem = entity == .invoiceLineItems || entity == .estimateLineItems
            var names = try #require(example.objectValue?.keys).map { $0 }
            if lineItem { names.insert("estimate_id", at: (names.firstIndex(of: "invoice_id") ?? 0) + 1) }
            for record in Self.dataset[entity] {
                #expect(record.keys.map { $0 } == names, "\(entity) \(record["id"] ?? nil)")
                var comparison = OpenAPIConformanceTests.Comparison(additions: lineItem ? ["estimate_id"] : [])
                comparison.compare(example, .object(record), at: "\(entity)[\(record["id"]?.intValue ?? 0)]")
                #expect(comparison.issues.isEmpty, "\(comparison.issues.prefix(5).joined(separator: "\n"))")
                for column in entity.definition.columns {
                    let value = column.value(in: record) ?? .null
                    let fits: Bool =
                        switch (column.kind, value) {
                        case (_, .null): true
                        case (.number, .number), (.boolean, .bool), (.text, .string): true
                        case (.json, .array), (.json, .object): true
                        default: false
                        }
                    #expect(fits, "\(entity).\(column.key) is \(value.typeName), column \(column.kind)")
                }
                for key in ["created_at", "updated_at"] where names.contains(key) {
                    let stamp = try #require(record[key]?.stringValue, "\(entity).\(key)")
                    #expect(stamp.count == 24 && stamp.hasSuffix("Z") && stamp.contains("."), "\(stamp)")
                    #expect(SimulatorTimestamp.parse(stamp) != nil)
                }
            }
        }
    }

    @Test("Generated records link to the account's records and agree with them")
    func links() throws {
        let dataset = Self.dataset
        func index(_ records: [JSONObject]) -> [Int: JSONObject] {
            Dictionary(uniqueKeysWithValues: records.map { ($0["id"]?.intValue ?? 0, $0) })
        }
        let customers = index(dataset.customers)
        let contacts = index(dataset.contacts)
        let tickets = index(dataset.tickets)
        let users = Set(dataset.users.compactMap { $0["id"]?.intValue })
        let assets = index(dataset.assets)
        let invoices = index(dataset[.invoices])
        let estimates = index(dataset[.estimates])
        let vendors = index(dataset[.vendors])
        func businessThenName(_ customer: JSONObject?) -> JSONValue? {
            customer?["business_then_name"]
        }
        /// Cents of a number or decimal text.
        func cents(_ value: JSONValue?) -> Int? {
            switch value {
            case .number(let text)?, .string(let text)?: Double(text).map { Int(($0 * 100).rounded()) }
            default: nil
            }
        }
        for invoice in dataset[.invoices] {
            let ticket = try #require(tickets[invoice["ticket_id"]?.intValue ?? 0])
            #expect(invoice["customer_id"] == ticket["customer_id"])
            #expect(
                invoice["customer_business_then_name"]
                    == businessThenName(customers[ticket["customer_id"]?.intValue ?? 0]))
        }
        let lineItems = dataset[.invoiceLineItems] + dataset[.estimateLineItems]
        #expect(Set(lineItems.compactMap { $0["id"]?.intValue }).count == lineItems.count)
        var invoiceTotals: [Int: Int] = [:]
        for item in dataset[.invoiceLineItems] {
            let id = try #require(item["invoice_id"]?.intValue)
            #expect(invoices[id] != nil)
            #expect(item["estimate_id"] == .null)
            let quantity = Int(Double(item["quantity"]?.stringValue ?? "") ?? -1)
            invoiceTotals[id, default: 0] += (cents(item["price"]) ?? -1) * quantity
        }
        for item in dataset[.estimateLineItems] {
            #expect(estimates[item["estimate_id"]?.intValue ?? 0] != nil)
            #expect(item["invoice_id"] == .null)
        }
        for payment in dataset[.payments] {
            let invoiceID = try #require(payment["invoice_ids"]?.arrayValue?.first?.intValue)
            let invoice = try #require(invoices[invoiceID])
            #expect(invoice["is_paid"] == true)
            #expect(payment["customer"]?["id"] == invoice["customer_id"])
            #expect(cents(payment["payment_amount"]) == invoiceTotals[invoiceID] ?? 0)
            #expect(cents(invoice["total"]) == invoiceTotals[invoiceID] ?? 0)
        }
        for timer in dataset[.ticketTimers] {
            #expect(tickets[timer["ticket_id"]?.intValue ?? 0] != nil)
            #expect(users.contains(timer["user_id"]?.intValue ?? 0))
        }
        for log in dataset[.timelogs] { #expect(users.contains(log["user_id"]?.intValue ?? 0)) }
        for appointment in dataset[.appointments] {
            let ticket = try #require(tickets[appointment["ticket_id"]?.intValue ?? 0])
            #expect(appointment["customer_id"] == ticket["customer_id"])
            #expect(appointment["ticket"]?["id"] == ticket["id"])
        }
        for entity in [ExportEntity.contracts, .leads, .estimates, .portalUsers] {
            for record in dataset[entity] {
                #expect(customers[record["customer_id"]?.intValue ?? 0] != nil, "\(entity)")
            }
        }
        for user in dataset[.portalUsers] {
            let contact = try #require(contacts[user["contact_id"]?.intValue ?? 0])
            #expect(contact["customer_id"] == user["customer_id"])
            #expect(contact["email"] == user["email"])
        }
        for order in dataset[.purchaseOrders] {
            let vendor = try #require(vendors[order["vendor_id"]?.intValue ?? 0])
            #expect(order["vendor"]?["id"] == vendor["id"])
        }
        for order in dataset[.partsOrders] {
            let ticket = try #require(tickets[order["ticket_id"]?.intValue ?? 0])
            #expect(order["ticketnum"]?.stringValue == ticket["number"]?.intValue.map(String.init))
        }
        for alert in dataset[.rmmAlerts] {
            let asset = try #require(assets[alert["asset_id"]?.intValue ?? 0])
            #expect(alert["customer_id"] == asset["customer_id"])
            #expect(alert["computer_name"] == asset["name"])
        }
    }

    @Test("The sample dataset loads with a few linked records of every record entity")
    func sampleRecords() async throws {
        let dataset = try Harness.sampleDataset()
        let expected: [ExportEntity: Int] = [
            .invoices: 3, .invoiceLineItems: 6, .estimates: 2, .estimateLineItems: 2, .payments: 2, .ticketTimers: 3,
            .timelogs: 4, .appointments: 2, .contracts: 2, .leads: 2, .vendors: 2, .purchaseOrders: 2,
            .partsOrders: 1, .portalUsers: 2, .rmmAlerts: 2, .wikiPages: 2,
        ]
        #expect(Set(expected.keys) == Set(SimulatorDataset.recordEntities))
        for (entity, count) in expected { #expect(dataset[entity].count == count, "\(entity)") }
        // The records' fields are the examples' too, so the sample serves what the generator serves.
        for entity in SimulatorDataset.recordEntities {
            var names = try #require(try Self.exampleRow(entity).objectValue?.keys).map { $0 }
            if entity == .invoiceLineItems || entity == .estimateLineItems { names.insert("estimate_id", at: 4) }
            for record in dataset[entity] { #expect(record.keys.map { $0 } == names, "\(entity)") }
        }
        let ticketIDs = Set(dataset.tickets.compactMap { $0["id"]?.intValue })
        #expect(dataset[.invoices].allSatisfy { ticketIDs.contains($0["ticket_id"]?.intValue ?? 0) })
        #expect(try SimulatorDataset(json: JSONValue.parse(dataset.json.serializedBytes)) == dataset)
        // State and reset carry the new arrays too.
        try await Harness.withSimulator(dataset: dataset) { client async throws in
            let state = try #require(try await client.control("GET", "/_sim/state").json)
            #expect(state.count("invoice_line_items") == 6)
            #expect(state.count("estimate_line_items") == 2)
            #expect(try SimulatorDataset(json: state) == dataset)
        }
    }

    @Test("Invoice and estimate line items must not share an id")
    func lineItemIDsShared() {
        let json: JSONValue = ["invoice_line_items": [["id": 5, "invoice_id": 1]], "estimate_line_items": [["id": 5]]]
        #expect(throws: SimulatorInputError.self) { try SimulatorDataset(json: json) }
        do {
            _ = try SimulatorDataset(json: json)
        } catch {
            #expect("\(error)".contains("two line items with id 5"), "\(error)")
        }
        #expect(throws: SimulatorInputError.self) { try SimulatorDataset(json: ["invoices": [["id": "x"]]]) }
    }
}
