import Foundation
import RecordFormats
import SyncroSimulator
import TestSupport
import Testing

/// `syncro-fusion sync` and `export --mirror` run as binaries against the simulator.
@Suite("sync, end to end")
struct SyncCommandTests {
    static let dataset = SimulatorDataset.generate(
        GeneratorSpec(customers: 10, tickets: 300, comments: 3, assets: 12, seed: 41))

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-sync-\(UUID().uuidString)-\(name)").path
    }

    private func runner(_ account: SimulatedAccount) -> CommandRunner {
        CommandRunner(environment: ["SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret])
    }

    @Test("an export killed half-way, run again with the same arguments, continues and writes the whole export")
    func killedExportResumes() async throws {
        try await SimulatedAccount.with(
            dataset: Self.dataset,
            configure: {
                $0.latencyMilliseconds = 20...60
                $0.randomSeed = 4
            }
        ) { account in
            let resumed = temporaryPath("resumed")
            let clean = temporaryPath("clean")
            defer {
                for path in [resumed, clean] { try? FileManager.default.removeItem(atPath: path) }
            }
            let export = ["export", "--out", resumed, "--format", "jsonl", "--details", "all"]
            let running = try runner(account).start(export + ["--rate-limit", "1200", "--quiet"])
            // Killed once it has made a third of its requests (a whole export makes about 315).
            let deadline = ContinuousClock.now + .seconds(60)
            while try await account.requestLog().count < 100, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            running.signal(SIGKILL)
            _ = await running.wait()
            // Killed: no file under a final name, only the hidden staging mirror.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: resumed)) ?? []
            #expect(left.contains(".syncro-fusion-export.sqlite") && left.allSatisfy { $0.hasPrefix(".") }, "\(left)")

            let before = try await account.requestLog().count
            let again = try await runner(account).run(export + ["--rate-limit", "60000"])
            #expect(again.status == 0, "\(again.all)")
            #expect(again.stderr.contains("continuing the export"), "\(again.stderr)")
            let second = try await account.requestLog().count - before
            let whole = try await runner(account).run([
                "export", "--out", clean, "--format", "jsonl", "--details", "all", "--rate-limit", "60000", "--quiet",
            ])
            #expect(whole.status == 0, "\(whole.all)")
            let full = try await account.requestLog().count - before - second
            #expect(second < full, "the second run made \(second) requests, a whole export \(full)")
            for name in ["tickets", "comments", "customers", "contacts", "assets", "tags", "users", "products"] {
                let a = try Data(contentsOf: URL(fileURLWithPath: "\(clean)/\(name).jsonl"))
                let b = try Data(contentsOf: URL(fileURLWithPath: "\(resumed)/\(name).jsonl"))
                #expect(a == b ? true : false, "\(name).jsonl differs")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: resumed)
            #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
        }
    }

    @Test("a sync killed 10 times at random moments, then run to the end, mirrors what a live export reads")
    func killedTenTimes() async throws {
        // 20–60 ms a request and 1,200 requests a minute: the sync (about 330 requests) takes some 15 s, so
        // every kill lands in the middle of pages or details.
        try await SimulatedAccount.with(
            dataset: Self.dataset,
            configure: {
                $0.latencyMilliseconds = 20...60
                $0.randomSeed = 9
            }
        ) { account in
            let mirror = temporaryPath("kill.mirror")
            let live = temporaryPath("live")
            let fromMirror = temporaryPath("from-mirror")
            defer {
                for path in [mirror, mirror + "-wal", mirror + "-shm", live, fromMirror] {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            let sync = ["sync", "--mirror", mirror, "--details", "all", "--rate-limit", "1200", "--quiet"]
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<10 {
                let running = try runner(account).start(sync)
                try await Task.sleep(for: .milliseconds(Int.random(in: 300...1_500, using: &generator)))
                running.signal(SIGKILL)
                _ = await running.wait()
            }
            let last = try await runner(account).run(sync)
            #expect(last.status == 0, "\(last.all)")
            #expect(last.stdout.contains("full pass complete"), "\(last.stdout)")

            let exported = try await runner(account).run([
                "export", "--out", live, "--format", "jsonl", "--details", "all", "--rate-limit", "60000", "--quiet",
            ])
            #expect(exported.status == 0, "\(exported.all)")
            let before = try await account.requestLog().count
            // No token at all: the mirror needs none.
            let fromFile = try await CommandRunner().run([
                "export", "--mirror", mirror, "--out", fromMirror, "--format", "jsonl",
            ])
            #expect(fromFile.status == 0, "\(fromFile.all)")
            #expect(fromFile.stdout.contains(": 0 requests"))
            #expect(try await account.requestLog().count == before)
            for name in ["tickets", "comments", "customers", "contacts", "assets", "tags", "users", "products"] {
                let a = try Data(contentsOf: URL(fileURLWithPath: "\(live)/\(name).jsonl"))
                let b = try Data(contentsOf: URL(fileURLWithPath: "\(fromMirror)/\(name).jsonl"))
                #expect(a == b ? true : false, "\(name).jsonl differs")
            }
        }
    }

    @Test("--max-requests stops with exit 3 and says to run again; the next run continues")
    func budgetExit() async throws {
        try await SimulatedAccount.with(dataset: Self.dataset) { account in
            let mirror = temporaryPath("budget.mirror")
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: mirror + suffix) }
            }
            let stopped = try await runner(account).run(["sync", "--mirror", mirror, "--max-requests", "3"])
            #expect(stopped.status == 3, "\(stopped.all)")
            #expect(stopped.stdout.contains("stopped (run again to continue)"))
            #expect(stopped.stderr.contains("run it again to continue"))
            let rest = try await runner(account).run(["sync", "--mirror", mirror, "--rate-limit", "60000"])
            #expect(rest.status == 0, "\(rest.all)")
            #expect(rest.stdout.contains("full pass complete, continued from an earlier run"), "\(rest.stdout)")
            #expect(!rest.all.contains(SampleTokens.full.secret))
        }
    }

    @Test("export --mirror of a file that is no mirror, or before its first complete sync: one sentence, exit 1")
    func mirrorRefusals() async throws {
        let notes = temporaryPath("notes.txt")
        defer { try? FileManager.default.removeItem(atPath: notes) }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notes))
        let outcome = try await CommandRunner().run(["export", "--mirror", notes, "--out", temporaryPath("out")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("syncro-fusion: \(notes) is not a syncro-fusion mirror"), "\(outcome.stderr)")
        let missing = try await CommandRunner().run([
            "export", "--mirror", temporaryPath("none.mirror"), "--out", temporaryPath("out"),
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no such file"), "\(missing.stderr)")
    }

    @Test(
        "diff --mirror and plan --mirror find what --export of the same state finds; an export without details costs the managed tickets' details"
    )
    func diffAndPlanFromMirror() async throws {
        try await SimulatedAccount.with { account in
            let mirror = temporaryPath("sample.mirror")
            let export = temporaryPath("export")
            let planA = temporaryPath("plan-export.json")
            let planB = temporaryPath("plan-mirror.json")
            defer {
                for path in [mirror, mirror + "-wal", mirror + "-shm", export, planA, planB] {
                    try? FileManager.default.removeItem(atPath: path)
                }
            }
            let snapshot = SimulatedAccount.repositoryRoot + "/samples/snapshot.json"
            let runner = runner(account)
            let synced = try await runner.run(["sync", "--mirror", mirror, "--details", "all", "--rate-limit", "60000"])
            #expect(synced.status == 0, "\(synced.all)")
            let exported = try await runner.run([
                "export", "--out", export, "--format", "jsonl", "--rate-limit", "60000",
            ])
            #expect(exported.status == 0, "\(exported.all)")

            // The export holds the list rows only: the details of the tickets whose asset links the snapshot manages
            // are read (the sample snapshot manages those of six tickets), and one line says so.
            let before = try await account.requestLog().count
            let fromExport = try await runner.run(["diff", "--snapshot", snapshot, "--export", export])
            let details = try await account.requestLog().dropFirst(before).compactMap { $0["path"]?.stringValue }
            #expect(details.count == 6 && details.allSatisfy { $0.hasPrefix("/api/v1/tickets/") }, "\(details)")
            #expect(fromExport.stderr.contains("read the details of 6 ticket(s)"), "\(fromExport.stderr)")
            // The mirror holds every detail: no request, no token.
            let afterExport = try await account.requestLog().count
            let fromMirror = try await CommandRunner().run(["diff", "--snapshot", snapshot, "--mirror", mirror])
            #expect(try await account.requestLog().count == afterExport)
            #expect(fromExport.status == 2)
            #expect(fromMirror.status == 2, "\(fromMirror.all)")
            #expect(fromMirror.stdout == fromExport.stdout)
            #expect(fromExport.stdout.contains("findings"))

            let planned = try await runner.run([
                "plan", "--snapshot", snapshot, "--export", export, "--out", planA, "--allow", "add-comments",
            ])
            let afterPlan = try await account.requestLog().count
            let plannedFromMirror = try await CommandRunner().run([
                "plan", "--snapshot", snapshot, "--mirror", mirror, "--out", planB, "--allow", "add-comments",
            ])
            #expect(planned.status == 2 && plannedFromMirror.status == 2, "\(plannedFromMirror.all)")
            let a = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: planA))))
            let b = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: planB))))
            #expect(a["operations"] != nil)
            #expect(a["operations"] == b["operations"])
            #expect(try await account.requestLog().count == afterPlan)

            let both = try await CommandRunner().run([
                "diff", "--snapshot", snapshot, "--mirror", mirror, "--export", export,
            ])
            #expect(both.status == 64)
        }
    }

    @Test("bad budgets and a missing token are refused before any mirror file is made")
    func usage() async throws {
        let mirror = temporaryPath("never.mirror")
        let badDuration = try await CommandRunner(environment: ["SYNCRO_API_TOKEN": "x"]).run([
            "sync", "--mirror", mirror, "--subdomain", "acme", "--max-duration", "5x",
        ])
        #expect(badDuration.status == 64)
        #expect(badDuration.stderr.contains("--max-duration \"5x\" is not a duration: use 90s, 30m or 2h."))
        let zero = try await CommandRunner().run(["sync", "--mirror", mirror, "--max-requests", "0"])
        #expect(zero.status == 64)
        let noToken = try await CommandRunner().run(["sync", "--mirror", mirror, "--subdomain", "acme"])
        #expect(noToken.status == 1)
        #expect(noToken.stderr.contains("SYNCRO_API_TOKEN"))
        #expect(!FileManager.default.fileExists(atPath: mirror))
    }
}
