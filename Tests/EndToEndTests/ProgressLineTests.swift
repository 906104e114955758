import Foundation
import SyncroSimulator
import TestSupport
import Testing

/// `diff` and `plan` show their progress on a terminal (records, findings, the share of the snapshot read) and
/// print nothing of it when stderr is not a terminal. The terminal is a real pseudo-terminal from util-linux's
/// `script`, which Debian always has. The snapshot is large enough (40,000 unlinked tickets) for the comparison
/// to last well beyond the line's tenth-of-a-second redraw limit.
@Suite("progress on a terminal, end to end")
struct ProgressLineTests {
    static let script = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A snapshot of the sample relationship with `count` tickets that are not linked to Syncro yet.
    private static func largeSnapshot(_ count: Int, at path: String) throws {
        var text = """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.1", "snapshot_id": "progress",
             "generated_at": "2026-11-29T08:00:00Z",
             "relationship": {"relationship_id": "rel_brightpath_halo", "syncro_subdomain": "demo",
               "syncro_role": "target", "partner_platform": "halopsa", "bidirectional": true,
               "sync_public_comments": true, "sync_private_comments": true},
             "tickets": [

            """
        text += (0..<count).map { #"{"partner_ticket_id": "P\#($0)", "syncro_ticket_id": null}"# }
            .joined(separator: ",\n")
        text += "\n]}\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test(
        "diff and plan draw a progress line on a terminal and none otherwise",
        .enabled(if: ProgressLineTests.script != nil, "util-linux's script is not installed")
    )
    func progress() async throws {
        let export = try await SampleSnapshotTests.exportSampleAccount()
        defer { try? FileManager.default.removeItem(atPath: export) }
        let snapshot = export + "/large-snapshot.json"
        try Self.largeSnapshot(40_000, at: snapshot)
        let commands = [
            ("diff", ["diff", "--snapshot", snapshot, "--export", export, "--output", export + "/report.txt"]),
            ("plan", ["plan", "--snapshot", snapshot, "--export", export, "--out", export + "/plan.json"]),
        ]
        for (name, arguments) in commands {
            let line = ([CommandRunner.binary] + arguments).joined(separator: " ")
            let terminal = try await CommandRunner().run(
                ["-qec", line, "/dev/null"], executable: try #require(Self.script))
            #expect([0, 2].contains(terminal.status), "\(name): \(terminal.all)")
            #expect(terminal.stdout.contains("\(name): compared "), "\(name): \(terminal.stdout.prefix(600))")
            #expect(terminal.stdout.contains(" kB read ("), "\(name): \(terminal.stdout.prefix(600))")

            let piped = try await CommandRunner().run(arguments)
            #expect([0, 2].contains(piped.status), "\(name): \(piped.all.prefix(600))")
            #expect(!piped.stderr.contains("compared "), "\(name): \(piped.stderr.prefix(600))")
        }
    }

    @Test(
        "sync draws records, requests and the time left on a terminal, and nothing on a pipe",
        .enabled(if: ProgressLineTests.script != nil, "util-linux's script is not installed")
    )
    func syncProgress() async throws {
        let dataset = SimulatorDataset.generate(GeneratorSpec(customers: 10, tickets: 400, comments: 2, seed: 4))
        try await SimulatedAccount.with(dataset: dataset) { account in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID())").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let environment = "SYNCRO_BASE_URL=\(account.baseURL) SYNCRO_API_TOKEN=\(SampleTokens.full.secret)"
            let line =
                "env \(environment) \(CommandRunner.binary) sync --mirror \(directory)/a.mirror --rate-limit 6000"
            let terminal = try await CommandRunner().run(
                ["-qec", line, "/dev/null"], executable: try #require(Self.script))
            #expect(terminal.status == 0, "\(terminal.all)")
            #expect(terminal.stdout.contains("sync: "), "\(terminal.stdout.prefix(600))")
            #expect(terminal.stdout.contains(" requests, about "), "\(terminal.stdout.prefix(600))")

            let piped = try await CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ]).run(["sync", "--mirror", directory + "/b.mirror", "--rate-limit", "6000"])
            #expect(piped.status == 0, "\(piped.all)")
            #expect(piped.stderr.isEmpty, "\(piped.stderr.prefix(600))")
        }
    }
}
