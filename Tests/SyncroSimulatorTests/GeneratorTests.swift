import Foundation
import RecordFormats
import SyncroSimulator
import Testing

@Suite("Dataset generator")
struct GeneratorTests {
    @Test("A generator spec parses; bad specs fail with one sentence")
    func parse() throws {
        let spec = try GeneratorSpec.parse("customers=200,tickets=5000,comments=4,assets=400,seed=7")
        #expect(spec.customers == 200)
        #expect(spec.tickets == 5000)
        #expect(spec.commentsPerTicket == 4)
        #expect(spec.assets == 400)
        #expect(spec.seed == 7)
        for bad in ["tickets", "tickets=-1", "widgets=3", "seed=x", "customers=0,tickets=5"] {
            #expect(throws: SimulatorInputError.self, "\(bad)") { try GeneratorSpec.parse(bad) }
        }
    }

    @Test("The same seed gives the same bytes; another seed differs")
    func determinism() {
        let spec = GeneratorSpec(customers: 40, tickets: 300, comments: 3, assets: 60, seed: 7)
        let first = SimulatorDataset.generate(spec).json.serializedBytes
        let second = SimulatorDataset.generate(spec).json.serializedBytes
        #expect(first == second)
        var other = spec
        other.seed = 8
        #expect(SimulatorDataset.generate(other).json.serializedBytes != first)
    }

    @Test("Generated data is realistic and consistent")
    func realism() throws {
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(customers: 60, tickets: 800, comments: 4, assets: 120, seed: 11))
        #expect(dataset.customers.count == 60)
        #expect(dataset.tickets.count == 800)
        #expect(dataset.assets.count == 120)
        #expect(dataset.users.contains { $0["id"] == 118 && $0["full_name"] == "Support Fusion" })
        #expect(dataset.customers.contains { $0["disabled"] == true })
        #expect(dataset.customers.contains { ($0["tag_list"]?.arrayValue?.count ?? 0) > 0 })
        let customerIDs = Set(dataset.customers.compactMap { $0["id"]?.intValue })
        var commentIDs = Set<Int>()
        var hidden = 0
        var customerSide = 0
        for ticket in dataset.tickets {
            #expect(customerIDs.contains(ticket["customer_id"]?.intValue ?? -1))
            let comments = try #require(ticket["comments"]?.arrayValue)
            #expect(!comments.isEmpty)
            #expect(comments.first?["subject"] == "Initial Issue")
            for comment in comments {
                let id = comment["id"]?.intValue ?? -1
                let inserted = commentIDs.insert(id).inserted
                #expect(inserted)
                if comment["hidden"] == true { hidden += 1 }
                if comment["user_id"]?.isNull == true { customerSide += 1 }
            }
            let created = try #require(ticket["created_at"]?.stringValue)
            #expect(created.count == 24 && created.hasSuffix("Z"))
            #expect(SimulatorTimestamp.parse(created) != nil)
        }
        #expect(hidden > 100)
        #expect(customerSide > 800)
        let types = Set(dataset.assets.compactMap { $0["asset_type"]?.stringValue })
        #expect(types.isSuperset(of: ["Laptop", "Server", "Firewall"]))
        #expect(Set(dataset.tickets.compactMap { $0["status"]?.stringValue }).count >= 6)
        // The dataset survives the file round trip.
        #expect(try SimulatorDataset(json: JSONValue.parse(dataset.json.serializedBytes)) == dataset)
    }

    @Test("a larger account keeps ids unique and numbers consecutive")
    func scale() {
        // Speed at 100,000 tickets is measured by `make bench`, never asserted here.
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(customers: 200, tickets: 10_000, comments: 2, assets: 400, seed: 1))
        #expect(dataset.tickets.count == 10_000)
        #expect(Set(dataset.tickets.compactMap { $0["id"]?.intValue }).count == 10_000)
        #expect(dataset.tickets.last?["number"] == 11_000)
    }
}
