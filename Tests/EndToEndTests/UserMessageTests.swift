import Foundation
import RecordFormats
import TestSupport
import Testing

/// The messages a new user meets when something is wrong (issue 13, points 5 and 6), run through the binary: each
/// is one sentence on stderr with its exit code, and a wrong address fails fast.
@Suite("messages a new user meets, end to end")
struct UserMessageTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-msg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A loopback port nothing listens on: bound, then closed.
    private static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        #expect(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A runner with a token, talking to `baseURL`.
    private func runner(baseURL: String) -> CommandRunner {
        CommandRunner(environment: ["SYNCRO_BASE_URL": baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret])
    }

    /// The stderr lines, each checked to be the tool's one-sentence form.
    private func errorLines(_ outcome: CommandRunner.Outcome) -> [Substring] {
        outcome.stderr.split(separator: "\n")
    }

    private static let snapshot = SimulatedAccount.repositoryRoot + "/samples/snapshot.json"

    @Test("nothing answers: export, diff and plan stop after the first request's retries, with one sentence")
    func unreachableFailsFast() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try Self.closedPort()
        let runner = runner(baseURL: "http://127.0.0.1:\(port)/api/v1")
        let commands: [[String]] = [
            ["export", "--out", directory + "/export"],
            ["diff", "--snapshot", Self.snapshot],
            ["plan", "--snapshot", Self.snapshot, "--out", directory + "/plan.json"],
        ]
        for arguments in commands {
            // How fast is the benchmark's business; here, that the first request's failure is the only one said.
            let outcome = try await runner.run(arguments)
            #expect(outcome.status == 1, "\(arguments[0]): \(outcome.all)")
            #expect(
                errorLines(outcome) == [
                    "syncro-fusion: GET /me could not be sent: nothing answered at 127.0.0.1:\(port) (the connection "
                        + "was refused); check the subdomain or base URL, and that this machine can reach that host "
                        + "(DNS, proxy, firewall)."
                ], "\(arguments[0]): \(outcome.stderr)")
            #expect(!outcome.all.contains("Syncro said"))
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/export")) ?? []
        #expect(left.filter { !$0.hasPrefix(".") }.isEmpty, "\(left)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/plan.json"))
    }

    @Test("simulate --port N when N is taken names the port and what to do (exit 1)")
    func simulatorPortInUse() async throws {
        let dataset = SimulatedAccount.repositoryRoot + "/samples/dataset.json"
        let first = try CommandRunner().start(["simulate", "--port", "0", "--dataset", dataset])
        var port: Int?
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            port = SimulateCommandTests.listeningPort(of: first.processIdentifier)
        }
        let taken = try #require(port)
        let second = try await CommandRunner().run(["simulate", "--port", String(taken), "--dataset", dataset])
        first.signal(SIGTERM)
        _ = await first.wait()
        #expect(second.status == 1, "\(second.all)")
        #expect(
            errorLines(second) == [
                "syncro-fusion: port \(taken) on 127.0.0.1 is already in use; stop the other process or pass --port 0 "
                    + "to pick a free port."
            ], "\(second.stderr)")
    }

    @Test("--rate-limit -5 states the allowed range instead of \"Missing value\" (exit 64)")
    func negativeRateLimit() async throws {
        for value in ["-5", "0", "ten", "100001"] {
            let outcome = try await CommandRunner().run(["export", "--out", "/tmp/unused", "--rate-limit", value])
            #expect(outcome.status == 64, "\(value): \(outcome.all)")
            #expect(
                outcome.stderr.contains(
                    "--rate-limit must be a whole number of requests a minute between 1 and 100000 (got \"\(value)\")."),
                "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("Missing value"))
        }
        let simulator = try await CommandRunner().run(["simulate", "--rate-limit", "-5"])
        #expect(simulator.status == 64)
        #expect(simulator.stderr.contains("between 1 and 1000000 (got \"-5\")"), "\(simulator.stderr)")
    }

    @Test("--base-url http:// for a remote host is refused as usage, without the Invalid Subdomain advice (exit 64)")
    func plainHTTPBaseURL() async throws {
        let sentence: String =
            "Invalid base URL \"http://example.com\": plain http:// is accepted only for loopback hosts (127.0.0.1, "
            + "localhost, ::1); use https://."
        let env = ["SYNCRO_API_TOKEN": SampleTokens.full.secret]
        let export = try await CommandRunner(environment: env).run([
            "export", "--out", "/tmp/unused", "--base-url", "http://example.com",
        ])
        #expect(export.status == 64, "\(export.all)")
        #expect(export.stderr == "syncro-fusion: \(sentence)\n", "\(export.stderr)")
        let check = try await CommandRunner(environment: env).run(["check", "--base-url", "http://example.com"])
        #expect(check.status == 64, "\(check.all)")
        #expect(check.stdout.contains(sentence))
        #expect(!check.stdout.contains("Invalid Subdomain"))
        #expect(!check.stdout.contains("subdomain matches"))
    }

    @Test("the missing-token advice is the sentence alone and does not mention the subdomain")
    func missingToken() async throws {
        let outcome = try await CommandRunner(environment: ["SYNCRO_BASE_URL": "http://127.0.0.1:9/api/v1"]).run([
            "check"
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("No API token: set SYNCRO_API_TOKEN or pass --token-file PATH"))
        #expect(!outcome.stdout.lowercased().contains("subdomain"), "\(outcome.stdout)")
    }

    @Test("an unknown command lists the commands (exit 64)")
    func unknownCommand() async throws {
        let outcome = try await CommandRunner().run(["exprot", "--out", "/tmp/x"])
        #expect(outcome.status == 64)
        #expect(
            errorLines(outcome) == [
                "syncro-fusion: there is no command \"exprot\"; the commands are check, export, sync, diff, plan, "
                    + "approve, apply, journal, simulate, convert (syncro-fusion help COMMAND explains one)."
            ], "\(outcome.stderr)")
        let known = try await CommandRunner().run(["help", "export"])
        #expect(known.status == 0)
    }

    @Test("a --snapshot that does not exist is reported before any request, without talk of free space (exit 1)")
    func missingSnapshot() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Nothing listens at the base URL: had a request been sent, the error would say so.
        let runner = runner(baseURL: "http://127.0.0.1:\(try Self.closedPort())/api/v1")
        for name in ["none.json", "none.xml", "none-csv"] {
            let path = directory + "/" + name
            let sentence =
                "syncro-fusion: the snapshot \(path) does not exist: check the path given to --snapshot (a .json or "
                + ".xml file, or a CSV snapshot directory)."
            let diff = try await runner.run(["diff", "--snapshot", path])
            #expect(diff.status == 1, "\(diff.all)")
            #expect(errorLines(diff) == [Substring(sentence)], "\(diff.stderr)")
            let withExport = try await runner.run(["diff", "--snapshot", path, "--export", directory])
            #expect(withExport.status == 1, "\(withExport.all)")
            #expect(errorLines(withExport) == [Substring(sentence)], "\(withExport.stderr)")
            let plan = try await runner.run(["plan", "--snapshot", path, "--out", directory + "/plan.json"])
            #expect(plan.status == 1, "\(plan.all)")
            #expect(errorLines(plan) == [Substring(sentence)], "\(plan.stderr)")
            #expect(!plan.all.contains("free space"))
        }
    }

    @Test("an empty or blank XML snapshot gets the sentence an empty JSON one gets (exit 4)")
    func emptySnapshots() async throws {
        try await SimulatedAccount.with { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let runner = runner(baseURL: account.baseURL)
            let export = directory + "/export"
            let exported = try await runner.run([
                "export", "--out", export, "--format", "jsonl", "--rate-limit", "60000",
            ])
            #expect(exported.status == 0, "\(exported.all)")
            for (name, content) in [("empty.json", ""), ("empty.xml", ""), ("blank.xml", "  \n")] {
                let path = directory + "/" + name
                try Data(content.utf8).write(to: URL(fileURLWithPath: path))
                let outcome = try await runner.run(["diff", "--snapshot", path, "--export", export])
                #expect(outcome.status == 4, "\(name): \(outcome.all)")
                let kind = name.hasSuffix(".json") ? "json" : "xml"
                let value = kind == "json" ? "a JSON value" : "an XML document"
                #expect(
                    outcome.stdout.contains(
                        "\(path):1:1: [\(kind).syntax] the file is empty or holds only white space; expected \(value)"),
                    "\(name): \(outcome.stdout)")
                #expect(!outcome.stdout.contains("Extra content"))
            }
        }
    }

    @Test("an --out that is a file, or under one, names the path and why, never NSCocoaErrorDomain (exit 1)")
    func exportOutIsAFile() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/report.txt"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let runner = runner(baseURL: "http://127.0.0.1:\(try Self.closedPort())/api/v1")

        let onFile = try await runner.run(["export", "--out", file])
        #expect(onFile.status == 1)
        #expect(
            errorLines(onFile) == [
                "syncro-fusion: The output path \(file) exists and is not a directory: choose a directory for --out."
            ], "\(onFile.stderr)")

        let underFile = try await runner.run(["export", "--out", file + "/export"])
        #expect(underFile.status == 1)
        #expect(
            errorLines(underFile) == [
                "syncro-fusion: Cannot write into \(file)/export (\(file) is a file, not a directory): check the path "
                    + "and its permissions."
            ], "\(underFile.stderr)")
        #expect(!underFile.all.contains("NSCocoaErrorDomain"))

        if getuid() != 0 {  // root may write anywhere
            let locked = directory + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
            chmod(locked, 0o555)
            defer { chmod(locked, 0o755) }
            let unwritable = try await runner.run(["export", "--out", locked + "/export"])
            #expect(unwritable.status == 1)
            #expect(
                unwritable.stderr.contains("this user may not create directories in \(locked)"), "\(unwritable.stderr)")
            #expect(!unwritable.all.contains("NSCocoaErrorDomain"))
        }
    }

    @Test("after a 429 the retry warning shows the limiter's real wait, not 0 s")
    func rateLimitedWait() async throws {
        try await SimulatedAccount.with(configure: { $0.retryAfterSeconds = 2 }) { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try await account.control(
                .post, "/_sim/faults",
                body: ["kind": "429", "count": 1, "path": "/api/v1/me", "method": "GET"])
            let outcome = try await runner(baseURL: account.baseURL).run([
                "export", "--out", directory, "--entities", "products", "--rate-limit", "60000",
            ])
            #expect(outcome.status == 0, "\(outcome.all)")
            #expect(outcome.stderr.contains("GET /me: HTTP 429; retrying in 2 s (attempt 2 of 6"), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("retrying in 0 s"))
        }
    }

    @Test("a refused plan (edited, stale, foreign) leaves no journal file behind (exit 4)")
    func refusedPlanLeavesNoJournal() async throws {
        try await SimulatedAccount.with { account in
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let runner = runner(baseURL: account.baseURL)
            let plan = directory + "/plan.json"
            let planned = try await runner.run([
                "plan", "--snapshot", Self.snapshot, "--out", plan, "--rate-limit", "60000",
            ])
            #expect(planned.status == 2, "\(planned.all)")
            let text = try String(contentsOfFile: plan, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "\"2 Normal\"", with: "\"1 High\"")
            #expect(edited != text)
            try Data(edited.utf8).write(to: URL(fileURLWithPath: directory + "/edited.json"))
            func journals() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
                    $0.contains("journal")
                }
            }

            let refused = try await runner.run(["apply", directory + "/edited.json", "--rate-limit", "60000"])
            #expect(refused.status == 4, "\(refused.all)")
            #expect(refused.stderr.contains("was changed after it was made"))
            #expect(journals().isEmpty, "\(journals())")

            let foreign = try await SimulatedAccount.with(configure: { $0.subdomain = "other" }) { other in
                try await self.runner(baseURL: other.baseURL).run(["apply", plan, "--rate-limit", "60000"])
            }
            #expect(foreign.status == 4, "\(foreign.all)")
            #expect(foreign.stderr.contains("the token belongs to other"))
            #expect(journals().isEmpty, "\(journals())")

            let short = directory + "/short.json"
            let shortLived = try await runner.run([
                "plan", "--snapshot", Self.snapshot, "--out", short, "--rate-limit", "60000", "--max-age", "1",
            ])
            #expect(shortLived.status == 2, "\(shortLived.all)")
            try await Task.sleep(for: .milliseconds(2100))
            let stale = try await runner.run(["apply", short, "--rate-limit", "60000"])
            #expect(stale.status == 4, "\(stale.all)")
            #expect(stale.stderr.contains("more than its max_age"))
            #expect(journals().isEmpty, "\(journals())")
        }
    }
}
