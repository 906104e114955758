import Foundation
import RecordFormats
import TestSupport
import Testing

/// The human outputs of `check`, `diff` (text), `plan` (summary) and `apply` (summary) against the simulator's
/// sample account, pinned by golden files (see `GoldenFile`); the README's transcripts of `check` are the golden
/// files themselves, so the README cannot drift from the program.
@Suite("golden outputs")
struct GoldenOutputTests {
    static let samples = SimulatedAccount.repositoryRoot + "/samples"

    @Test(
        "check: a full token with write probes, a token without ticket permissions, an invalid subdomain, entities")
    func check() async throws {
        try await SimulatedAccount.with { account in
            let runner = CommandRunner(environment: ["SYNCRO_BASE_URL": account.baseURL])
            let cases: [(String, [String], [String: String], Int32)] = [
                (
                    "check-full.txt", ["check", "--probe-writes", "1001"],
                    ["SYNCRO_API_TOKEN": SampleTokens.full.secret], 0
                ),
                ("check-notickets.txt", ["check"], ["SYNCRO_API_TOKEN": SampleTokens.noTickets.secret], 1),
                ("check-subdomain.txt", ["check", "--subdomain", "acme corp"], [:], 1),
                // The setup guide's token can export the first eight entities and none of the billing records.
                ("check-entities.txt", ["check", "--entities"], ["SYNCRO_API_TOKEN": SampleTokens.full.secret], 1),
            ]
            for (golden, arguments, environment, status) in cases {
                var runner = runner
                runner.environment.merge(environment) { $1 }
                if arguments.contains("--subdomain") { runner.environment["SYNCRO_BASE_URL"] = nil }
                let outcome = try await runner.run(arguments)
                #expect(outcome.status == status, "\(golden): \(outcome.all)")
                try GoldenFile.expect(GoldenFile.normalised(outcome.stdout, baseURL: account.baseURL), matches: golden)
            }
        }
    }

    @Test("the README's check transcripts are the golden outputs")
    func readme() throws {
        let readme = try String(contentsOfFile: SimulatedAccount.repositoryRoot + "/README.md", encoding: .utf8)
        for golden in ["check-full.txt", "check-notickets.txt", "check-subdomain.txt", "check-entities.txt"] {
            let text = try GoldenFile.text(golden)
            #expect(readme.contains(text), "README.md does not show \(golden) as the program prints it")
        }
    }

    @Test("check --entities: a token with every read permission can export all 24 entities, one request each")
    func checkEntitiesMigration() async throws {
        try await SimulatedAccount.with { account in
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.migration.secret,
            ])
            let outcome = try await runner.run(["check", "--entities", "--format", "json"])
            #expect(outcome.status == 0, "\(outcome.all)")
            let report = try JSONValue.parse(outcome.stdout)
            let checks = try #require(report["checks"]?.arrayValue)
            #expect(checks.count == 24)
            #expect(checks.allSatisfy { $0["status"] == "ok" })
            // Tags need no request of their own.
            #expect(try await account.requestLog().count == 23)
        }
    }

    @Test("diff (text), plan (summary) and apply (dry run and summary) of the sample snapshot")
    func pipeline() async throws {
        try await SimulatedAccount.with { account in
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("e2e-golden-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let paths = [directory: "<dir>", Self.samples: "samples"]
            func golden(_ name: String, _ arguments: [String], status: Int32) async throws {
                let outcome = try await runner.run(arguments + ["--rate-limit", "60000"])
                #expect(outcome.status == status, "\(name): \(outcome.all)")
                try GoldenFile.expect(
                    GoldenFile.normalised(outcome.stdout, baseURL: account.baseURL, paths: paths), matches: name)
            }
            let export = directory + "/export"
            let exported = try await runner.run(["export", "--out", export, "--quiet", "--rate-limit", "60000"])
            #expect(exported.status == 0, "\(exported.all)")
            try await golden(
                "diff.txt", ["diff", "--snapshot", Self.samples + "/snapshot.json", "--export", export], status: 2)
            let plan = directory + "/plan.json"
            try await golden(
                "plan.txt",
                ["plan", "--snapshot", Self.samples + "/snapshot.json", "--out", plan, "--allow", "add-comments"],
                status: 2)
            // One operation at a time, so that the lines come in plan order (tickets otherwise run concurrently).
            // The review operation is skipped and the restored comment refused (echo risk): exit 3 both times.
            try await golden("apply-dry-run.txt", ["apply", plan, "--dry-run", "--batch-size", "1"], status: 3)
            try await golden("apply.txt", ["apply", plan, "--batch-size", "1"], status: 3)
        }
    }
}
