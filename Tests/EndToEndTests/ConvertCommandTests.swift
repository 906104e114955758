import Foundation
import RecordFormats
import SyncroSimulator
import TestSupport
import Testing

/// `syncro-fusion convert` run as a binary, on an export the binary made of the simulator.
@Suite("convert, end to end")
struct ConvertCommandTests {
    static let dataset = SimulatorDataset.generate(
        GeneratorSpec(customers: 6, tickets: 40, comments: 2, assets: 8, seed: 9))

    static let entities = ["tickets", "comments", "customers", "contacts", "assets", "tags", "users", "products"]

    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-convert-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func contents(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test("an export converts to XML and back to the same bytes; single files convert through CSV")
    func roundTrip() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await SimulatedAccount.with(dataset: Self.dataset) { account in
            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let export = try await runner.run([
                "export", "--out", root + "/jsonl", "--format", "jsonl", "--rate-limit", "60000", "--quiet",
            ])
            #expect(export.status == 0, "\(export.all)")
        }
        let toXML = try await CommandRunner().run(["convert", root + "/jsonl", root + "/xml", "--format", "xml"])
        #expect(toXML.status == 0, "\(toXML.all)")
        #expect(toXML.stdout.contains("converted 8 files"), "\(toXML.stdout)")
        #expect(toXML.stderr.isEmpty, "\(toXML.stderr)")
        #expect(try contents(root + "/xml") == (Self.entities.map { "\($0).xml" } + ["manifest.json"]).sorted())
        let manifest = try JSONValue.parse(bytes(root + "/xml/manifest.json"))
        #expect(manifest["format"] == "xml")
        #expect(manifest["converted_from"] == .string(root + "/jsonl"))

        let back = try await CommandRunner().run(["convert", root + "/xml", root + "/back", "--format", "jsonl"])
        #expect(back.status == 0, "\(back.all)")
        for entity in Self.entities {
            #expect(try bytes("\(root)/back/\(entity).jsonl") == bytes("\(root)/jsonl/\(entity).jsonl"), "\(entity)")
        }

        // File to file, with a dated name: JSON Lines → CSV → JSON → CSV gives the same CSV.
        try FileManager.default.copyItem(
            atPath: root + "/jsonl/tickets.jsonl", toPath: root + "/2026-11-29-tickets.jsonl")
        let toCSV = try await CommandRunner().run(["convert", root + "/2026-11-29-tickets.jsonl", root + "/a.csv"])
        #expect(toCSV.status == 0, "\(toCSV.all)")
        #expect(toCSV.stdout.contains("converted 40 tickets"), "\(toCSV.stdout)")
        // a.csv names no entity, so the entity comes from the output's name.
        let toJSON = try await CommandRunner().run(["convert", root + "/a.csv", root + "/c-tickets.json"])
        #expect(toJSON.status == 0, "\(toJSON.all)")
        let again = try await CommandRunner().run(["convert", root + "/c-tickets.json", root + "/d.csv"])
        #expect(again.status == 0, "\(again.all)")
        #expect(try bytes(root + "/d.csv") == bytes(root + "/a.csv"))
        #expect(try bytes(root + "/a.csv").starts(with: Array("id,number,subject,".utf8)))
    }

    @Test("usage mistakes exit 64 with one sentence listing what is accepted")
    func usage() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["tickets.txt", "widgets.json", "tickets.json"] {
            try Data("[]\n".utf8).write(to: URL(fileURLWithPath: "\(root)/\(name)"))
        }
        let cases: [([String], String)] = [
            (["convert", root + "/tickets.txt", root + "/tickets.csv"], ".csv, .json, .jsonl, .xml"),
            (["convert", root + "/tickets.json", root + "/tickets.tsv"], ".csv, .json, .jsonl, .xml"),
            (
                ["convert", root + "/widgets.json", root + "/widgets.csv"],
                "tickets, comments, customers, contacts, assets, tags, users, products"
            ),
            (["convert", root, root + "/out"], "--format csv, json, jsonl or xml"),
            (["convert", root + "/tickets.json", root + "/customers.csv"], "named for customers"),
            (["convert", root + "/tickets.json", root + "/out.csv", "--format", "xml"], "disagrees"),
            (["convert", root + "/tickets.json"], "Missing expected argument"),
        ]
        for (arguments, expected) in cases {
            let outcome = try await CommandRunner().run(arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.all)")
            #expect(outcome.stderr.contains(expected), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty)
        }
        #expect(try contents(root) == ["tickets.json", "tickets.txt", "widgets.json"])
    }

    @Test("a truncated file exits 1 naming its line, and leaves no output")
    func truncated() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/tickets.json"
        try Data("[\n{\"id\": 1, \"subject\": \"one\"},\n{\"id\": 2, \"subj".utf8).write(
            to: URL(fileURLWithPath: input))
        for output in ["tickets.csv", "tickets.xml", "tickets.jsonl"] {
            let outcome = try await CommandRunner().run(["convert", input, "\(root)/\(output)"])
            #expect(outcome.status == 1, "\(outcome.all)")
            #expect(outcome.stderr.hasPrefix("syncro-fusion: \(input):3:"), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("truncated"), "\(outcome.stderr)")
            #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome.stderr)")
        }
        let csv = root + "/comments.csv"
        try Data("id,ticket_id,body\n1,10,hello\n2,10,\"a, b\",extra\n".utf8).write(to: URL(fileURLWithPath: csv))
        let wide = try await CommandRunner().run(["convert", csv, root + "/comments.json"])
        #expect(wide.status == 1)
        #expect(wide.stderr.contains("\(csv):3:1: error: [csv.extra-column]"), "\(wide.stderr)")
        #expect(try contents(root) == ["comments.csv", "tickets.json"])
    }

    /// `samples/` in this repository.
    private static let samples = SimulatedAccount.repositoryRoot + "/samples"

    @Test("a snapshot converts JSON → CSV directory → XML → JSON to the same document")
    func snapshotRoundTrip() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The writer's own form of the sample is the reference: the hand-written sample is laid out for reading.
        let canonical = try await CommandRunner().run(["convert", Self.samples + "/snapshot.json", root + "/a.json"])
        #expect(canonical.status == 0, "\(canonical.all)")
        #expect(
            canonical.stdout
                == "converted the snapshot \(Self.samples)/snapshot.json to \(root)/a.json as json: 4 customers, "
                + "3 contacts, 3 assets, 11 tickets, 8 comments\n")
        #expect(canonical.stderr.isEmpty, "\(canonical.stderr)")

        for (input, output) in [("a.json", "csv"), ("csv", "b.xml"), ("b.xml", "c.json")] {
            let step = try await CommandRunner().run(["convert", "\(root)/\(input)", "\(root)/\(output)"])
            #expect(step.status == 0, "\(input) → \(output): \(step.all)")
        }
        #expect(try bytes(root + "/c.json") == bytes(root + "/a.json"))
        #expect(
            try contents(root + "/csv") == [
                "assets.csv", "comments.csv", "contact_tags.csv", "contacts.csv", "customer_tags.csv", "customers.csv",
                "snapshot.csv", "ticket_assets.csv", "ticket_properties.csv", "ticket_tags.csv", "tickets.csv",
            ])
        #expect(try contents(root) == ["a.json", "b.xml", "c.json", "csv"])

        // The committed XML and CSV samples are this conversion of the JSON sample.
        #expect(try bytes(root + "/b.xml") == bytes(Self.samples + "/snapshot.xml"))
        for name in try contents(root + "/csv") {
            #expect(try bytes("\(root)/csv/\(name)") == bytes("\(Self.samples)/snapshot-csv/\(name)"), "\(name)")
        }
    }

    @Test("an invalid snapshot exits 1 with one line per problem, file:line:col, and leaves nothing")
    func invalidSnapshot() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = Self.samples + "/snapshot-invalid.json"
        for output in ["out.xml", "out", "out.json"] {
            let outcome = try await CommandRunner().run(["convert", input, "\(root)/\(output)"])
            #expect(outcome.status == 1, "\(outcome.all)")
            #expect(outcome.stdout.isEmpty)
            let lines = outcome.stderr.split(separator: "\n").map(String.init)
            #expect(
                lines.first
                    == "syncro-fusion: \(input) is not a valid snapshot (2 errors); nothing was written: fix the "
                    + "problems below and convert again.")
            #expect(lines.count == 4, "\(outcome.stderr)")
            #expect(lines.contains { $0.hasPrefix("\(input):19:9: error: [snapshot.comment-without-body] ") })
            #expect(lines.contains { $0.hasPrefix("\(input):23:40: error: [snapshot.duplicate-key] ") })
        }
        #expect(try contents(root).isEmpty)
    }

    @Test("a snapshot the target cannot carry exits 1; a JSON Lines or .csv target is a usage error (64)")
    func lossyAndUsage() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/sparse.json"
        // Ticket P-1 leaves `due_date` unmanaged, which a CSV snapshot cannot say (its exp_due_date column manages
        // the field for every ticket).
        try Data(
            """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-1",
             "generated_at": "2026-11-28T23:00:00Z",
             "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "demo", "syncro_role": "target",
               "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
               "sync_public_comments": true, "sync_private_comments": false},
             "tickets": [{"partner_ticket_id": "P-1", "syncro_ticket_id": 1001,
               "expected": {"subject": "Printer", "status": "New", "priority": "2 Normal", "problem_type": "Other",
                 "contact_id": null, "user_id": null, "customer_id": 101}, "comments": []}]}
            """.utf8
        ).write(to: URL(fileURLWithPath: input))
        let lossy = try await CommandRunner().run(["convert", input, root + "/csv"])
        #expect(lossy.status == 1, "\(lossy.all)")
        #expect(lossy.stderr.contains("says more than a CSV snapshot can carry (1 difference)"), "\(lossy.stderr)")
        #expect(lossy.stderr.contains("\nticket P-1: expected.due_date would read back as null instead of unmanaged\n"))
        let xml = try await CommandRunner().run(["convert", input, root + "/sparse.xml"])
        #expect(xml.status == 0, "\(xml.all)")

        for arguments in [
            [input, root + "/out.jsonl"], [input, root + "/out.csv"], [input, root + "/out", "--format", "jsonl"],
        ] {
            let usage = try await CommandRunner().run(["convert"] + arguments)
            #expect(usage.status == 64, "\(arguments): \(usage.all)")
            #expect(usage.stderr.split(separator: "\n").count == 1, "\(usage.stderr)")
        }
        #expect(try contents(root) == ["sparse.json", "sparse.xml"])
    }
}
