import Foundation
import RecordFormats
import TestSupport
import Testing

/// `syncro-fusion diff` as a binary: exit codes and report shapes against a real export of the sample account.
@Suite("diff, end to end")
struct DiffCommandTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-diff-\(UUID().uuidString)-\(name)").path
    }

    /// A snapshot of the sample account that expects ticket 1001 "In Progress" (Syncro has it Resolved).
    private func snapshot(subdomain: String) -> String {
        """
        {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-1",
         "generated_at": "2026-11-28T23:00:00Z",
         "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "\(subdomain)", "syncro_role": "target",
           "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
           "sync_public_comments": true, "sync_private_comments": false},
         "customers": [], "contacts": [], "assets": [],
         "tickets": [{"partner_ticket_id": "P-1", "syncro_ticket_id": 1001, "syncro_customer_id": 101,
           "expected": {"status": "In Progress"}, "comments": []}]}
        """
    }

    @Test("drift exits 2 with the finding; another account's snapshot exits 4; JSON has the specified shape")
    func exitCodes() async throws {
        try await SimulatedAccount.with { account in
            let export = temporaryPath("export")
            let snapshotPath = temporaryPath("snapshot.json")
            defer {
                try? FileManager.default.removeItem(atPath: export)
                try? FileManager.default.removeItem(atPath: snapshotPath)
            }
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let exported = try await runner.run([
                "export", "--out", export, "--format", "jsonl", "--rate-limit", "60000",
            ])
            #expect(exported.status == 0, "\(exported.all)")

            try Data(snapshot(subdomain: "demo").utf8).write(to: URL(fileURLWithPath: snapshotPath))
            let drift = try await runner.run(["diff", "--snapshot", snapshotPath, "--export", export])
            #expect(drift.status == 2, "\(drift.all)")
            #expect(drift.stdout.contains("TICKET_FIELD"))
            #expect(drift.stdout.contains("status is Resolved, Support Fusion expects In Progress"))

            let json = try await runner.run([
                "diff", "--snapshot", snapshotPath, "--export", export, "--report", "json",
            ])
            let report = try JSONValue.parse(json.stdout)
            #expect(report["report_version"] == 1)
            #expect(report["summary"]?["TICKET_FIELD"] == 1)
            let finding = try #require(report["findings"]?.arrayValue?.first { $0["code"] == "TICKET_FIELD" })
            #expect(finding["syncro_id"] == 1001)
            #expect(finding["partner_id"] == "P-1")
            #expect(finding["expected"] == "In Progress")
            #expect(finding["current"] == "Resolved")

            try Data(snapshot(subdomain: "elsewhere").utf8).write(to: URL(fileURLWithPath: snapshotPath))
            let foreign = try await runner.run(["diff", "--snapshot", snapshotPath, "--export", export])
            #expect(foreign.status == 4)
            #expect(foreign.stdout.contains("SNAPSHOT_SUBDOMAIN"))

            let same = try await runner.run(["diff", "--base", export, "--current", export])
            #expect(same.status == 0, "\(same.all)")
        }
    }

    @Test("an unreadable snapshot is exit 4 with its diagnostic; usage mistakes are 64")
    func badInput() async throws {
        let export = temporaryPath("missing-export")
        let snapshotPath = temporaryPath("bad.json")
        defer { try? FileManager.default.removeItem(atPath: snapshotPath) }
        try Data("{\"schema\": \"sf-syncro-snapshot\", \"schema_version\": \"9.0\"".utf8).write(
            to: URL(fileURLWithPath: snapshotPath))
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: export) }
        try Data(#"{"manifest_version": 1, "subdomain": "demo", "format": "jsonl"}"#.utf8).write(
            to: URL(fileURLWithPath: export + "/manifest.json"))
        try Data().write(to: URL(fileURLWithPath: export + "/tickets.jsonl"))
        let invalid = try await CommandRunner().run(["diff", "--snapshot", snapshotPath, "--export", export])
        #expect(invalid.status == 4, "\(invalid.all)")
        #expect(invalid.stdout.contains("SNAPSHOT_INVALID"))
        let usage = try await CommandRunner().run(["diff", "--base", export])
        #expect(usage.status == 64)
    }
}
