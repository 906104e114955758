import Foundation
import RecordFormats
import Snapshot
import Testing

@Suite("Converting a snapshot between formats")
struct ConverterTests {
    private func load(_ path: String) throws -> Snapshot {
        let (snapshot, diagnostics) = try Snapshot.load(path: path)
        #expect(diagnostics.isEmpty, "\(path): \(DiagnosticRenderer.text(diagnostics))")
        return snapshot
    }

    /// `snapshot` as the converter writes it: in the current form, which its header says.
    private func converted(_ snapshot: Snapshot) -> Snapshot {
        var snapshot = snapshot
        snapshot.header.schemaVersion = max(snapshot.header.schemaVersion, .current)
        return snapshot
    }

    @Test("JSON → CSV → XML → JSON through the converter gives an equal snapshot", arguments: ["rich", "spec"])
    func roundTrip(_ name: String) throws {
        let scratch = try ScratchDirectory()
        let start: String
        if name == "rich" {
            start = scratch.file("start.json")
            try SnapshotWriter.write(SnapshotFixtures.rich, to: start)
        } else {
            start = SnapshotFixtures.specExamplePath
        }
        let original = try load(start)
        var path = start
        for (next, format) in [("snapshot-csv", SnapshotFormat.csv), ("snapshot.xml", .xml), ("end.json", .json)] {
            let result = try SnapshotConverter(input: path, output: scratch.file(next)).run()
            #expect(result.format == format)
            #expect(result.output == scratch.file(next))
            #expect(result.tickets == original.tickets.count)
            #expect(result.comments == original.tickets.reduce(0) { $0 + $1.comments.count })
            #expect(try load(scratch.file(next)) == converted(original), "\(next)")
            path = scratch.file(next)
        }
        // Only the three outputs (and the start): no work file or directory is left behind.
        let expected = (name == "rich" ? ["start.json"] : []) + ["end.json", "snapshot-csv", "snapshot.xml"]
        #expect(try scratch.contents() == expected.sorted())
    }

    @Test("sections in an unusual order (tickets first) are written in the writer's order")
    func sectionsOutOfOrder() throws {
        let scratch = try ScratchDirectory()
        // The specification's example with its members reversed: tickets, assets, ..., header last.
        let example = try #require(try JSONValue.parse(SnapshotFixtures.specExampleText()).objectValue)
        let reversed = JSONObject(Array(example).reversed().map { ($0.key, $0.value) })
        let input = try scratch.write("reordered.json", JSONValue.object(reversed).serialized(pretty: true))
        let original = try load(SnapshotFixtures.specExamplePath)
        #expect(try load(input) == original)

        for output in ["out.xml", "out-csv", "out.json"] {
            _ = try SnapshotConverter(input: input, output: scratch.file(output)).run()
            #expect(try load(scratch.file(output)) == converted(original), "\(output)")
        }
    }

    @Test("an invalid snapshot is refused with every diagnostic, even one found at the end, and nothing is written")
    func invalid() throws {
        let scratch = try ScratchDirectory()
        var snapshot = SnapshotFixtures.rich
        snapshot.tickets[1].partnerTicketID = snapshot.tickets[0].partnerTicketID
        let input = scratch.file("duplicate.json")
        try SnapshotWriter.write(snapshot, to: input)
        for output in ["out.xml", "out-csv", "out.json"] {
            let error = #expect(throws: SnapshotConvertError.self) {
                try SnapshotConverter(input: input, output: scratch.file(output)).run()
            }
            guard case .invalid(let path, let diagnostics)? = error else {
                Issue.record("expected .invalid, got \(String(describing: error))")
                continue
            }
            #expect(path == input)
            #expect(diagnostics.map(\.code) == ["snapshot.duplicate-key"])
            #expect(error?.errorDescription?.contains("is not a valid snapshot (1 error)") == true)
            let detail = try #require(error?.details.first)
            #expect(detail.hasPrefix("\(input):"), "\(detail)")
            #expect(detail.contains(": error: [snapshot.duplicate-key] partner_ticket_id '88412'"), "\(detail)")
        }
        #expect(try scratch.contents() == ["duplicate.json"])

        // A header that cannot be read: no writer is opened at all.
        let broken = try scratch.write("broken.json", #"{"schema": "sf-syncro-snapshot", "schema_version": "2.0"}"#)
        let error = #expect(throws: SnapshotConvertError.self) {
            try SnapshotConverter(input: broken, output: scratch.file("out.xml")).run()
        }
        #expect(error?.details.contains { $0.contains("[snapshot.unsupported-major]") } == true)
        #expect(try scratch.contents() == ["broken.json", "duplicate.json"])
    }

    @Test("a snapshot that says more than the target format can carry is refused, naming record and field")
    func lossy() throws {
        let scratch = try ScratchDirectory()
        var snapshot = SnapshotFixtures.rich
        snapshot.tickets[0].expected.dueDate = .unmanaged
        snapshot.tickets[0].partnerCurrent?.contactID = .value(7)
        snapshot.tickets[1].expected.tags = .unmanaged
        snapshot.customers[0].email = ""
        let input = scratch.file("start.json")
        try SnapshotWriter.write(snapshot, to: input)

        let toCSV = #expect(throws: SnapshotConvertError.self) {
            try SnapshotConverter(input: input, output: scratch.file("out")).run()
        }
        #expect(toCSV?.errorDescription?.contains("says more than a CSV snapshot can carry (4 differences)") == true)
        #expect(
            toCSV?.details == [
                "customer 902311: email would read back as null instead of \"\"",
                "ticket 88412: expected.due_date would read back as null instead of unmanaged",
                "ticket 88412: partner_current.contact_id would read back as unmanaged instead of 7",
                "ticket 88413: expected.tags would read back as [] instead of unmanaged",
            ])

        // XML carries all of it: unmanaged fields, every partner_current field, empty text.
        _ = try SnapshotConverter(input: input, output: scratch.file("out.xml")).run()
        #expect(try load(scratch.file("out.xml")) == snapshot)
        try FileManager.default.removeItem(atPath: scratch.file("out.xml"))
        #expect(try scratch.contents() == ["start.json"])
    }

    @Test("paths: an existing CSV snapshot is replaced, any other directory or a file-like CSV name is refused")
    func paths() throws {
        let scratch = try ScratchDirectory()
        let input = scratch.file("start.json")
        try SnapshotWriter.write(SnapshotFixtures.rich, to: input)

        // Replacing an earlier CSV snapshot leaves only the new one.
        var older = SnapshotFixtures.rich
        older.tickets.removeLast()
        try SnapshotWriter.write(older, to: scratch.file("csv"))
        _ = try SnapshotConverter(input: input, output: scratch.file("csv/")).run()
        #expect(try load(scratch.file("csv")) == SnapshotFixtures.rich)

        try scratch.write("documents/keep.txt", "mine")
        let cases: [(String, SnapshotFormat?, String)] = [
            (scratch.file("documents"), nil, "is a directory that is not a CSV snapshot"),
            (scratch.file("snapshot.csv"), nil, "names none of these"),
            (scratch.file("out.json"), .xml, "--format xml disagrees with"),
            (input, nil, "The input and the output are both"),
            (scratch.file("missing/out.json"), nil, "does not exist: create it first"),
        ]
        for (output, format, message) in cases {
            let error = #expect(throws: SnapshotConvertError.self) {
                try SnapshotConverter(input: input, output: output, format: format).run()
            }
            #expect(error?.errorDescription?.contains(message) == true, "\(output): \(String(describing: error))")
        }
        #expect(try scratch.contents() == ["csv", "documents", "start.json"])
        #expect(try scratch.contents("documents") == ["keep.txt"])
    }
}
