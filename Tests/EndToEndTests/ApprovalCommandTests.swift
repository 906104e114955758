import Foundation
import RecordFormats
import TestSupport
import Testing

/// `syncro-fusion approve` and `apply --approval` through the binary against the sample account (a plan with three
/// review operations), and the review page's approval form driven in a real headless Chromium.
@Suite("approve and apply --approval, end to end")
struct ApprovalCommandTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-approve-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A snapshot of the sample account that moves tickets 1007, 1009 and 1010 to Resolved (review operations:
    /// closing statuses need a person) and corrects the priority of 1006 (auto).
    static let snapshot = """
        {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-approve",
         "generated_at": "2026-11-28T23:00:00Z",
         "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "demo", "syncro_role": "target",
           "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
           "sync_public_comments": true, "sync_private_comments": true},
         "customers": [], "contacts": [], "assets": [],
         "tickets": [
          {"partner_ticket_id": "P-6", "syncro_ticket_id": 1006, "syncro_customer_id": 102,
           "expected": {"priority": "2 Normal"}, "comments": []},
          {"partner_ticket_id": "P-7", "syncro_ticket_id": 1007, "syncro_customer_id": 101,
           "expected": {"status": "Resolved"}, "comments": []},
          {"partner_ticket_id": "P-9", "syncro_ticket_id": 1009, "syncro_customer_id": 103,
           "expected": {"status": "Resolved"}, "comments": []},
          {"partner_ticket_id": "P-10", "syncro_ticket_id": 1010, "syncro_customer_id": 104,
           "expected": {"status": "Resolved"}, "comments": []}]}
        """

    /// Plans `snapshot` against the sample account into `directory/plan.json` (and `plan.html`); returns the
    /// review operations.
    private func planWithReviews(_ runner: CommandRunner, in directory: String) async throws -> [JSONValue] {
        try Data(Self.snapshot.utf8).write(to: URL(fileURLWithPath: directory + "/snapshot.json"))
        let planned = try await runner.run([
            "plan", "--snapshot", directory + "/snapshot.json", "--out", directory + "/plan.json", "--html",
            directory + "/plan.html", "--rate-limit", "60000",
        ])
        #expect(planned.status == 2, "\(planned.all)")
        let plan = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: directory + "/plan.json")))
        let review = (plan["operations"]?.arrayValue ?? []).filter { $0["gate"] == "review" }
        #expect(review.map { $0["path"] } == ["/tickets/1007", "/tickets/1009", "/tickets/1010"])
        return review
    }

    private func runner(_ account: SimulatedAccount) -> CommandRunner {
        CommandRunner(environment: ["SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret])
    }

    /// `PUT /tickets/1003`-style lines of the writes in the simulator's log.
    private func writes(_ account: SimulatedAccount) async throws -> [String] {
        try await account.requestLog().filter { $0["method"] != "GET" }.map {
            "\($0["method"]?.stringValue ?? "") \(String(($0["path"]?.stringValue ?? "").dropFirst("/api/v1".count)))"
        }
    }

    @Test("approve writes a file bound to the plan's hash; apply --approval runs exactly its review operations")
    func approveThenApply() async throws {
        try await SimulatedAccount.with { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let runner = runner(account)
            let review = try await planWithReviews(runner, in: directory)
            try #require(review.count == 3)
            let plan = directory + "/plan.json"
            let hash = try #require(
                try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: plan)))["hash"]?.stringValue)
            let chosen = try #require(review.first)
            let key = try #require(chosen["op_key"]?.stringValue)

            let approved = try await runner.run(["approve", plan, "--keys", key, "--by", "Dana Whitfield"])
            #expect(approved.status == 0, "\(approved.all)")
            let file = directory + "/plan.approval.json"
            #expect(approved.stdout.contains("wrote \(file)"))
            let approval = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(
                approval.objectValue?.keys == [
                    "approval_version", "plan_hash", "approved_by", "approved_at", "op_keys",
                ])
            #expect(approval["approval_version"] == 1 && approval["plan_hash"] == .string(hash))
            #expect(approval["approved_by"] == "Dana Whitfield" && approval["op_keys"] == [.string(key)])

            let all = try await runner.run([
                "approve", plan, "--gate", "review", "--by", "Dana", "--out", directory + "/all.json",
            ])
            #expect(all.status == 0, "\(all.all)")
            let allKeys = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: directory + "/all.json")))[
                "op_keys"]
            #expect(allKeys == .array(review.compactMap { $0["op_key"] }))

            // Usage errors and a refused file: exit 64 and 4, one sentence each, no request.
            let unknown = try await runner.run(["approve", plan, "--keys", "sfr1-0000000000000000dead", "--by", "x"])
            #expect(unknown.status == 64 && unknown.stderr.contains("not a review operation of this plan"))
            let neither = try await runner.run(["approve", plan, "--by", "x"])
            #expect(neither.status == 64, "\(neither.all)")
            let both = try await runner.run(["apply", plan, "--approval", file, "--approve", "all"])
            #expect(both.status == 64 && both.stderr.contains("--approve and --approval cannot be used together"))

            let requestsBefore = try await account.requestLog().count
            var other = try #require(approval.objectValue)
            other["plan_hash"] = .string("sha256:" + String(repeating: "0", count: 64))
            try Data(JSONValue.object(other).serialized(pretty: true).utf8)
                .write(to: URL(fileURLWithPath: directory + "/other.json"))
            let foreign = try await runner.run(["apply", plan, "--approval", directory + "/other.json"])
            #expect(foreign.status == 4, "\(foreign.all)")
            #expect(foreign.stderr.split(separator: "\n").count == 1)
            #expect(foreign.stderr.contains(directory + "/other.json") && foreign.stderr.contains(plan))
            #expect(try await account.requestLog().count == requestsBefore)

            // The approval runs the approved review operation and skips the others, as --approve KEY does.
            let applied = try await runner.run(["apply", plan, "--approval", file, "--rate-limit", "60000"])
            #expect(applied.status == (review.count == 1 ? 0 : 3), "\(applied.all)")
            #expect(applied.stdout.contains("applied  \(key)"), "\(applied.stdout)")
            for other in review.dropFirst().compactMap({ $0["op_key"]?.stringValue }) {
                #expect(applied.stdout.contains("skipped-review  \(other)"))
            }
            #expect(try await writes(account).contains("PUT \(chosen["path"]?.stringValue ?? "?")"))
        }
    }

    @Test("approve --help explains the file and shows examples with its own options")
    func help() async throws {
        let help = try await CommandRunner().run(["approve", "--help"])
        #expect(help.status == 0, "\(help.all)")
        #expect(help.stdout.contains("EXAMPLES:"))
        #expect(help.stdout.contains("syncro-fusion approve plan.json --gate review --by \"Dana Whitfield\""))
        for option in ["--all", "--keys", "--gate", "--by", "--out"] { #expect(help.stdout.contains(option)) }
        let apply = try await CommandRunner().run(["apply", "--help"])
        for option in ["--approval", "--max-tickets", "--max-creates"] { #expect(apply.stdout.contains(option)) }
    }

    /// The Chromium binary, from `$CHROMIUM` or the usual names on `PATH`.
    static let chromium: String? = {
        if let path = ProcessInfo.processInfo.environment["CHROMIUM"], !path.isEmpty { return path }
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }()

    @Test(
        "the review page in headless Chromium: tick two review operations, download the file, apply exactly those",
        .enabled(
            if: ApprovalCommandTests.chromium != nil,
            "no chromium binary on PATH (apt-get install chromium; .ci/run installs it, or set CHROMIUM)"))
    func reviewPageInChromium() async throws {
        let chromium = try #require(Self.chromium)
        try await SimulatedAccount.with { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let runner = runner(account)
            let review = try await planWithReviews(runner, in: directory)
            try #require(review.count == 3)
            let plan = directory + "/plan.json"
            let hash = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: plan)))["hash"]

            // The page as plan wrote it, plus a script that does what a reviewer does: tick the first two review
            // operations, type a name, press the Download button; then it reads the downloaded Blob back into the DOM.
            let page = try String(contentsOfFile: directory + "/plan.html", encoding: .utf8)
            let reviewer = """
                <script>
                (function () {
                  var boxes = document.querySelectorAll("input.approve");
                  document.body.dataset.boxes = String(boxes.length);
                  boxes[0].click();
                  boxes[1].click();
                  document.getElementById("approved-by").value = "Headless Reviewer";
                  document.getElementById("approval-download").click();
                  var link = document.getElementById("approval-link");
                  document.body.dataset.download = link.download;
                  fetch(link.href).then(function (response) { return response.text(); }).then(function (text) {
                    document.body.dataset.approval = encodeURIComponent(text);
                  });
                })();
                </script>
                </body>
                """
            let driven = directory + "/review-driven.html"
            try Data(page.replacingOccurrences(of: "</body>", with: reviewer).utf8)
                .write(to: URL(fileURLWithPath: driven))
            let dumped = try await Self.dumpDOM(chromium, file: driven, profile: directory + "/chromium-profile")
            #expect(dumped.contains("data-boxes=\"\(review.count)\""), "\(dumped.suffix(2000))")
            #expect(dumped.contains("data-download=\"plan.approval.json\""))
            let encoded = try #require(
                dumped.firstMatch(of: /data-approval="([^"]*)"/).map { String($0.1) },
                "no approval in the dumped DOM: \(dumped.suffix(2000))")
            let text = try #require(encoded.removingPercentEncoding)

            // The same shape approve writes, bound to this plan, naming the two ticked operations.
            let approval = try JSONValue.parse(Array(text.utf8))
            #expect(
                approval.objectValue?.keys == [
                    "approval_version", "plan_hash", "approved_by", "approved_at", "op_keys",
                ])
            #expect(approval["approval_version"] == 1 && approval["plan_hash"] == hash)
            #expect(approval["approved_by"] == "Headless Reviewer")
            #expect(approval["approved_at"]?.stringValue.flatMap(Timestamp.parse) != nil)
            let keys = review.prefix(2).compactMap { $0["op_key"] }
            #expect(approval["op_keys"] == .array(keys))
            #expect(text.hasSuffix("]\n}\n"))

            let file = directory + "/plan.approval.json"
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let applied = try await runner.run(["apply", plan, "--approval", file, "--rate-limit", "60000"])
            #expect(applied.status == (review.count == 2 ? 0 : 3), "\(applied.all)")
            for key in keys.compactMap(\.stringValue) { #expect(applied.stdout.contains("applied  \(key)")) }
            for key in review.dropFirst(2).compactMap({ $0["op_key"]?.stringValue }) {
                #expect(applied.stdout.contains("skipped-review  \(key)"))
            }
            let written = try await writes(account)
            for operation in review.prefix(2) {
                #expect(written.contains("PUT \(operation["path"]?.stringValue ?? "?")"), "\(written)")
            }
            for operation in review.dropFirst(2) {
                let path = operation["path"]?.stringValue ?? "?"
                let others = review.prefix(2).contains { $0["path"]?.stringValue == path }
                if !others { #expect(!written.contains("PUT \(path)")) }
            }
        }
    }

    /// `chromium --headless --dump-dom`: the DOM once the page's scripts have run (virtual time lets the Blob be
    /// read back before the dump).
    static func dumpDOM(_ chromium: String, file: String, profile: String) async throws -> String {
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
            "--virtual-time-budget=5000", "--dump-dom", URL(fileURLWithPath: file).absoluteString,
        ]
        return try await CommandRunner().run(arguments, executable: chromium).stdout
    }
}
