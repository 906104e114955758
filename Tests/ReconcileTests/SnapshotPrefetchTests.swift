import Foundation
import Snapshot
import Testing

@testable import Reconcile

/// `SnapshotPrefetch` reads ahead on a thread of its own; what the comparison sees must be exactly what the reader
/// yields, in order, with the same diagnostics, and stopping early must not leave the thread behind.
@Suite("Snapshot read ahead on a second thread")
struct SnapshotPrefetchTests {
    /// A snapshot of `count` tickets, every 500th with an error (a Syncro id in quotes) unless `valid`.
    private func snapshot(tickets count: Int, subdomain: String = "contoso", valid: Bool = false) throws -> String {
        var text = """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s", \
            "generated_at": "2026-11-29T08:00:00Z", "relationship": {"relationship_id": "r", \
            "syncro_subdomain": "\(subdomain)", "syncro_role": "target", "partner_platform": "halopsa", \
            "bidirectional": true, "sync_public_comments": true, "sync_private_comments": true},
            "tickets": [

            """
        text += (0..<count).map { index in
            let id = index % 500 == 499 && !valid ? "\"\(index)\"" : "\(index)"
            return
                #"{"partner_ticket_id": "P\#(index)", "syncro_ticket_id": \#(id), "comments": [{"partner_comment_id": "C\#(index)", "syncro_comment_id": null, "hidden": false, "body": "note \#(index)"}]}"#
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

    @Test(
        "progress every few thousand records and at the end, with the whole file read",
        arguments: ["json", "csv", "xml"])
    func progress(format: String) throws {
        let json = try snapshot(tickets: 9_000, valid: true)
        defer { try? FileManager.default.removeItem(atPath: json) }
        var path = json
        switch format {
        case "xml":
            path = json + ".xml"
            _ = try SnapshotConverter(input: json, output: path).run()
        case "csv":
            // By hand: converting would refuse, since a CSV snapshot manages every expected field.
            path = json + "-csv"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let files = [
                "snapshot.csv": """
                schema,schema_version,snapshot_id,generated_at,relationship_id,contract_name,syncro_subdomain,\
                syncro_role,partner_platform,integration_user_id,bidirectional,sync_public_comments,\
                sync_private_comments
                sf-syncro-snapshot,1.0,s,2026-11-29T08:00:00Z,r,,contoso,target,halopsa,,true,true,true

                """,
                "tickets.csv": "partner_ticket_id,syncro_ticket_id\n"
                    + (0..<9_000).map { "P\($0),\($0)\n" }.joined(),
                "comments.csv": "partner_ticket_id,partner_comment_id,syncro_comment_id,hidden,body\n"
                    + (0..<9_000).map { "P\($0),C\($0),,false,note \($0)\n" }.joined(),
            ]
            for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
        default:
            break
        }
        defer { if path != json { try? FileManager.default.removeItem(atPath: path) } }
        let engine = DriftEngine(syncro: SyncroRecords(subdomain: "contoso", entities: [.tickets]))
        let reader = SnapshotReader(path: path)
        var heard: [DriftProgress] = []
        let report = engine.report(reading: reader) { heard.append($0) }

        // 1 header + 9,000 tickets: two reports on the way, one at the end; every ticket is missing from Syncro.
        #expect(heard.map(\.records) == [DriftProgress.interval, 2 * DriftProgress.interval, 9_001])
        #expect(heard.map(\.findings) == [DriftProgress.interval - 1, 2 * DriftProgress.interval - 1, 9_000])
        #expect(reader.diagnostics.isEmpty)
        #expect(report.findings.count == 9_000)
        #expect(zip(heard, heard.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead && $0.findings <= $1.findings })
        #expect(reader.totalBytes > 100_000)
        #expect(heard.last?.bytesRead == reader.totalBytes)
        #expect(heard.last?.fractionRead == 1)
    }
}
