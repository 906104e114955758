import Foundation
import RecordFormats
import Snapshot
import Testing

@Suite("CSV child rows are read back from their file as each parent streams by")
struct CSVChildRowTests {
    private static let ticketCount = 200

    /// Tickets `P0`…`P199` with a tag of their own and three comments of about 2 KB that span two lines each, so
    /// `comments.csv` outgrows the reader's 1 MiB chunk and reading a parent's rows back has to seek.
    private static func snapshot() throws -> Snapshot {
        let (example, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        let at = SnapshotFixtures.date("2026-11-28T22:10:12Z")
        let tickets = (0..<ticketCount).map { t in
            var expected = TicketValues()
            expected.tags = .value(["t\(t)", "shared"])
            let comments = (0..<3).map { k in
                let body =
                    "Comment \(k) on P\(t), \"quoted\", over\r\ntwo lines. "
                    + String(repeating: "filler \(t) ", count: 200)
                return SnapshotComment(
                    partnerCommentID: "C\(t)-\(k)", syncroCommentID: t * 10 + k, hidden: k == 1,
                    subject: "Update \(k)", body: body, bodySHA256: BodyHash.sha256(body), createdAt: at,
                    author: "Sam")
            }
            return SnapshotTicket(
                partnerTicketID: "P\(t)", syncroTicketID: 1000 + t, expected: expected, comments: comments)
        }
        return Snapshot(header: example.header, relationship: example.relationship, tickets: tickets)
    }

    /// One CSV record with every field quoted.
    private static func record(_ fields: [String]) -> String {
        fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
    }

    /// CSV text built record by record, remembering the line each record starts on.
    private struct CSVText {
        var text: String
        var line: Int

        init(header: [String]) {
            text = CSVChildRowTests.record(header)
            line = 2
        }

        /// Appends `fields` and returns the line the record starts on.
        @discardableResult
        mutating func append(_ fields: [String]) -> Int {
            let record = CSVChildRowTests.record(fields)
            let start = line
            text += record
            line += record.count { $0 == "\n" || $0 == "\r\n" }
            return start
        }
    }

    @Test(
        "rows out of parent order and spread over the file come back in file order; dangling rows keep lines"
    )
    func scrambled() throws {
        let scratch = try ScratchDirectory()
        let model = try Self.snapshot()
        let directory = scratch.file("csv")
        try SnapshotWriter.write(model, to: directory)
        let baseline = Diagnosed(path: directory)
        #expect(baseline.diagnostics.isEmpty, "\(DiagnosticRenderer.text(baseline.diagnostics))")
        #expect(baseline.tickets.map(\.comments) == model.tickets.map(\.comments))

        // comments.csv as the writer wrote it, rows grouped by ticket and comment.
        let reader = try CSVReader(path: scratch.file("csv/comments.csv"))
        let header = try #require(try reader.header())
        let keyColumn = try #require(header.firstIndex(of: "partner_ticket_id"))
        let hiddenColumn = try #require(header.firstIndex(of: "hidden"))
        var rows: [[[String]]] = Array(repeating: [], count: Self.ticketCount)
        while let row = try reader.nextRow() {
            rows[Int(row.fields[keyColumn].dropFirst()) ?? 0].append(row.fields)
        }
        #expect(rows.allSatisfy { $0.count == 3 })

        // P0's rows first and last, the others' in reverse ticket order, one bad value and two orphans among them.
        func orphan(_ key: String) -> [String] {
            header.indices.map { $0 == keyColumn ? key : $0 == keyColumn + 1 ? "G-\(key)" : "" }
        }
        let others = Array(1..<Self.ticketCount)
        var comments = CSVText(header: header)
        comments.append(rows[0][0])
        for t in others.reversed() { comments.append(rows[t][0]) }
        let firstOrphan = comments.append(orphan("ghost-1"))
        for t in others { comments.append(rows[t][1]) }
        var badLine = 0
        for t in others.reversed() {
            var row = rows[t][2]
            if t == 150 { row[hiddenColumn] = "maybe" }
            let line = comments.append(row)
            if t == 150 { badLine = line }
        }
        let secondOrphan = comments.append(orphan("ghost-2"))
        comments.append(rows[0][1])
        comments.append(rows[0][2])
        try scratch.write("csv/comments.csv", comments.text)
        #expect(comments.text.utf8.count > 1 << 20)

        var tags = CSVText(header: ["partner_ticket_id", "tag"])
        tags.append(["P0", "shared"])
        for t in others.reversed() { tags.append(["P\(t)", "t\(t)"]) }
        let orphanTag = tags.append(["nobody", "t-orphan"])
        for t in others { tags.append(["P\(t)", "shared"]) }
        tags.append(["P0", "t0"])
        try scratch.write("csv/ticket_tags.csv", tags.text)

        let result = Diagnosed(path: directory)
        #expect(result.tickets == baseline.tickets.filter { $0.partnerTicketID != "P150" })
        let places = result.diagnostics.map { "\($0.code) \(($0.file as NSString).lastPathComponent):\($0.line ?? 0)" }
        #expect(
            places == [
                "\(DiagnosticCode.type) comments.csv:\(badLine)",
                "\(DiagnosticCode.danglingRow) ticket_tags.csv:\(orphanTag)",
                "\(DiagnosticCode.danglingRow) comments.csv:\(firstOrphan)",
                "\(DiagnosticCode.danglingRow) comments.csv:\(secondOrphan)",
            ])
        #expect(
            result.diagnostics.filter { $0.code == DiagnosticCode.danglingRow }.map(\.message).map {
                $0.contains("ghost-1") || $0.contains("ghost-2") || $0.contains("nobody")
            } == [true, true, true])
    }

    @Test("a comment row without its ticket's key, or cut short, is reported once, where it is, and skipped")
    func commentWithoutKey() throws {
        let scratch = try ScratchDirectory()
        let model = try Self.snapshot()
        let directory = scratch.file("csv")
        try SnapshotWriter.write(model, to: directory)
        let reader = try CSVReader(path: scratch.file("csv/comments.csv"))
        let header = try #require(try reader.header())
        let keyColumn = try #require(header.firstIndex(of: "partner_ticket_id"))
        var rows: [[String]] = []
        while let row = try reader.nextRow() { rows.append(row.fields) }

        var comments = CSVText(header: header)
        var lines: [Int] = []
        for (index, row) in rows.enumerated() {
            switch index {
            case 4:
                var keyless = row
                keyless[keyColumn] = ""
                lines.append(comments.append(keyless))
            case 7:
                // The key, the comment's own id and its linking key, then nothing.
                lines.append(comments.append(Array(row.prefix(keyColumn + 3))))
            default:
                comments.append(row)
            }
        }
        try scratch.write("csv/comments.csv", comments.text)

        let result = Diagnosed(path: directory)
        let places = result.diagnostics.map { "\($0.code) \(($0.file as NSString).lastPathComponent):\($0.line ?? 0)" }
        #expect(
            places == [
                "\(DiagnosticCode.missingField) comments.csv:\(lines[0])",
                "csv.missing-column comments.csv:\(lines[1])",
                "\(DiagnosticCode.missingField) comments.csv:\(lines[1])",
                "\(DiagnosticCode.commentWithoutBody) comments.csv:\(lines[1])",
            ], "\(DiagnosticRenderer.text(result.diagnostics))")
        #expect(
            result.diagnostics.filter { $0.code == DiagnosticCode.missingField }.map(\.message) == [
                "the required field 'partner_ticket_id' is null; add it with a value",
                "the required field 'hidden' is absent; add it with a value",
            ])
        // The keyless row belongs to no ticket; the short one is checked with its ticket (P2), which its errors
        // leave out. Every other comment is where it was.
        let kept = result.tickets.flatMap(\.comments).map(\.partnerCommentID)
        let expected = model.tickets.filter { $0.partnerTicketID != "P2" }.flatMap(\.comments).map(\.partnerCommentID)
        #expect(kept == expected.filter { $0 != "C1-1" })
        #expect(result.tickets.count == Self.ticketCount - 1)
    }
}
