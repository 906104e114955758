import Foundation
import Snapshot
import Testing

@Suite("Round trips through the three formats")
struct RoundTripTests {
    private func load(_ path: String) throws -> Snapshot {
        let (snapshot, diagnostics) = try Snapshot.load(path: path)
        #expect(diagnostics.isEmpty, "\(path): \(DiagnosticRenderer.text(diagnostics))")
        return snapshot
    }

    @Test("JSON → CSV → XML → JSON gives an equal snapshot", arguments: ["rich", "spec"])
    func throughEveryFormat(_ name: String) throws {
        let scratch = try ScratchDirectory()
        let original: Snapshot
        if name == "rich" {
            try SnapshotWriter.write(SnapshotFixtures.rich, to: scratch.file("start.json"))
            original = try load(scratch.file("start.json"))
            #expect(original == SnapshotFixtures.rich)
        } else {
            original = try load(SnapshotFixtures.specExamplePath)
        }
        try SnapshotWriter.write(original, to: scratch.file("snapshot-csv"))
        let fromCSV = try load(scratch.file("snapshot-csv"))
        #expect(fromCSV == original)
        try SnapshotWriter.write(fromCSV, to: scratch.file("snapshot.xml"))
        let fromXML = try load(scratch.file("snapshot.xml"))
        #expect(fromXML == original)
        try SnapshotWriter.write(fromXML, to: scratch.file("end.json"))
        let fromJSON = try load(scratch.file("end.json"))
        #expect(fromJSON == original)
    }

    @Test("the CSV directory has exactly the specified files and columns")
    func csvFiles() throws {
        let scratch = try ScratchDirectory()
        try SnapshotWriter.write(SnapshotFixtures.rich, to: scratch.file("out"))
        #expect(
            try scratch.contents("out") == [
                "assets.csv", "comments.csv", "contact_tags.csv", "contacts.csv", "customer_tags.csv", "customers.csv",
                "snapshot.csv", "ticket_assets.csv", "ticket_properties.csv", "ticket_tags.csv", "tickets.csv",
            ])
        let tickets = try String(contentsOfFile: scratch.file("out/tickets.csv"), encoding: .utf8)
        #expect(
            tickets.hasPrefix(
                "partner_ticket_id,syncro_ticket_id,syncro_ticket_number,syncro_customer_id,last_synced_at,"
                    + "syncro_updated_at,exp_subject,exp_status,exp_priority,exp_problem_type,exp_contact_id,"
                    + "exp_user_id,exp_due_date,exp_customer_id,cur_subject,cur_status,cur_priority\n"))
        // Writing again replaces the directory; no temporary directory is left behind.
        try SnapshotWriter.write(SnapshotFixtures.rich, to: scratch.file("out"))
        #expect(try scratch.contents() == ["out"])
    }

    @Test("unmanaged child fields leave their CSV files out")
    func unmanagedFilesAbsent() throws {
        let scratch = try ScratchDirectory()
        var snapshot = SnapshotFixtures.rich
        for index in snapshot.customers.indices { snapshot.customers[index].tags = nil }
        for index in snapshot.tickets.indices { snapshot.tickets[index].expected.tags = .unmanaged }
        try SnapshotWriter.write(snapshot, to: scratch.file("out"))
        let files = try scratch.contents("out")
        #expect(!files.contains("customer_tags.csv"))
        #expect(!files.contains("ticket_tags.csv"))
        #expect(try load(scratch.file("out")) == snapshot)
    }

    @Test("the JSON document keeps the key order of the specification")
    func jsonKeyOrder() throws {
        let scratch = try ScratchDirectory()
        let (snapshot, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        try SnapshotWriter.write(snapshot, to: scratch.file("out.json"))
        let text = try String(contentsOfFile: scratch.file("out.json"), encoding: .utf8)
        let order = [
            "\"schema\"", "\"schema_version\"", "\"snapshot_id\"", "\"generated_at\"", "\"relationship\"",
            "\"customers\"", "\"contacts\"", "\"assets\"", "\"tickets\"", "\"partner_ticket_id\"", "\"expected\"",
            "\"partner_current\"", "\"comments\"",
        ]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        #expect(text.contains("\"generated_at\": \"2026-11-28T23:00:00Z\""))
    }

    @Test("records out of section order are refused, and an abandoned writer leaves nothing")
    func sectionOrder() throws {
        let scratch = try ScratchDirectory()
        let snapshot = SnapshotFixtures.rich
        for format in SnapshotFormat.allCases {
            let path = scratch.file("out-\(format.rawValue)")
            let writer = try SnapshotWriter(
                path: path, format: format, header: snapshot.header, relationship: snapshot.relationship)
            try writer.write(snapshot.contacts[0])
            #expect(throws: SnapshotWriteError.self) { try writer.write(snapshot.customers[0]) }
            writer.abandon()
        }
        #expect(try scratch.contents().isEmpty)
    }

    @Test("XML refuses a control character it cannot carry")
    func xmlControlCharacter() throws {
        let scratch = try ScratchDirectory()
        var snapshot = SnapshotFixtures.rich
        snapshot.customers[0].businessName = "bell\u{7}"
        #expect(throws: (any Error).self) { try SnapshotWriter.write(snapshot, to: scratch.file("out.xml")) }
        #expect(try scratch.contents().isEmpty)
    }
}
