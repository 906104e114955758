import RecordFormats
import SyncroSimulator
import Testing

@Suite("Control endpoints")
struct ControlEndpointTests {
    @Test("The request log lists method, path, query, status and time in order, with api_key hidden")
    func requestLog() async throws {
        try await Harness.withSimulator { client in
            _ = try await client.get("/tickets?status=New&page=2")
            _ = try await client.get("/customers", token: Harness.readOnlyToken, auth: .query)
            _ = try await client.get("/tickets/0", token: Harness.noTicketsToken)
            let log = try #require(try await client.control("GET", "/_sim/requests").json?.arrayValue)
            #expect(log.count == 3)
            #expect(log.map { $0["path"] } == ["/api/v1/tickets", "/api/v1/customers", "/api/v1/tickets/0"])
            #expect(log.map { $0["status"] } == [200, 200, 401])
            #expect(log[0]["method"] == "GET")
            #expect(log[0]["query"] == "status=New&page=2")
            #expect(log[1]["query"] == "api_key=REDACTED")
            #expect(log[0]["time"]?.stringValue.flatMap(SimulatorTimestamp.parse) != nil)
            #expect(!log.description.contains("sfdemo"))
        }
    }

    @Test("State returns the dataset shape; reset restores it and clears the log")
    func stateAndReset() async throws {
        let original = try Harness.sampleDataset()
        try await Harness.withSimulator { client in
            let initial = try #require(try await client.control("GET", "/_sim/state").json)
            #expect(try SimulatorDataset(json: initial) == original)

            _ = try await client.send("PUT", "/tickets/1003", body: ["status": "In Progress"])
            _ = try await client.send("POST", "/tickets", body: ["customer_id": 101, "subject": "New one"])
            let changed = try #require(try await client.control("GET", "/_sim/state").json)
            #expect(changed.count("tickets") == 13)
            let ticket = changed["tickets"]?.arrayValue?.first { $0["id"] == 1003 }
            #expect(ticket?["status"] == "In Progress")
            #expect(ticket?.count("comments") == 2)

            #expect(try await client.control("POST", "/_sim/reset").status == 200)
            let reset = try #require(try await client.control("GET", "/_sim/state").json)
            #expect(try SimulatorDataset(json: reset) == original)
            #expect(try await client.control("GET", "/_sim/requests").json == [])
        }
    }
}
