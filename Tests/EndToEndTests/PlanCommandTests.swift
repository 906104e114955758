import Foundation
import RecordFormats
import TestSupport
import Testing

/// `syncro-fusion plan` as a binary against the sample account: exit codes, the plan file, the review page, and
/// that a plan carried out by `apply` leaves nothing to plan.
@Suite("plan, end to end")
struct PlanCommandTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-plan-\(UUID().uuidString)-\(name)").path
    }

    /// A snapshot of the sample account: ticket 1003 expected at priority `priority` (Syncro has 3 Low), with a
    /// partner comment Syncro lacks unless `withDrift` is false; and, with drift, a partner ticket never created
    /// whose subject is markup.
    private func snapshot(subdomain: String = "demo", withDrift: Bool = true) -> String {
        let comments =
            withDrift
            ? #"[{"partner_comment_id": "act-1", "syncro_comment_id": null, "hidden": true, "body": "Fitted the new roller."}]"#
            : "[]"
        let created =
            withDrift
            ? #"""
            , {"partner_ticket_id": "P-2", "syncro_ticket_id": null, "syncro_customer_id": 102,
               "expected": {"subject": "<script>alert(1)</script> scanner", "status": "New", "customer_id": 102,
                            "tags": ["scanner"]},
               "comments": [{"partner_comment_id": "act-2", "syncro_comment_id": null, "hidden": false,
                             "body": "Scanner at door 6 will not pair."}]}
            """# : ""
        return """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-plan",
             "generated_at": "2026-11-28T23:00:00Z",
             "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "\(subdomain)", "syncro_role": "target",
               "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
               "sync_public_comments": true, "sync_private_comments": true},
             "customers": [], "contacts": [], "assets": [],
             "tickets": [{"partner_ticket_id": "P-1", "syncro_ticket_id": 1003, "syncro_customer_id": 104,
               "expected": {"priority": "\(withDrift ? "2 Normal" : "3 Low")"}, "comments": \(comments)}\(created)]}
            """
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test("operations exit 2 with the plan and page written; no drift exits 0; another account exits 4, no file")
    func exitCodes() async throws {
        try await SimulatedAccount.with { account in
            let export = temporaryPath("export")
            let snapshotPath = temporaryPath("snapshot.json")
            let planPath = temporaryPath("plan.json")
            let htmlPath = temporaryPath("plan.html")
            defer {
                for path in [export, snapshotPath, planPath, htmlPath] {
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

            try write(snapshot(), to: snapshotPath)
            let planned = try await runner.run([
                "plan", "--snapshot", snapshotPath, "--export", export, "--out", planPath, "--html", htmlPath,
                "--allow", "add-comments,create-tickets", "--max-creates", "5",
            ])
            #expect(planned.status == 2, "\(planned.all)")
            #expect(
                planned.stdout.hasPrefix("Plan for snapshot s-plan against demo: 3 operations"), "\(planned.stdout)")
            #expect(planned.stdout.contains("Estimate: 6 API calls, at least 2.0 s at 180 requests per minute"))
            let plan = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: planPath)))
            #expect(plan["plan_version"] == 1 && plan["snapshot_id"] == "s-plan" && plan["syncro_subdomain"] == "demo")
            let operations = try #require(plan["operations"]?.arrayValue)
            #expect(operations.map { $0["kind"] } == ["update-ticket", "add-comment", "create-ticket"])
            #expect(operations[0]["path"] == "/tickets/1003" && operations[0]["body"] == ["priority": "2 Normal"])
            #expect(operations[0]["from"] == ["priority": "3 Low"])
            #expect(operations[1]["body"]?["do_not_email"] == true && operations[1]["body"]?["hidden"] == true)
            let keys = operations.compactMap { $0["op_key"]?.stringValue }
            #expect(keys.count == 3)
            let page = try String(contentsOfFile: htmlPath, encoding: .utf8)
            for key in keys { #expect(page.contains(key)) }
            // The markup subject stays text; the only script is the approval form's own (for the review operation).
            let scripts = page.components(separatedBy: "<script").count - 1
            #expect(scripts == (operations.contains { $0["gate"] == "review" } ? 1 : 0))
            #expect(page.contains("&lt;script&gt;"))
            for text in [planned.all, page, try String(contentsOfFile: planPath, encoding: .utf8)] {
                #expect(!text.contains(SampleTokens.full.secret))
            }

            let withoutOptIns = try await runner.run([
                "plan", "--snapshot", snapshotPath, "--export", export, "--out", planPath,
            ])
            #expect(withoutOptIns.status == 2)
            #expect(withoutOptIns.stdout.contains("not planned: add --allow add-comments"))

            try write(snapshot(withDrift: false), to: snapshotPath)
            let clean = try await runner.run([
                "plan", "--snapshot", snapshotPath, "--export", export, "--out", planPath,
            ])
            #expect(clean.status == 0, "\(clean.all)")
            #expect(clean.stdout.contains("Nothing to write"))
            let empty = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: planPath)))
            #expect(empty["operations"] == [])

            try write(snapshot(subdomain: "elsewhere"), to: snapshotPath)
            let foreignPlan = temporaryPath("foreign.json")
            let foreign = try await runner.run([
                "plan", "--snapshot", snapshotPath, "--export", export, "--out", foreignPlan,
            ])
            #expect(foreign.status == 4, "\(foreign.all)")
            #expect(foreign.stdout.contains("SNAPSHOT_SUBDOMAIN"))
            #expect(foreign.stderr.contains("no plan written"))
            #expect(!FileManager.default.fileExists(atPath: foreignPlan))

            let usage = try await runner.run([
                "plan", "--snapshot", snapshotPath, "--export", export, "--out", planPath, "--allow", "delete-tickets",
            ])
            #expect(usage.status == 64, "\(usage.all)")
            #expect(usage.stderr.contains("delete-tickets"))
        }
    }

    @Test("against the live account: apply carries the plan out, and planning again finds nothing to write")
    func liveRoundTrip() async throws {
        try await SimulatedAccount.with { account in
            let snapshotPath = temporaryPath("snapshot.json")
            let planPath = temporaryPath("plan.json")
            let journal = temporaryPath("plan.journal")
            let again = temporaryPath("again.json")
            defer {
                for path in [snapshotPath, planPath, journal, again] {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            try write(snapshot(), to: snapshotPath)
            let arguments = [
                "plan", "--snapshot", snapshotPath, "--allow", "add-comments,create-tickets", "--rate-limit", "60000",
                "--max-creates", "5",
            ]
            let planned = try await runner.run(arguments + ["--out", planPath])
            #expect(planned.status == 2, "\(planned.all)")

            // The restored private comment may echo back to the partner (the relationship syncs private comments).
            let applied = try await runner.run([
                "apply", planPath, "--journal", journal, "--rate-limit", "60000", "--approve", "all", "--accept-echo",
            ])
            #expect(applied.status == 0, "\(applied.all)")

            let replanned = try await runner.run(arguments + ["--out", again])
            #expect(replanned.status == 0, "\(replanned.all)")
            let plan = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: again)))
            #expect(plan["operations"] == [])
            let findings = try #require(plan["findings"]?.arrayValue)
            let notCreated = try #require(findings.first { $0["code"] == "TICKET_NOT_CREATED" })
            #expect(notCreated["gate"] == "report", "the created ticket, not yet linked, is not created again")
            let created = try #require(notCreated["syncro_id"])
            #expect(created != .null)
            let unlinked = { (plan: JSONValue) in
                (plan["findings"]?.arrayValue ?? []).filter { $0["code"] == "TICKET_UNLINKED" }.map { $0["syncro_id"] }
            }
            let first = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: planPath)))
            #expect(unlinked(plan) == unlinked(first), "the created ticket is not reported unlinked")
            #expect(!unlinked(plan).contains(created))
        }
    }
}
