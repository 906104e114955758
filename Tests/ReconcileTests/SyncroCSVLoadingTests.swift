import Foundation
import Reconcile
import RecordFormats
import Snapshot
import SyncroCatalog
import Testing

@testable import SyncroExport

/// Loading an export's CSV files decodes only the cells the drift engine reads, with shortcuts for numbers and
/// lists: what it keeps must be exactly what decoding whole records and adding them keeps.
@Suite("Syncro records: CSV loading")
struct SyncroCSVLoadingTests {
    /// `CSVRecordDecoder.value(of:cell:)` as it was written first: the column's own reading, then the number check
    /// through the JSON parser.
    private static func referenceValue(of column: CSVColumn, cell: String) -> JSONValue {
        let value = column.value(fromCell: cell)
        guard case .number(let literal) = value else { return value }
        guard case .number(let parsed)? = try? JSONValue.parse(literal), parsed == literal else {
            return .string(cell)
        }
        return value
    }

    private static let cells = [
        "", "0", "-0", "7", "-12", "12.50", "1e5", "1E+5", "2.5e-3", "0042", "-", "1.", ".5", "1e", "1e+", "nan",
        "0x10", " 5", "5 ", "\u{FEFF}5", "1.5.2", "--1", "+1", "9223372036854775808", "50000000", "[]", "[ ]",
        "[\"a\"]", "[\"co-managed\",\"vip\"]", "[\"a\",]", "[,\"a\"]", "[\"a\" ,\"b\"]", "[\"a\\\"b\"]",
        "[\"\\u00e9\"]", "[\"ünï\",\"日本\"]", "[\"tab\there\"]", "[1,2]", "[\"a\",1]", "[\"a\"", "[\"", "[",
        "]", "[]]", "[[]]", "[\"a\"]x", "{\"a\":1}", "true", "false", "null", "\"text\"", "True", "plain text",
        "\u{FEFF}[]", "[\"\"]", "[\"\",\"\"]", "[\"a\"\"b\"]",
    ]

    @Test("a cell reads as the column's reading with the number check, for every kind")
    func cellValues() {
        for kind in [CSVColumn.Kind.text, .number, .boolean, .json] {
            let column = CSVColumn("c", kind)
            for cell in Self.cells {
                #expect(
                    CSVRecordDecoder.value(of: column, cell: cell) == Self.referenceValue(of: column, cell: cell),
                    "\(kind) cell \(cell.debugDescription)")
                #expect(
                    CSVRecordDecoder.isJSONNumber(cell)
                        == ((try? JSONValue.parse(cell)).map { $0 == .number(cell) } ?? false),
                    "number check of \(cell.debugDescription)")
            }
        }
    }

    @Test("a record decoded for some keys holds a whole record's values of them, in the order asked")
    func projectedRecords() throws {
        let headers: [[String]] = [
            EntityColumns.columns(.tickets, propertyNames: ["Partner Ticket", "Site"]).map(\.header),
            ["id", "subject", "properties", "properties.Partner Ticket", "extra"],
            ["properties", "id", "number"],
            ["number", "tag_list", "id"],
            EntityColumns.base(.comments).map(\.header),
            ["id", "body", "properties.x", "properties"],
        ]
        let keys = [
            "id", "number", "subject", "status", "tag_list", "properties", "customer_tag_list", "comments", "body",
            "hidden", "extra", "id",
        ]
        for (entity, header) in [ExportEntity.tickets, .comments].flatMap({ entity in headers.map { (entity, $0) } }) {
            guard header.contains(where: { name in EntityColumns.base(entity).contains { $0.header == name } }) else {
                continue
            }
            let whole = try CSVRecordDecoder(entity: entity, header: header, path: "t.csv")
            let projected = try CSVRecordDecoder(entity: entity, header: header, path: "t.csv", keeping: keys)
            for row in 0..<3 {
                let fields = header.indices.map { index in Self.cells[(index * 7 + row * 11) % Self.cells.count] }
                let record = whole.record(from: fields)
                var expected = JSONObject()
                for key in keys where expected[key] == nil {
                    if let value = record[key] { expected.appendUnchecked(key, value) }
                }
                #expect(projected.record(from: fields) == expected, "\(entity) \(header) row \(row)")
            }
        }
    }

    @Test("tickets and comments loaded from CSV are what adding whole records keeps")
    func loadMatchesAddingWholeRecords() throws {
        let fixture = try ExportFixture()
        let ticketHeader = EntityColumns.columns(.tickets, propertyNames: ["Partner Ticket"]).map(\.header)
        var tickets = [ticketHeader]
        for number in 0..<40 {
            var row = Array(repeating: "", count: ticketHeader.count)
            func set(_ name: String, _ value: String) { row[ticketHeader.firstIndex(of: name)!] = value }
            set("id", number == 5 ? "5.0" : "\(50_000 + number)")
            set("number", number % 9 == 0 ? "0042" : "\(10_000 + number)")
            set("subject", "Printer jam, \"floor\" \(number) — ünïcode\nsecond line")
            set("status", number % 2 == 0 ? "New" : "Resolved")
            set("customer_id", number % 4 == 0 ? "" : "\(900 + number % 3)")
            set("contact_id", "55\(number)")
            set("user_id", number % 5 == 0 ? "abc" : "118")
            set("updated_at", "2026-11-28T22:10:12Z")
            set("due_date", number % 3 == 0 ? "2026-12-01" : "")
            set("tag_list", ["[]", "[\"co-managed\",\"vip\"]", "[\"a\\\"b\"]", "", "[ \"x\" ]", "nope"][number % 6])
            set("customer_tag_list", ["", "[\"org\"]", "[\"org\",\"vip\"]", "[]"][number % 4])
            set("asset_ids", number % 2 == 0 ? "[]" : "[1,2]")
            set("properties.Partner Ticket", number % 7 == 0 ? "" : "P\(number)")
            tickets.append(row)
        }
        let commentHeader = EntityColumns.base(.comments).map(\.header)
        var comments = [commentHeader]
        let commentIDs = [700, 701, 705, 703, 701, 710, 711, 702, 720]
        for (number, id) in commentIDs.enumerated() {
            let body =
                number == 3
                ? ReferenceMarker(partnerID: "P7", opKey: "sfr1-" + String(repeating: "0a", count: 10))
                    .appended(to: "Restored.")
                : number == 6 ? "" : "Update \(number): cleared the <b>queue</b> &amp; restarted — ü."
            let hidden = ["true", "false", "", "1", "yes"][number % 5]
            comments.append([
                "\(id)", "\(50_000 + number % 4)", "2026-11-28T22:10:12Z", "", "Update", body, "Sam", hidden,
                number == 2 ? "" : "118", "false",
            ])
        }
        try fixture.write("tickets.csv", Self.csv(tickets))
        try fixture.write("comments.csv", Self.csv(comments))

        for keepBodies in [false, true] {
            let loaded = try fixture.records(keepBodies: keepBodies)
            var added = SyncroRecords(subdomain: "northwind", keepBodies: keepBodies)
            for entity in [ExportEntity.tickets, .comments] {
                let reader = try ExportRecordReader(
                    path: (fixture.path as NSString).appendingPathComponent("\(entity.rawValue).csv"), entity: entity,
                    format: .csv)
                while let record = try reader.next() { added.add(record, as: entity) }
            }
            #expect(loaded.tickets.count == added.tickets.count)
            for (id, record) in added.tickets { #expect(loaded.tickets[id] == record, "ticket \(id)") }
            #expect(loaded.comments.count == added.comments.count)
            for id in Set(commentIDs) { #expect(loaded.comments[id] == added.comments[id], "comment \(id)") }
            for ticket in 50_000..<50_004 {
                #expect(loaded.commentIDsByTicket[ticket] == added.commentIDsByTicket[ticket])
            }
            #expect(loaded.customerTagsElsewhere == added.customerTagsElsewhere)
            #expect(loaded.markedCommentIDs == added.markedCommentIDs)
            #expect(!loaded.markedCommentIDs.isEmpty)
        }
    }

    @Test(
        "comment cells read straight from CSV rows are what adding whole records keeps, with or without tickets",
        arguments: [false, true])
    func commentCellsMatchAddingWholeRecords(withTickets: Bool) throws {
        let integers = [
            "", "7", "-12", "0", "-0", "0042", "5.0", "1e3", "+5", " 5", "5 ", "abc", "-", "123456789012345678",
            "1234567890123456789", "9223372036854775808", "12.5",
        ]
        let flags = ["", "true", "false", "TRUE", " true", "False", "1", "0", "yes", "t"]
        let marker = ReferenceMarker(partnerID: "P9", opKey: "sfr1-" + String(repeating: "0b", count: 10))
        let bodies = [
            "", "plain", "  spaced \t out\r\n  ", "<p>one</p><p>two</p>", "a < b &amp;&lt;b&gt; &quot;q&quot;",
            "&nbsp;x&hellip;&eacute;", "&#x41;&#66;&#0;&#xD800;&unknown;&amp", "Cafe\u{0301} ünï 日本",
            "\u{00A0}x\u{3000}y",
            "line\nbreak, \"quoted\"", marker.appended(to: "Restored."), marker.appended(to: "Restored ü."),
            "<!-- c -->&lt;!-- not --&gt;", String(repeating: "long <b>body</b> &amp; more ", count: 40),
        ]
        let fixture = try ExportFixture()
        let header = ["user_id", "body", "hidden", "ticket_id", "id", "extra"]
        var rows = [header]
        for number in 0..<200 {
            rows.append([
                integers[number % integers.count], bodies[number % bodies.count], flags[number % flags.count],
                number % 23 == 0 ? integers[number / 23 % integers.count] : "\(50_000 + number % 6)",
                number % 13 == 0 ? integers[number / 13 % integers.count] : "\(700 + number * 7 % 151)", "x",
            ])
        }
        try fixture.write("comments.csv", Self.csv(rows))
        if withTickets { try fixture.write("tickets.csv", "id,number\n50000,1\n") }
        for keepBodies in [false, true] {
            let loaded = try fixture.records(keepBodies: keepBodies)
            var added = SyncroRecords(subdomain: "northwind", keepBodies: keepBodies)
            let reader = try ExportRecordReader(
                path: (fixture.path as NSString).appendingPathComponent("comments.csv"), entity: .comments,
                format: .csv)
            while let record = try reader.next() { added.add(record, as: .comments) }
            #expect(loaded.comments.count == added.comments.count)
            #expect(added.comments.count > 100)
            for id in -20..<1_000 { #expect(loaded.comments[id] == added.comments[id], "comment \(id)") }
            for id in [0, 7, 42, 123_456_789_012_345_678] {
                #expect(loaded.comments[id] == added.comments[id], "comment \(id)")
            }
            for ticket in Set(rows.dropFirst().compactMap { Int($0[3]) }) {
                #expect(loaded.commentIDsByTicket[ticket] == added.commentIDsByTicket[ticket], "ticket \(ticket)")
            }
            #expect(loaded.markedCommentIDs == added.markedCommentIDs)
            #expect(!loaded.markedCommentIDs.isEmpty)
        }
    }

    @Test(
        "tickets packed straight from CSV rows are what adding whole records keeps, for any header",
        arguments: [
            EntityColumns.columns(.tickets, propertyNames: ["Partner Ticket", "Site ü", "z"]).map(\.header),
            ["properties.b", "asset_ids", "id", "properties", "tag_list", "number", "subject", "status", "priority"]
                + ["problem_type", "customer_id", "contact_id", "user_id", "due_date", "updated_at", "properties.a"]
                + ["customer_tag_list", "extra"],
            ["id", "number", "subject", "status", "priority", "problem_type", "customer_id", "contact_id"]
                + ["user_id", "due_date", "updated_at", "tag_list", "asset_ids"],
            ["id", "subject", "status", "customer_id", "tag_list", "customer_tag_list", "properties.Partner Ticket"],
            EntityColumns.base(.tickets).map(\.header) + ["comments"],
        ])
    func ticketCellsMatchAddingWholeRecords(header: [String]) throws {
        let fixture = try ExportFixture()
        var rows = [header]
        for number in 0..<120 {
            rows.append(
                header.indices.map { index in
                    switch header[index] {
                    case "id": number % 17 == 0 ? Self.cells[number / 17 % Self.cells.count] : "\(50_000 + number % 90)"
                    case "customer_id": number % 5 == 0 ? "" : "\(900 + number % 4)"
                    case "comments": number % 3 == 0 ? "[{\"id\":\(800 + number),\"body\":\"x\"}]" : ""
                    default: Self.cells[(index * 7 + number * 11) % Self.cells.count]
                    }
                })
        }
        try fixture.write("tickets.csv", Self.csv(rows))
        let loaded = try fixture.records()
        var added = SyncroRecords(subdomain: "northwind")
        let reader = try ExportRecordReader(
            path: (fixture.path as NSString).appendingPathComponent("tickets.csv"), entity: .tickets, format: .csv)
        while let record = try reader.next() { added.add(record, as: .tickets) }
        #expect(loaded.tickets.count == added.tickets.count)
        #expect(added.tickets.count > 80)
        for (id, record) in added.tickets { #expect(loaded.tickets[id] == record, "ticket \(id)") }
        #expect(loaded.customerTagsElsewhere == added.customerTagsElsewhere)
        #expect(loaded.comments.count == added.comments.count)
        #expect(loaded.commentCoverage == added.commentCoverage)
    }

    @Test("a comment's marker is found wherever its prefix is among other S's and partial prefixes")
    func markersAmongLookalikes() {
        let marker = ReferenceMarker(partnerID: "P3", opKey: "sfr1-" + String(repeating: "0c", count: 10))
        let bodies = [
            "", "S", "Support Fusion ref", "Support Fusion ref: ", "SSSS Support Fusion rSupport Fusion ref:",
            marker.appended(to: "SSS Support Fusion re S"), marker.appended(to: String(repeating: "S", count: 600)),
            marker.appended(to: "Support Fusion ref: " + String(repeating: "x", count: 700)),
            String(repeating: "Support Fusion ref: ", count: 40), marker.appended(to: ""),
        ]
        var records = SyncroRecords()
        var expected: [String: [Int]] = [:]
        for (id, body) in bodies.enumerated() {
            records.add(["id": .int(id), "ticket_id": .int(1), "body": .string(body)], as: .comments)
            if let found = ReferenceMarker.find(in: body) { expected[found.partnerID, default: []].append(id) }
        }
        #expect(records.markedCommentIDs == expected)
        #expect(expected["P3"]?.count == 4)
    }

    private static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}
