import Foundation
import Snapshot
import Testing

/// An XML snapshot's elements are parsed on a thread of their own and mapped and checked on the reader's: the
/// diagnostics must still come in file order, as reading everything on one thread gave them.
@Suite("XML snapshot elements read ahead on their own thread")
struct XMLNodeReaderTests {
    private static let ticketCount = 1_000

    private static func write(to path: String) throws {
        try SnapshotFixtures.writeNumberedTickets(ticketCount, to: path)
    }

    @Test("stray text and bad values come in file order, over many batches")
    func diagnosticsInFileOrder() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("snapshot.xml")
        try Self.write(to: path)
        // Stray text before every 97th ticket, a syncroId that is not a number in every 89th; ticket 450 both.
        let stray = Set((0..<Self.ticketCount).filter { $0 % 97 == 5 || $0 == 450 })
        let bad = Set((0..<Self.ticketCount).filter { $0 % 89 == 7 || $0 == 450 })
        var parts = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "<ticket ")
        #expect(parts.count == Self.ticketCount + 1)
        for index in 0..<Self.ticketCount {
            if stray.contains(index) { parts[index] += "stray text " }
            if bad.contains(index) {
                parts[index + 1] = parts[index + 1].replacingOccurrences(
                    of: "syncroId=\"\(1_000 + index)\"", with: "syncroId=\"x\(index)\"")
            }
        }
        try parts.joined(separator: "<ticket ").write(toFile: path, atomically: true, encoding: .utf8)

        let read = Diagnosed(path: path)
        let expected = (0..<Self.ticketCount).flatMap { index -> [String] in
            (stray.contains(index) ? ["snapshot.structure"] : []) + (bad.contains(index) ? ["snapshot.type"] : [])
        }
        #expect(read.codes == expected)
        let lines = read.diagnostics.map { $0.location.line ?? 0 }
        #expect(lines == lines.sorted(), "\(lines)")
        #expect(read.tickets.count == Self.ticketCount - bad.count)
    }

    @Test("a reader dropped after a few tickets stops its reading thread")
    func droppedEarly() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.file("snapshot.xml")
        try Self.write(to: path)
        expectReadersDroppedEarlyStop(path: path, tickets: Self.ticketCount)
    }
}
