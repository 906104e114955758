import Foundation
import RecordFormats
import TestSupport
import Testing

/// The blast-radius caps of `apply` through the binary against a generated account served by `simulate`: a plan
/// that touches 60 tickets is refused before any request, and runs with `--max-tickets 60`.
@Suite("apply caps, end to end")
struct BlastRadiusCapTests {
    /// 150 tickets, all linked by the snapshot (so 10 % is 15), 60 of them with a priority Syncro does not have.
    static let generated = "customers=10,tickets=150,comments=1,assets=10,seed=14"

    @Test("60 ticket updates: exit 4 and not one request; with --max-tickets 60 they are applied")
    func sixtyTickets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-caps-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let simulator = try CommandRunner().start([
            "simulate", "--port", "0", "--generate", Self.generated, "--rate-limit", "1000000",
        ])
        defer { simulator.signal(SIGTERM) }
        var port: Int?
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            port = SimulateCommandTests.listeningPort(of: simulator.processIdentifier)
        }
        let account = SimulatedAccount(baseURL: "http://127.0.0.1:\(try #require(port))/api/v1")
        let runner = CommandRunner(environment: [
            "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
        ])

        let tickets = try #require(try await account.state()["tickets"]?.arrayValue)
        #expect(tickets.count == 150)
        let snapshot = directory + "/snapshot.json"
        let changed = try Data(Self.snapshot(tickets, changing: 60).utf8)
        try changed.write(to: URL(fileURLWithPath: snapshot))
        let plan = directory + "/plan.json"
        let planned = try await runner.run([
            "plan", "--snapshot", snapshot, "--out", plan, "--rate-limit", "60000", "--quiet",
        ])
        #expect(planned.status == 2, "\(planned.all)")
        #expect(planned.stdout.contains("Blast radius: 60 tickets touched, 0 creations, 0 comments"))
        #expect(
            planned.stdout.contains(
                "caps: 50 tickets, 10 % of 150 linked tickets = 15, 10 creations; above the caps: apply needs "
                    + "--max-tickets 60"), "\(planned.stdout)")
        let operations = try #require(
            try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: plan)))["operations"]?.arrayValue)
        #expect(operations.count == 60 && operations.allSatisfy { $0["gate"] == "auto" })

        let before = try await account.requestLog().count
        for extra in [[], ["--dry-run"], ["--max-tickets", "59"]] {
            let refused = try await runner.run(["apply", plan, "--rate-limit", "60000"] + extra)
            #expect(refused.status == 4, "\(extra): \(refused.all)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
            #expect(refused.stderr.contains("it would touch 60 tickets"), "\(refused.stderr)")
            #expect(refused.stderr.contains("--max-tickets 60"), "\(refused.stderr)")
            #expect(refused.stdout.contains("blast radius of the operations to run: 60 tickets touched"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/plan.journal"))
        }
        // Not a write, and not even a read: the caps are checked right after the plan is loaded and verified.
        let log = try await account.requestLog()
        #expect(log.count == before, "\(log.dropFirst(before).map { $0["path"]?.stringValue ?? "" })")
        #expect(!log.contains { $0["method"] == "PUT" || $0["method"] == "POST" })

        let applied = try await runner.run(["apply", plan, "--max-tickets", "60", "--rate-limit", "60000"])
        #expect(applied.status == 0, "\(applied.all)")
        #expect(
            applied.stdout.contains(
                "caps: 60 tickets (--max-tickets), 10 creations; the operations to run are within them"))
        let puts = try await account.requestLog().filter { $0["method"] == "PUT" }
        #expect(puts.count == 60)
        #expect(!(try await account.requestLog()).contains { $0["method"] == "POST" })
    }

    /// A snapshot linking every ticket at its current values, except that the first `count` tickets (not in
    /// Customer Reply, which the planner leaves alone) expect another priority.
    static func snapshot(_ tickets: [JSONValue], changing count: Int) -> String {
        var changed = 0
        var records: [JSONValue] = []
        for ticket in tickets {
            guard let id = ticket["id"]?.intValue, let customer = ticket["customer_id"]?.intValue else { continue }
            let priority = ticket["priority"]?.stringValue ?? "2 Normal"
            var expected: JSONObject = ["priority": .string(priority)]
            if changed < count, ticket["status"] != "Customer Reply" {
                expected["priority"] = .string(priority == "3 Low" ? "2 Normal" : "3 Low")
                changed += 1
            }
            records.append([
                "partner_ticket_id": .string("P-\(id)"), "syncro_ticket_id": .int(id),
                "syncro_customer_id": .int(customer), "expected": .object(expected), "comments": [],
            ])
        }
        let snapshot: JSONValue = [
            "schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-caps",
            "generated_at": "2026-11-28T23:00:00Z",
            "relationship": [
                "relationship_id": "rel_caps", "syncro_subdomain": "demo", "syncro_role": "target",
                "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
                "sync_public_comments": true, "sync_private_comments": true,
            ],
            "customers": [], "contacts": [], "assets": [], "tickets": .array(records),
        ]
        return snapshot.serialized(pretty: true)
    }
}
