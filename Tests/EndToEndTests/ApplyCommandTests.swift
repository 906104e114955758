import Foundation
import RecordFormats
import TestSupport
import Testing

/// `syncro-fusion apply` and `journal` as binaries against the sample account and `samples/snapshot.json`:
/// exit codes, dry run, approvals, refusals, reruns, and that the token appears in no output and no file.
@Suite("apply, end to end")
struct ApplyCommandTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-apply-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func writes(_ account: SimulatedAccount) async throws -> Int {
        try await account.requestLog().filter { $0["method"] != "GET" }.count
    }

    @Test("dry run, review skip, approval, rerun and journal: exit codes 0, 3 and 4 and the simulator's evidence")
    func story() async throws {
        try await SimulatedAccount.with { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let token = SampleTokens.full.secret
            let runner = CommandRunner(environment: ["SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": token])
            let plan = directory + "/plan.json"
            let snapshot = SimulatedAccount.repositoryRoot + "/samples/snapshot.json"
            var outputs: [String] = []

            let planned = try await runner.run([
                "plan", "--snapshot", snapshot, "--out", plan, "--allow", "add-comments,create-tickets",
                "--rate-limit", "60000",
            ])
            outputs.append(planned.all)
            #expect(planned.status == 2, "\(planned.all)")
            let operations = try #require(
                try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: plan)))["operations"]?.arrayValue)
            let reviewKeys = operations.filter { $0["gate"] == "review" }.compactMap { $0["op_key"]?.stringValue }
            #expect(!reviewKeys.isEmpty, "the sample plan should hold a review operation")
            // Restored comments the relationship syncs back to the partner: refused without --accept-echo.
            let echoes = operations.filter { $0["echo_risk"] == true }.count
            #expect(echoes > 0, "the sample relationship syncs comments both ways")

            // Dry run: every write printed, none sent, no journal.
            let dry = try await runner.run([
                "apply", plan, "--dry-run", "--approve", "all", "--accept-echo", "--rate-limit", "60000",
            ])
            outputs.append(dry.all)
            #expect(dry.status == 0, "\(dry.all)")
            #expect(dry.stdout.components(separatedBy: "would apply  sfr1-").count - 1 == operations.count)
            #expect(dry.stdout.contains("\"do_not_email\":true"))
            #expect(try await writes(account) == 0)
            #expect(!FileManager.default.fileExists(atPath: directory + "/plan.journal"))

            // Without approval the review operation is skipped: exit 3.
            let first = try await runner.run(["apply", plan, "--rate-limit", "60000"])
            outputs.append(first.all)
            #expect(first.status == 3, "\(first.all)")
            #expect(first.stdout.contains("skipped for review \(reviewKeys.count - echoes)"))
            #expect(first.stdout.contains("refused \(echoes)"))
            #expect(try await writes(account) == operations.count - reviewKeys.count)

            // Approved by key: the rest runs, and the run ends clean.
            let approved = try await runner.run([
                "apply", plan, "--approve", reviewKeys.joined(separator: ","), "--accept-echo", "--rate-limit", "60000",
            ])
            outputs.append(approved.all)
            #expect(approved.status == 0, "\(approved.all)")
            #expect(try await writes(account) == operations.count)

            // Diff again: every finding with a write is gone; only report-only findings are left.
            let after = try await runner.run([
                "diff", "--snapshot", snapshot, "--report", "json", "--rate-limit", "60000",
            ])
            outputs.append(after.all)
            #expect(after.status == 2, "\(after.stderr)")
            let findings = try #require(try JSONValue.parse(Array(after.stdout.utf8))["findings"]?.arrayValue)
            #expect(!findings.isEmpty)
            for finding in findings {
                #expect(finding["gate"] == "report", "left after apply: \(finding["message"]?.stringValue ?? "")")
            }

            // Again: nothing sent.
            let again = try await runner.run(["apply", plan, "--approve", "all", "--rate-limit", "60000"])
            outputs.append(again.all)
            #expect(again.status == 0)
            #expect(again.stdout.contains("already-applied \(operations.count)"))
            #expect(try await writes(account) == operations.count)

            let journal = try await runner.run(["journal", directory + "/plan.journal"])
            outputs.append(journal.all)
            #expect(journal.status == 0)
            #expect(journal.stdout.contains("applied \(operations.count)"))
            for key in operations.compactMap({ $0["op_key"]?.stringValue }) { #expect(journal.stdout.contains(key)) }

            // The token is in no output and no file apply or plan wrote.
            for output in outputs { #expect(!output.contains(token)) }
            for file in try FileManager.default.contentsOfDirectory(atPath: directory) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
                #expect(bytes.range(of: Data(token.utf8)) == nil, "\(file) holds the token")
            }
        }
    }

    @Test("an edited plan, an unknown approval key and a missing plan: exit 4, 64 and 1, nothing sent")
    func refusals() async throws {
        try await SimulatedAccount.with { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let plan = directory + "/plan.json"
            let planned = try await runner.run([
                "plan", "--snapshot", SimulatedAccount.repositoryRoot + "/samples/snapshot.json", "--out", plan,
                "--rate-limit", "60000",
            ])
            #expect(planned.status == 2)

            let text = try String(contentsOfFile: plan, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "\"2 Normal\"", with: "\"1 High\"")
            #expect(edited != text)
            try Data(edited.utf8).write(to: URL(fileURLWithPath: directory + "/edited.json"))
            let refused = try await runner.run(["apply", directory + "/edited.json", "--rate-limit", "60000"])
            #expect(refused.status == 4)
            #expect(refused.stderr.contains("was changed after it was made"))

            let unknown = try await runner.run(["apply", plan, "--approve", "sfr1-0000000000000000dead"])
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("not a review operation of this plan"))

            let missing = try await runner.run(["apply", directory + "/none.json"])
            #expect(missing.status == 1)
            #expect(missing.stderr.hasPrefix("syncro-fusion: cannot read the plan"))
            #expect(try await writes(account) == 0)
        }
    }
}
