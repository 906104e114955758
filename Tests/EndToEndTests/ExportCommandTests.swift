import Foundation
import RecordFormats
import SyncroSimulator
import TestSupport
import Testing

/// `syncro-fusion export` run as a binary against the simulator.
@Suite("export, end to end")
struct ExportCommandTests {
    static let dataset = SimulatorDataset.generate(
        GeneratorSpec(customers: 8, tickets: 120, comments: 2, assets: 10, seed: 3))

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("e2e-export-\(UUID().uuidString)").path
    }

    private func runner(_ account: SimulatedAccount) -> CommandRunner {
        CommandRunner(environment: ["SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret])
    }

    @Test("an export killed part-way leaves no file under a final name and does not move the watermark")
    func killedExport() async throws {
        try await SimulatedAccount.with(dataset: Self.dataset) { account in
            let directory = temporaryDirectory()
            let state = directory + ".state"
            defer {
                try? FileManager.default.removeItem(atPath: directory)
                try? FileManager.default.removeItem(atPath: state)
            }
            // 600 requests a minute and every ticket's detail: the export needs about 15 s; it is killed after 3.
            let running = try runner(account).start([
                "export", "--out", directory, "--state", state, "--details", "all", "--rate-limit", "600",
            ])
            try await Task.sleep(for: .seconds(3))
            running.signal(SIGKILL)
            let outcome = await running.wait()
            #expect(outcome.status != 0)
            let visible = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
                !$0.hasPrefix(".")
            }
            #expect(visible.isEmpty, "\(visible)")
            let check = try await CommandRunner().run(["--version"])
            #expect(check.status == 0)

            // The next run with the same state exports all 120 tickets again (so the killed run moved no
            // watermark and recorded nothing), completes, and clears the dead run's work files.
            let rerun = try await runner(account).run([
                "export", "--out", directory, "--state", state, "--details", "all", "--rate-limit", "60000",
            ])
            #expect(rerun.status == 0, "\(rerun.all)")
            #expect(rerun.stdout.contains("exported 120 tickets"))
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
            #expect(!rerun.all.contains(SampleTokens.full.secret))
        }
    }

    @Test("every format is written; the summary line and manifest agree; --quiet prints nothing on stderr")
    func formats() async throws {
        try await SimulatedAccount.with(dataset: Self.dataset) { account in
            for format in ["csv", "json", "jsonl", "xml"] {
                let directory = temporaryDirectory()
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let outcome = try await runner(account).run([
                    "export", "--out", directory, "--format", format, "--rate-limit", "60000", "--quiet",
                ])
                #expect(outcome.status == 0, "\(outcome.all)")
                #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
                let manifest = try JSONValue.parse(
                    Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))))
                #expect(manifest["format"] == .string(format))
                #expect(manifest["counts"]?["tickets"] == 120)
                #expect(outcome.stdout.contains("exported 120 tickets"))
                #expect(FileManager.default.fileExists(atPath: "\(directory)/comments.\(format)"))
            }
        }
    }

    @Test("bad arguments exit 64 with one sentence")
    func badArguments() async throws {
        let both = try await CommandRunner().run([
            "export", "--out", "/tmp/x", "--since", "2026-01-01", "--state", "/tmp/s",
        ])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--since or --state"))
        let entity = try await CommandRunner().run(["export", "--out", "/tmp/x", "--entities", "tickets,widgets"])
        #expect(entity.status == 64)
        #expect(entity.stderr.contains(#"Unknown entity "widgets""#))
    }
}
