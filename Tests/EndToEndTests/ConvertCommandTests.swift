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

    @Test("a Support Fusion snapshot exits 1: snapshot conversion is not available yet")
    func snapshot() async throws {
        let root = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let input = root + "/snapshot.json"
        try Data(#"{"schema": "sf-syncro-snapshot", "schema_version": "1.0"}"#.utf8).write(
            to: URL(fileURLWithPath: input))
        let outcome = try await CommandRunner().run(["convert", input, root + "/snapshot.xml"])
        #expect(outcome.status == 1, "\(outcome.all)")
        #expect(outcome.stderr.contains("is a Support Fusion snapshot"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("not available yet"), "\(outcome.stderr)")
        #expect(try contents(root) == ["snapshot.json"])
    }
}
