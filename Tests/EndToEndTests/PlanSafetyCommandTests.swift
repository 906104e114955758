import Foundation
import RecordFormats
import TestSupport
import Testing

/// `plan` and `apply` as binaries against the sample account: a creation that may duplicate a Syncro ticket, a
/// suspicious snapshot, a ticket in Customer Reply, and a restored comment that may echo back to the partner.
@Suite("plan and apply: look before creating, respect Syncro's side effects")
struct PlanSafetyCommandTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-safety-\(UUID().uuidString)-\(name)").path
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func snapshot(tickets: String) -> String {
        """
        {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-safety",
         "generated_at": "2026-01-16T06:00:00Z",
         "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "demo", "syncro_role": "target",
           "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
           "sync_public_comments": true, "sync_private_comments": false},
         "customers": [], "contacts": [], "assets": [], "tickets": [\(tickets)]}
        """
    }

    @Test("a partner ticket like Syncro's 1006: suspicious snapshot, no creation; with --max-creates, review-gated")
    func creationLooksFirst() async throws {
        try await SimulatedAccount.with { account in
            let snapshotPath = temporaryPath("snapshot.json")
            let planPath = temporaryPath("plan.json")
            defer { for path in [snapshotPath, planPath] { try? FileManager.default.removeItem(atPath: path) } }
            // Ticket 1006 of customer 102, "Warehouse Wi-Fi drops near loading dock", created 2026-01-05; ticket
            // 1010 is by the integration user 118. One of the snapshot's two tickets is to be created: 50 %.
            try write(
                snapshot(
                    tickets: #"""
                        {"partner_ticket_id": "P-1", "syncro_ticket_id": 1003, "syncro_customer_id": 104,
                         "expected": {}, "comments": []},
                        {"partner_ticket_id": "P-2", "syncro_ticket_id": null, "syncro_customer_id": 102,
                         "expected": {"subject": "warehouse WI-FI drops  near loading dock ", "customer_id": 102},
                         "comments": [{"partner_comment_id": "act-2", "syncro_comment_id": null, "hidden": false,
                                       "created_at": "2026-01-06T08:00:00Z", "body": "Drops again at dock 3."}]}
                        """#), to: snapshotPath)
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let base = ["plan", "--snapshot", snapshotPath, "--out", planPath, "--rate-limit", "60000"]

            let suspicious = try await runner.run(base + ["--allow", "create-tickets"])
            #expect(suspicious.status == 0, "\(suspicious.all)")
            #expect(suspicious.stdout.contains("Warning: Suspicious snapshot: 1 of its 2 tickets (50 %)"))
            #expect(suspicious.stderr.contains("warning: Suspicious snapshot"), "\(suspicious.stderr)")
            let empty = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: planPath)))
            #expect(empty["operations"] == [])
            #expect(empty["warnings"]?.arrayValue?.count == 1)

            let unlocked = try await runner.run(base + ["--allow", "create-tickets", "--max-creates", "5"])
            #expect(unlocked.status == 2, "\(unlocked.all)")
            let plan = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: planPath)))
            let operations = try #require(plan["operations"]?.arrayValue)
            #expect(operations.count == 1)
            #expect(operations.first?["kind"] == "create-ticket" && operations.first?["gate"] == "review")
            let note = operations.first?["note"]?.stringValue ?? ""
            #expect(note.contains("Syncro ticket 1006"), "\(note)")
            #expect(operations.first?["automations"] == ["Ticket Created"])
            #expect(unlocked.stdout.contains(note), "the summary names the possible duplicate")

            let usage = try await runner.run(base + ["--max-creates", "-1"])
            #expect(usage.status == 64, "\(usage.all)")
        }
    }

    @Test("a stale export plans a status change of a ticket now in Customer Reply: apply never PUTs it (exit 3)")
    func customerReplyAndEcho() async throws {
        try await SimulatedAccount.with { account in
            let export = temporaryPath("export")
            let snapshotPath = temporaryPath("snapshot.json")
            let planPath = temporaryPath("plan.json")
            let journal = temporaryPath("plan.journal")
            defer {
                for path in [export, snapshotPath, planPath, journal] {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let exported = try await runner.run([
                "export", "--out", export, "--format", "jsonl", "--rate-limit", "60000",
            ])
            #expect(exported.status == 0, "\(exported.all)")
            // The export saw ticket 1011 before its customer replied.
            let ticketsFile = export + "/tickets.jsonl"
            let lines = try String(contentsOfFile: ticketsFile, encoding: .utf8).split(separator: "\n")
            let edited = try lines.map { line -> String in
                guard case .object(var record) = try JSONValue.parse(Array(line.utf8)),
                    record["id"]?.intValue == 1011
                else { return String(line) }
                record["status"] = "New"
                return JSONValue.object(record).serialized()
            }
            try write(edited.joined(separator: "\n") + "\n", to: ticketsFile)

            try write(
                snapshot(
                    tickets: #"""
                        {"partner_ticket_id": "P-11", "syncro_ticket_id": 1011, "syncro_customer_id": 101,
                         "expected": {"status": "In Progress"}, "comments": []},
                        {"partner_ticket_id": "P-3", "syncro_ticket_id": 1003, "syncro_customer_id": 104,
                         "expected": {}, "comments": [{"partner_comment_id": "act-echo", "syncro_comment_id": null,
                           "hidden": false, "body": "Fitted the new roller."}]}
                        """#), to: snapshotPath)
            let planned = try await runner.run([
                "plan", "--snapshot", snapshotPath, "--export", export, "--out", planPath, "--allow", "add-comments",
            ])
            #expect(planned.status == 2, "\(planned.all)")
            let plan = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: planPath)))
            let operations = try #require(plan["operations"]?.arrayValue)
            #expect(operations.map { $0["path"] } == ["/tickets/1003/comment", "/tickets/1011"])
            #expect(operations[0]["gate"] == "review" && operations[0]["echo_risk"] == true)
            #expect(operations[1]["automations"] == ["Ticket Updated"])
            #expect(planned.stdout.contains("echo risk"))

            let apply = ["apply", planPath, "--journal", journal, "--approve", "all", "--rate-limit", "60000"]
            let first = try await runner.run(apply)
            #expect(first.status == 3, "\(first.all)")
            #expect(first.stdout.contains("the ticket is in Customer Reply: a customer message is waiting"))
            #expect(first.stdout.contains("refused  "), "\(first.stdout)")
            #expect(first.stdout.contains("--accept-echo"))

            let accepted = try await runner.run(apply + ["--accept-echo"])
            #expect(accepted.status == 3, "\(accepted.all): the Customer Reply conflict stays")
            let writes = try await account.requestLog().compactMap { entry -> String? in
                guard let method = entry["method"]?.stringValue, method != "GET" else { return nil }
                return "\(method) \(entry["path"]?.stringValue ?? "")"
            }
            #expect(writes == ["POST /api/v1/tickets/1003/comment"])
            #expect(!writes.contains { $0.hasPrefix("PUT") && $0.hasSuffix("/tickets/1011") })
        }
    }
}
