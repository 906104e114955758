import Foundation
import Reconcile
import RecordFormats
import Testing

@testable import SyncroExport

/// The tickets of a CSV export are read back from the file when compared (`TicketRowFile`) instead of held: what
/// reading back gives must be what holding them gives, in whatever order tickets are asked for, and a file that
/// changed meanwhile must be noticed rather than compared.
@Suite("Syncro records: tickets read back from the export")
struct TicketRowFileTests {
    private static let header = EntityColumns.columns(.tickets, propertyNames: ["Partner Ticket"]).map(\.header)

    /// A tickets file of `ids`, one row each, with subjects long enough (and broken over lines) that the rows
    /// span several of the reader's chunks.
    private static func ticketsCSV(ids: [Int], subject: (Int) -> String = { "Subject \($0)" }) -> String {
        var text = header.joined(separator: ",") + "\n"
        for (number, id) in ids.enumerated() {
            let cells: [String: String] = [
                "id": "\(id)", "number": "\(10_000 + number)",
                "subject": "\"\(subject(id)), line one\nline \"\"two\"\" " + String(repeating: "ü", count: number % 400)
                    + "\"",
                "status": number % 2 == 0 ? "New" : "Resolved", "customer_id": "\(900 + number % 3)",
                "user_id": number % 5 == 0 ? "" : "118", "updated_at": "2026-11-28T22:10:12Z",
                "tag_list": number % 3 == 0 ? "[]" : "\"[\"\"co-managed\"\",\"\"vip\"\"]\"",
                "customer_tag_list": number % 4 == 0 ? "\"[\"\"org\"\"]\"" : "", "asset_ids": "\"[1,\(number)]\"",
                "properties.Partner Ticket": number % 7 == 0 ? "" : "P\(id)",
            ]
            text += header.map { cells[$0] ?? "" }.joined(separator: ",") + "\n"
        }
        return text
    }

    @Test(
        "tickets read back from the file are the tickets held, asked for in order, backwards or at random",
        arguments: [false, true])
    func readBackEqualsHeld(ascending: Bool) throws {
        var ids = Array(stride(from: 50_000, to: 56_000, by: 2))
        if !ascending {
            // Out of order and repeated: the store leaves its sorted columns, and the last row of an id wins.
            ids.swapAt(10, 2_000)
            ids.append(50_040)
        }
        let fixture = try ExportFixture()
        try fixture.write("tickets.csv", Self.ticketsCSV(ids: ids))
        let size = try FileManager.default.attributesOfItem(atPath: fixture.file("tickets.csv"))[.size] as? Int
        #expect(size ?? 0 > 1 << 20, "rows over more than one chunk")
        let held = try fixture.records(ticketsFromFile: false)
        let readBack = try fixture.records()
        #expect(readBack.tickets.count == held.tickets.count)
        #expect(Set(readBack.tickets.ids) == Set(ids))
        if ascending { #expect(Array(readBack.tickets.ids) == ids) }
        var random = SplitMix64(seed: 7)
        let orders = [ids, ids.reversed(), ids.shuffled(using: &random)]
        for order in orders {
            for id in order { #expect(readBack.tickets[id] == held.tickets[id], "ticket \(id)") }
        }
        let lastRow = ascending ? 20 : ids.count - 1
        #expect(readBack.tickets[50_040]?["number"] == .number("\(10_000 + lastRow)"))
        #expect(readBack.tickets[50_001] == nil)
        #expect(readBack.customerTagsElsewhere == held.customerTagsElsewhere)
        #expect(readBack.ticketRowFailure == nil)
    }

    @Test("a tickets file changed in place is reported with its path, and one replaced by a new file is not")
    func changedFile() throws {
        let fixture = try ExportFixture()
        let ids = Array(50_000..<53_000)
        let path = try fixture.write("tickets.csv", Self.ticketsCSV(ids: ids))
        let records = try fixture.records()
        let expected = try fixture.records(ticketsFromFile: false)

        // Exports are written beside and renamed into place: the records still read the file they loaded.
        let replacement = fixture.file("tickets.csv.new")
        try Data(Self.ticketsCSV(ids: ids) { "Changed \($0)" }.utf8).write(to: URL(fileURLWithPath: replacement))
        #expect(rename(replacement, path) == 0)
        #expect(records.tickets[50_010] == expected.tickets[50_010])
        #expect(records.ticketRowFailure == nil)
        #expect(throws: Never.self) { try DriftEngine(syncro: records).verifyExportUnchanged() }

        // Rewritten in place (the same file, other rows): the rows are no longer the tickets loaded.
        let reloaded = try fixture.records()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(Self.ticketsCSV(ids: ids.map { $0 + 1 }).utf8))
        try handle.close()
        // The reader still holds the file's first chunk from loading: a ticket past it is read from the file.
        #expect(reloaded.tickets[52_990] == nil)
        let failure = try #require(reloaded.ticketRowFailure)
        #expect(failure.path == path)
        #expect(failure.code == "csv.changed")
        #expect(failure.description.contains("ticket 52990's row is not what it was when the export was loaded"))
        #expect(throws: RecordFileError.self) { try DriftEngine(syncro: reloaded).verifyExportUnchanged() }
    }
}
