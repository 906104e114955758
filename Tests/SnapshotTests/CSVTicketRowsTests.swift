import Foundation
import Snapshot
import Testing

/// A CSV snapshot's ticket rows are read on a thread of their own and decoded on the reader's: the diagnostics must
/// still come in file order, as reading everything on one thread gave them.
@Suite("CSV ticket rows read ahead on their own thread")
struct CSVTicketRowsTests {
    private static let ticketCount = 1_000

    private static func write(to path: String) throws {
        try SnapshotFixtures.writeNumberedTickets(ticketCount, to: path)
    }

    /// Rewrites the lines of `file` (after the header) that `change` returns a new text for.
    private static func edit(_ file: String, _ change: (_ index: Int, _ line: String) -> String?) throws {
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let changed = [lines[0]] + lines.dropFirst().enumerated().map { change($0, $1) ?? $1 }
        try (changed.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test("width problems, bad values and child-file problems come in file order, over many batches")
    func diagnosticsInFileOrder() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.file("csv")
        try Self.write(to: directory)
        let tickets = directory + "/tickets.csv"
        let header = try #require(try String(contentsOfFile: tickets, encoding: .utf8).split(separator: "\n").first)
        let idColumn = try #require(header.split(separator: ",").firstIndex(of: "syncro_ticket_id"))
        // Every 97th row has an extra field, every 89th a syncro_ticket_id that is not a number; some rows both.
        let wide = Set((0..<Self.ticketCount).filter { $0 % 97 == 5 || $0 == 450 })
        let bad = Set((0..<Self.ticketCount).filter { $0 % 89 == 7 || $0 == 450 })
        try Self.edit(tickets) { index, line in
            guard wide.contains(index) || bad.contains(index) else { return nil }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if bad.contains(index) { fields[idColumn] = "x\(index)" }
            if wide.contains(index) { fields.append("extra") }
            return fields.joined(separator: ",")
        }
        // A tag row and a comment row without their ticket key: found when the child files are indexed.
        try Self.edit(directory + "/ticket_tags.csv") { index, line in
            index == 300 ? "," + line.drop { $0 != "," }.dropFirst() : nil
        }
        try Self.edit(directory + "/comments.csv") { index, line in index == 600 ? String(line.drop { $0 != "," }) : nil
        }

        let read = Diagnosed(path: directory)
        let files = read.diagnostics.map { ($0.location.file as NSString).lastPathComponent }
        let childProblems = files.prefix { $0 != "tickets.csv" }
        #expect(childProblems == ["ticket_tags.csv", "comments.csv"], "\(files)")
        let rowProblems = read.diagnostics.dropFirst(childProblems.count)
        #expect(rowProblems.allSatisfy { ($0.location.file as NSString).lastPathComponent == "tickets.csv" })
        // Each problem row's line: a row with both problems has its width problem first.
        let expected = (0..<Self.ticketCount).flatMap { index -> [(line: Int, width: Bool)] in
            (wide.contains(index) ? [(index + 2, true)] : []) + (bad.contains(index) ? [(index + 2, false)] : [])
        }
        let found = rowProblems.map { ($0.location.line ?? 0, $0.code.hasPrefix("csv.")) }
        #expect(found.map(\.0) == expected.map(\.line))
        #expect(found.map(\.1) == expected.map(\.width))
        // A row with an extra field is read as far as it goes; one with a bad id is left out.
        #expect(read.tickets.count == Self.ticketCount - bad.count)
    }

    @Test("a reader dropped after a few tickets stops its reading thread")
    func droppedEarly() throws {
        let scratch = try ScratchDirectory()
        let directory = scratch.file("csv")
        try Self.write(to: directory)
        expectReadersDroppedEarlyStop(path: directory, tickets: Self.ticketCount)
    }
}
