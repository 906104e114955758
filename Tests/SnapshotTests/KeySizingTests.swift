import Foundation
import Snapshot
import Testing

/// A large snapshot has its key indexes sized once, from the share of the file read: reading must give
/// the same records and the same diagnostics (duplicates found, with both places) as growing them step by step.
@Suite("Key indexes sized from the share of the snapshot read")
struct KeySizingTests {
    /// 3,000 tickets with two comments each; a ticket key, a Syncro ticket id and a Syncro comment id each repeat
    /// once, late in the file, so that they are found after the indexes were sized.
    private static func model() throws -> Snapshot {
        let (example, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        let tickets = (0..<3_000).map { t in
            let comments = (0..<2).map { k in
                // Ticket 2,900's second comment takes ticket 17's first comment's Syncro id.
                let syncroID = t == 2_900 && k == 1 ? 100_034 : 100_000 + t * 2 + k
                return SnapshotComment(
                    partnerCommentID: "C\(t)-\(k)", syncroCommentID: syncroID, hidden: k == 1,
                    bodySHA256: BodyHash.sha256("comment \(k) on \(t)"))
            }
            var expected = TicketValues()
            expected.status = .value("Open")
            return SnapshotTicket(
                partnerTicketID: t == 2_950 ? "P17" : "P\(t)", syncroTicketID: t == 2_990 ? 1_005 : 1_000 + t,
                expected: expected, comments: comments)
        }
        return Snapshot(header: example.header, relationship: example.relationship, tickets: tickets)
    }

    @Test(
        "JSON, XML and CSV: the same records and diagnostics sized early as grown step by step",
        arguments: ["json", "xml", "csv"])
    func sameReading(format: String) throws {
        let scratch = try ScratchDirectory()
        // A CSV snapshot is a directory; its comment indexes are sized from comments.csv's rows either way.
        let path = scratch.file(format == "csv" ? "csv" : "snapshot.\(format)")
        try SnapshotWriter.write(try Self.model(), to: path)
        func read(sizing: Bool) -> (elements: [SnapshotElement], diagnostics: [Diagnostic]) {
            let reader = SnapshotReader(
                path: path, jsonChunkSize: 4_096,
                keySizing: KeySizing(fileSize: sizing ? 0 : .max, minimumRead: 0))
            var elements: [SnapshotElement] = []
            reader.visit { elements.append($0) }
            return (elements, reader.diagnostics)
        }
        let grown = read(sizing: false)
        let sized = read(sizing: true)
        #expect(grown.diagnostics.map(\.code) == Array(repeating: "snapshot.duplicate-key", count: 3))
        #expect(sized.diagnostics == grown.diagnostics)
        #expect(sized.elements == grown.elements)
        #expect(sized.elements.count == 1 + 3_000 - 3)
    }
}
