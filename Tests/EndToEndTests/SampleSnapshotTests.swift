import Foundation
import RecordFormats
import TestSupport
import Testing

/// The sample snapshot (`samples/snapshot.*`) against an export of the sample account: exactly the findings that
/// `samples/README.md` documents, in each of the three formats, and the two samples that abort.
@Suite("sample snapshot, end to end")
struct SampleSnapshotTests {
    /// The documented findings, one line each: code, Syncro id (`-` when none), partner id, field and gate, and for
    /// a comment finding the ticket it is on. Kept by hand, in step with the table in `samples/README.md`.
    static let documented: [String] = [
        "TICKET_TAGS_MISSING 1001 HP-24101 tag_list auto",
        "TICKET_ASSETS_MISSING 1001 HP-24101 asset_ids auto",
        "COMMENT_VISIBILITY_LEAK 9006 act-40032 hidden report on 1002",
        "TICKET_FIELD 1003 HP-24103 priority auto",
        "COMMENT_MISSING - act-40057 body_sha256 opt-in on 1003",
        "TICKET_TAGS_EXTRA 1004 HP-24104 tag_list report",
        "TICKET_FIELD 1005 HP-24105 properties.Billable auto",
        "COMMENT_BODY_CHANGED 9016 act-40071 body_sha256 report on 1005",
        "TICKET_FIELD 1006 HP-24106 status review",
        "TICKET_FIELD_CLEARED 1007 HP-24107 due_date report",
        "COMMENT_VISIBILITY_HIDDEN 9022 act-40074 hidden report on 1007",
        "TICKET_CONFLICT 1009 HP-24109 priority report",
        "COMMENT_DUPLICATE 9030 act-40090 syncro_comment_ids report on 1011",
        "TICKET_MISSING 1913 HP-24113 - report",
        "TICKET_NOT_CREATED - HP-24120 - opt-in",
        "TICKET_UNLINKED 1010 - user_id report",
        "CUSTOMER_FIELD 102 org-311 business_name report",
        "CUSTOMER_TAGS 103 org-312 tag_list report",
        "CUSTOMER_MISSING 107 org-318 - report",
        "CONTACT_FIELD 205 usr-885 email report",
        "CONTACT_MISSING 211 usr-890 - report",
        "ASSET_FIELD 304 cfg-7704 asset_serial report",
        "ASSET_MISSING 309 cfg-7709 - report",
    ]

    /// Codes no single valid snapshot for the right account can show against an export (see `samples/README.md`).
    /// `SNAPSHOT_LAST_RUN` is left to a sample of its own, since a snapshot with it cannot be planned.
    static let impossible: Set<String> = [
        "SNAPSHOT_SUBDOMAIN", "SNAPSHOT_INVALID", "SNAPSHOT_LAST_RUN", "CONTACT_TAGS",
    ]

    static let samples = SimulatedAccount.repositoryRoot + "/samples"

    /// A finding of a JSON drift report in the form of `documented`.
    private static func line(_ finding: JSONValue) -> String {
        func text(_ key: String) -> String {
            finding[key]?.stringValue ?? finding[key]?.intValue.map(String.init) ?? "-"
        }
        var line = ["code", "syncro_id", "partner_id", "field", "gate"].map(text).joined(separator: " ")
        if finding["entity"] == "comment" { line += " on \(text("ticket_syncro_id"))" }
        return line
    }

    /// Exports the sample account (CSV, as `make demo` does) into a temporary directory.
    static func exportSampleAccount() async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-sample-\(UUID().uuidString)")
            .path
        try await SimulatedAccount.with { account in
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let export = try await runner.run([
                "export", "--out", directory, "--format", "csv", "--details", "all", "--rate-limit", "60000", "--quiet",
            ])
            #expect(export.status == 0, "\(export.all)")
        }
        return directory
    }

    @Test("each format of the sample snapshot gives exactly the documented findings")
    func documentedFindings() async throws {
        let export = try await Self.exportSampleAccount()
        defer { try? FileManager.default.removeItem(atPath: export) }
        for sample in ["snapshot.json", "snapshot.xml", "snapshot-csv"] {
            let outcome = try await CommandRunner().run([
                "diff", "--snapshot", "\(Self.samples)/\(sample)", "--export", export, "--report", "json",
            ])
            #expect(outcome.status == 2, "\(sample): \(outcome.stderr)")
            let report = try JSONValue.parse(outcome.stdout)
            #expect(report["syncro_subdomain"] == "demo", "\(sample)")
            let findings = try #require(report["findings"]?.arrayValue, "\(sample)")
            let lines = findings.map(Self.line)
            #expect(lines.sorted() == Self.documented.sorted(), "\(sample)")
            #expect(report["summary"]?.objectValue?.count == Set(Self.documented.map { $0.prefix { $0 != " " } }).count)
        }

        // The comment the plan may post carries its text, so the report can show it.
        let bodies = try await CommandRunner().run([
            "diff", "--snapshot", "\(Self.samples)/snapshot-csv", "--export", export, "--report", "json",
            "--include-bodies",
        ])
        let report = try JSONValue.parse(bodies.stdout)
        let missing = report["findings"]?.arrayValue?.first { $0["code"] == "COMMENT_MISSING" }
        #expect(missing?["expected"]?.stringValue?.hasPrefix("The replacement roller kit arrived today.") == true)
    }

    @Test("the documented findings cover every drift code that one valid snapshot can show")
    func everyCode() throws {
        let shown = Set(Self.documented.map { String($0.prefix { $0 != " " }) })
        let text = try String(contentsOfFile: SimulatedAccount.repositoryRoot + "/docs/drift-codes.md", encoding: .utf8)
        let codes = text.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { row in
            row.split(separator: "|")[0].split(separator: "`").filter { $0.allSatisfy { $0.isUppercase || $0 == "_" } }
                .map(String.init)
        }
        #expect(codes.count == 25, "\(codes)")
        #expect(Set(codes).subtracting(Self.impossible) == shown)
    }

    @Test("the two abort samples exit 4 with their code and nothing else")
    func abortSamples() async throws {
        let export = try await Self.exportSampleAccount()
        defer { try? FileManager.default.removeItem(atPath: export) }
        let cases: [(String, [String])] = [
            ("snapshot-other-account.json", ["SNAPSHOT_SUBDOMAIN - rel_harbor_autotask syncro_subdomain abort"]),
            (
                "snapshot-invalid.json",
                [
                    "SNAPSHOT_INVALID - comment act-40011 of ticket HP-24101 snapshot.comment-without-body abort",
                    "SNAPSHOT_INVALID - ticket HP-24188 snapshot.duplicate-key abort",
                ]
            ),
        ]
        for (sample, expected) in cases {
            let path = "\(Self.samples)/\(sample)"
            let outcome = try await CommandRunner().run([
                "diff", "--snapshot", path, "--export", export, "--report", "json",
            ])
            #expect(outcome.status == 4, "\(sample): \(outcome.stderr)")
            let findings = try #require(try JSONValue.parse(outcome.stdout)["findings"]?.arrayValue, "\(sample)")
            #expect(findings.map(Self.line).sorted() == expected, "\(sample)")
            let text = try await CommandRunner().run(["diff", "--snapshot", path, "--export", export])
            #expect(text.status == 4)
            #expect(text.stdout.contains(expected[0].prefix { $0 != " " }))
        }
    }
}
