import Foundation
import RecordFormats
import TestSupport
import Testing

/// Snapshot v1.1 safety through the binary: a misspelt linking key never becomes a plan of creations, and a
/// snapshot taken while Support Fusion's last run had not succeeded is reported by `diff` and refused by `plan`.
@Suite("snapshot safety, end to end")
struct SnapshotSafetyTests {
    static let samples = SimulatedAccount.repositoryRoot + "/samples"

    /// The sample snapshot in each format with its ticket linking key misspelt, and the misspelling.
    private static func misspelt(in scratch: String) throws -> [(path: String, misspelling: String)] {
        let manager = FileManager.default
        let json = scratch + "/misspelt.json"
        try String(contentsOfFile: samples + "/snapshot.json", encoding: .utf8)
            .replacingOccurrences(of: "\"syncro_ticket_id\"", with: "\"syncro_tickt_id\"")
            .write(toFile: json, atomically: true, encoding: .utf8)
        let xml = scratch + "/misspelt.xml"
        try String(contentsOfFile: samples + "/snapshot.xml", encoding: .utf8)
            .replacingOccurrences(
                of: #"(<ticket [^>]*) syncroId="#, with: "$1 syncroID=", options: .regularExpression
            )
            .write(toFile: xml, atomically: true, encoding: .utf8)
        let csv = scratch + "/misspelt-csv"
        try manager.copyItem(atPath: samples + "/snapshot-csv", toPath: csv)
        let tickets = csv + "/tickets.csv"
        try String(contentsOfFile: tickets, encoding: .utf8)
            .replacingOccurrences(of: "partner_ticket_id,syncro_ticket_id,", with: "partner_ticket_id,ticket_ident,")
            .write(toFile: tickets, atomically: true, encoding: .utf8)
        return [(json, "syncro_tickt_id"), (xml, "syncroID"), (csv, "ticket_ident")]
    }

    @Test("a misspelt linking key: diff and plan exit 4 naming the misspelling, and no plan is written")
    func misspeltKeys() async throws {
        let export = try await SampleSnapshotTests.exportSampleAccount()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-keys-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: export)
            try? FileManager.default.removeItem(atPath: scratch)
        }
        for (snapshot, misspelling) in try Self.misspelt(in: scratch) {
            let diff = try await CommandRunner().run(["diff", "--snapshot", snapshot, "--export", export])
            #expect(diff.status == 4, "\(snapshot): \(diff.all)")
            #expect(diff.stdout.contains("SNAPSHOT_INVALID"), "\(snapshot)")
            #expect(diff.stdout.contains("found '\(misspelling)'"), "\(snapshot): \(diff.stdout)")
            #expect(!diff.stdout.contains("TICKET_NOT_CREATED"), "\(snapshot)")

            let plan = scratch + "/plan.json"
            let planned = try await CommandRunner().run([
                "plan", "--snapshot", snapshot, "--export", export, "--out", plan, "--allow", "create-tickets",
            ])
            #expect(planned.status == 4, "\(snapshot): \(planned.all)")
            #expect(planned.stdout.contains("found '\(misspelling)'"), "\(snapshot)")
            #expect(!FileManager.default.fileExists(atPath: plan), "\(snapshot): a plan was written")
        }
    }

    @Test("a failed last run: diff reports SNAPSHOT_LAST_RUN, plan refuses it unless --ignore-last-run")
    func lastRun() async throws {
        let export = try await SampleSnapshotTests.exportSampleAccount()
        let plan = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-plan-\(UUID().uuidString).json")
            .path
        defer {
            try? FileManager.default.removeItem(atPath: export)
            try? FileManager.default.removeItem(atPath: plan)
        }
        let snapshot = Self.samples + "/snapshot-last-run-failed.json"
        let diff = try await CommandRunner().run([
            "diff", "--snapshot", snapshot, "--export", export, "--report", "json",
        ])
        #expect(diff.status == 2, "\(diff.all)")
        let findings = try JSONValue.parse(diff.stdout)["findings"]?.arrayValue ?? []
        let lastRun = try #require(findings.first { $0["code"] == "SNAPSHOT_LAST_RUN" })
        #expect(lastRun["gate"] == "report")
        #expect(lastRun["current"] == "failed")
        #expect(findings.contains { $0["code"] == "TICKET_FIELD" }, "diff goes on after the finding")

        let refused = try await CommandRunner().run([
            "plan", "--snapshot", snapshot, "--export", export, "--out", plan,
        ])
        #expect(refused.status == 4, "\(refused.all)")
        #expect(refused.stdout.contains("SNAPSHOT_LAST_RUN"))
        #expect(refused.stderr.contains("--ignore-last-run"))
        #expect(!FileManager.default.fileExists(atPath: plan))

        let planned = try await CommandRunner().run([
            "plan", "--snapshot", snapshot, "--export", export, "--out", plan, "--ignore-last-run",
        ])
        #expect(planned.status == 2, "\(planned.all)")
        let written = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: plan)))
        #expect(written["operations"]?.arrayValue?.count == 1)
        #expect(written["findings"]?.arrayValue?.contains { $0["code"] == "SNAPSHOT_LAST_RUN" } == true)
    }
}
