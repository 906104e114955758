import Foundation
import RecordFormats
import SyncroSimulator
import Testing

@Suite("Sample files and loaders")
struct SampleFilesTests {
    @Test("SimulatorTokens.samples equals samples/tokens.json")
    func sampleTokens() throws {
        let path = Harness.samplesDirectory.appendingPathComponent("tokens.json").path
        let loaded = try SimulatorTokens.load(contentsOf: path)
        #expect(loaded == SimulatorTokens.samples)
        #expect(loaded.tokens.count == 4)
        #expect(loaded.tokens.allSatisfy { $0.token.count >= 32 && $0.token.hasPrefix("sfdemo-") })
    }

    @Test("The full sample token has exactly the setup guide's permissions")
    func setupGuidePermissions() throws {
        let full = try #require(SimulatorTokens.samples.token(Harness.fullToken))
        #expect(
            Set(full.permissions) == [
                "Customers - List/Search", "Customers - View Detail", "Assets - List/Search", "Assets - View Details",
                "Tickets - Create", "Tickets - Edit", "Tickets - List/Search", "Tickets - View Details",
                "Ticket Comments - New", "Ticket Attachments - View", "Products - List/Search",
                "Tags - End User Tags", "Tags - Organization Tags", "Tags - Ticket Tags",
            ])
        let readOnly = try #require(SimulatorTokens.samples.token(Harness.readOnlyToken))
        #expect(readOnly.permissions.allSatisfy { $0.contains("List/Search") || $0.contains("View") })
        let noTickets = try #require(SimulatorTokens.samples.token(Harness.noTicketsToken))
        #expect(!noTickets.permissions.contains { $0.hasPrefix("Tickets") })
    }

    @Test("The sample dataset has the promised contents")
    func sampleDataset() throws {
        let dataset = try Harness.sampleDataset()
        #expect(dataset.customers.count == 6)
        #expect(dataset.customers.filter { $0["disabled"] == true }.count == 1)
        #expect(dataset.contacts.count == 10)
        #expect(dataset.users.count == 4)
        #expect(dataset.users.contains { $0["id"] == 118 && $0["full_name"] == "Support Fusion" })
        #expect(dataset.tickets.count == 12)
        for ticket in dataset.tickets {
            let comments = ticket["comments"]?.arrayValue?.count ?? 0
            #expect((2...5).contains(comments), "ticket \(ticket["id"] ?? nil)")
        }
        #expect(dataset.tickets.contains { $0["comments"]?.arrayValue?.contains { $0["hidden"] == true } == true })
        #expect(dataset.assets.count == 8)
        #expect(dataset.products.count == 5)
        #expect(dataset.settings != nil && dataset.ticketSettings != nil)
    }

    @Test("Bad datasets and tokens fail with one sentence naming the problem")
    func badInputs() throws {
        let cases: [(JSONValue, String)] = [
            ([1, 2], "not a JSON object"),
            (["customers": ["id": 1]], "not an array"),
            (["customers": [["name": "x"]]], "integer \"id\""),
            (["tickets": [["id": 1], ["id": 1]]], "two \"tickets\" records with id 1"),
            (["tickets": [["id": 1, "comments": [["id": 5], ["id": 5]]]]], "two comments with id 5"),
        ]
        for (json, fragment) in cases {
            #expect(throws: SimulatorInputError.self) { try SimulatorDataset(json: json) }
            do {
                _ = try SimulatorDataset(json: json)
            } catch {
                #expect("\(error)".contains(fragment), "\(error)")
            }
        }
        #expect(throws: SimulatorInputError.self) { try SimulatorDataset.load(contentsOf: "/nonexistent/dataset.json") }
        #expect(throws: SimulatorInputError.self) {
            try SimulatorTokens.parse(Array(#"{"tokens":[{"name":"x"}]}"#.utf8))
        }
    }

    @Test("Timestamps parse in every accepted form and format with milliseconds and Z")
    func timestamps() {
        let instant: Int64 = 1_573_145_971_034  // 2019-11-07T16:59:31.034Z
        #expect(SimulatorTimestamp.format(milliseconds: instant) == "2019-11-07T16:59:31.034Z")
        #expect(SimulatorTimestamp.parse("2019-11-07T16:59:31.034Z") == instant)
        #expect(SimulatorTimestamp.parse("2019-11-07T08:59:31.034-08:00") == instant)
        #expect(SimulatorTimestamp.parse("2019-11-07T18:59:31.034+0200") == instant)
        #expect(SimulatorTimestamp.parse("2019-11-07T18:59:31.034 02:00") == instant)
        #expect(SimulatorTimestamp.parse("2019-11-07 16:59:31.034") == instant)
        #expect(SimulatorTimestamp.parse("2019-11-07T16:59:31Z") == instant - 34)
        #expect(SimulatorTimestamp.parse("2019-11-07") == 1_573_084_800_000)
        #expect(SimulatorTimestamp.parse("1969-12-31T23:59:59.999Z") == -1)
        #expect(SimulatorTimestamp.format(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        for bad in ["", "yesterday", "2019-13-01", "2019-11-07T25:00", "2019-11-07T10:00:00X"] {
            #expect(SimulatorTimestamp.parse(bad) == nil, "\(bad)")
        }
    }
}
