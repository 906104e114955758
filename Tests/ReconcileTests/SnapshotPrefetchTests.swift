import Foundation
import Snapshot
import Testing

@testable import Reconcile

/// `SnapshotPrefetch` reads ahead on a thread of its own; what the comparison sees must be exactly what the reader
/// yields, in order, with the same diagnostics, and stopping early must not leave the thread behind.
@Suite("Snapshot read ahead on a second thread")
struct SnapshotPrefetchTests {
    /// A snapshot of `count` tickets, every 500th with an error (a Syncro id in quotes).
    private func snapshot(tickets count: Int, subdomain: String = "contoso") throws -> String {
        var text = """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s", \
            "generated_at": "2026-11-29T08:00:00Z", "relationship": {"relationship_id": "r", \
            "syncro_subdomain": "\(subdomain)", "syncro_role": "target", "partner_platform": "halopsa", \
            "bidirectional": true, "sync_public_comments": true, "sync_private_comments": true},
            "tickets": [

            """
        text += (0..<count).map { index in
            let id = index % 500 == 499 ? "\"\(index)\"" : "\(index)"
            return
                #"{"partner_ticket_id": "P\#(index)", "syncro_ticket_id": \#(id), "comments": [{"partner_comment_id": "C\#(index)", "hidden": false, "body": "note \#(index)"}]}"#
        }.joined(separator: ",\n")
        text += "\n]}\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prefetch-\(UUID().uuidString).json")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("every element in order and the same diagnostics, over many batches")
    func sameAsReader() throws {
        let path = try snapshot(tickets: 3_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let direct = SnapshotReader(path: path)
        var expected: [SnapshotElement] = []
        direct.visit { expected.append($0) }
        let prefetch = SnapshotPrefetch(reader: SnapshotReader(path: path), batchSize: 64, batchesAhead: 2)
        var seen: [SnapshotElement] = []
        while let element = prefetch.next() { seen.append(element) }
        #expect(seen.count == 1 + 3_000 - 6)
        #expect(seen == expected)
        #expect(prefetch.diagnostics == direct.diagnostics)
        #expect(prefetch.diagnostics.count == 6)
        #expect(prefetch.next() == nil)
    }

    @Test("stopping after the header reads nothing more; stopping midway returns")
    func stopping() throws {
        let path = try snapshot(tickets: 3_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let headerOnly = SnapshotPrefetch(reader: SnapshotReader(path: path))
        guard case .header? = headerOnly.next() else {
            Issue.record("the first element is not the header")
            return
        }
        headerOnly.cancel()
        #expect(headerOnly.diagnostics.isEmpty)

        let midway = SnapshotPrefetch(reader: SnapshotReader(path: path), batchSize: 16, batchesAhead: 1)
        for _ in 0..<100 { _ = midway.next() }
        midway.cancel()
        // The first error is at ticket 499: a reader that went on to the end would have found all six.
        #expect(midway.diagnostics.isEmpty)
    }

    @Test("the drift report over the read-ahead stops at another account's header")
    func otherAccount() throws {
        let path = try snapshot(tickets: 2_000, subdomain: "elsewhere")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let engine = DriftEngine(syncro: SyncroRecords(subdomain: "contoso", entities: [.tickets]))
        let report = engine.report(reading: SnapshotReader(path: path))
        #expect(report.findings.map(\.code) == [.snapshotSubdomain])
    }
}
