import Foundation
import Reconcile
import RecordFormats
import Snapshot
import Testing

@testable import SyncroExport

/// Ticket list rows carry no `asset_ids`, only ticket details do: an export made without details does not know
/// which assets a ticket links, and unknown must never be compared as empty (every managed asset would be
/// reported missing, and a write of `asset_ids` planned for it).
@Suite("Drift: asset links known only from ticket details")
struct AssetLinkCoverageTests {
    /// A Syncro ticket record as a list row gives it: no `asset_ids`.
    private static func listRow(id: Int = 44_190_233) -> [String: Any] {
        var record = Fixture.syncroTicket(id: id)
        record["asset_ids"] = nil
        return record
    }

    /// An export of `tickets` whose manifest is `manifest` (a JSON object's members, after the subdomain).
    private static func export(manifest: String, tickets: [[String: Any]] = [listRow()]) throws -> ExportFixture {
        let export = try ExportFixture()
        try export.write("manifest.json", #"{"manifest_version": 1, "subdomain": "northwind", \#(manifest)}"#)
        try export.jsonl("tickets.jsonl", tickets)
        return export
    }

    /// A snapshot ticket linked to `syncroID` (nil: not linked) expecting the assets `assetIDs`.
    private static func ticket(_ partnerID: String, syncroID: Int?, assetIDs: Managed<Set<Int>>) -> SnapshotTicket {
        Fixture.ticket(partnerID: partnerID, syncroID: syncroID) { $0.assetIDs = assetIDs }
    }

    @Test("details none: a ticket's absent asset_ids is unknown, so no asset is reported missing or planned")
    func detailsNone() throws {
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket()])
        let without = try Self.export(manifest: #""comments": "all", "details": "none""#)
        let engine = DriftEngine(syncro: try without.records())
        #expect(engine.syncro.assetLinks == .none)
        #expect(!engine.syncro.knowsAssetLinks(of: 44_190_233))
        let report = engine.report(for: snapshot, generatedAt: Fixture.generatedAt)
        #expect(report.findings.isEmpty)
        #expect(report.notes.contains { $0.contains("asset links") })
        let plan = try #require(PlanBuilder(engine: engine).build(for: snapshot).plan)
        #expect(plan.operations.isEmpty)

        let with = try Self.export(manifest: #""comments": "none", "details": "all""#)
        let complete = DriftEngine(syncro: try with.records())
        #expect(complete.syncro.assetLinks == .complete)
        let reported = complete.report(for: snapshot, generatedAt: Fixture.generatedAt)
        #expect(reported.codes == [.ticketAssetsMissing])
        #expect(reported.findings.first?.difference == [7_781_002])
        #expect(!reported.notes.contains { $0.contains("asset links") })
    }

    @Test("a manifest without details: comments all read every detail, anything else none; no manifest: all")
    func oldManifests() throws {
        let cases: [(manifest: String?, details: Bool)] = [
            (#""comments": "all""#, true), (#""comments": "first""#, false), (#""comments": "none""#, false),
            (#""comments": "first", "details": "all""#, true), (#""comments": "all", "details": "none""#, false),
            (#""format": "jsonl""#, false), (nil, true),
        ]
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket()])
        for (manifest, details) in cases {
            let export: ExportFixture
            if let manifest {
                export = try Self.export(manifest: manifest)
            } else {
                export = try ExportFixture(subdomain: nil)
                try export.jsonl("tickets.jsonl", [Self.listRow()])
            }
            let name = manifest ?? "no manifest"
            #expect(try ExportDirectory(path: export.path).ticketDetails == details, "\(name)")
            let report = DriftEngine(syncro: try export.records()).report(for: snapshot)
            #expect(report.findings(.ticketAssetsMissing).count == (details ? 1 : 0), "\(name)")
        }
    }

    /// Syncro tickets 100, 200, 300 and 400 as list rows, and snapshot tickets of every kind: only those linked to
    /// a held ticket and expecting some asset need its links (an empty set can miss none).
    private static let needingSnapshot = Fixture.snapshot(tickets: [
        ticket("needed-300", syncroID: 300, assetIDs: .value([7_781_002])),
        ticket("unmanaged", syncroID: 200, assetIDs: .unmanaged),
        ticket("unlinked", syncroID: nil, assetIDs: .value([7_781_002])),
        ticket("not-in-syncro", syncroID: 999, assetIDs: .value([7_781_002])),
        ticket("expects-none", syncroID: 400, assetIDs: .null),
        ticket("expects-empty", syncroID: 400, assetIDs: .value([])),
        ticket("needed-100", syncroID: 100, assetIDs: .value([1])),
        ticket("needed-300-again", syncroID: 300, assetIDs: .value([7_781_002])),
    ])
    private static var neededRows: [[String: Any]] { [100, 200, 300, 400].map { listRow(id: $0) } }

    @Test("ticketsNeedingAssetLinks: linked, expecting assets, held in Syncro and unknown; ascending, each once")
    func needing() throws {
        let export = try Self.export(manifest: #""comments": "first""#, tickets: Self.neededRows)
        let path = export.file("snapshot.json")
        try SnapshotWriter.write(Self.needingSnapshot, to: path)
        let engine = DriftEngine(syncro: try export.records())
        #expect(engine.ticketsNeedingAssetLinks(snapshotAt: path) == [100, 300])
        #expect(engine.ticketsNeedingAssetLinks(in: Self.needingSnapshot) == [100, 300])
        // Another account's snapshot stops at its header, as its comparison does.
        var other = Self.needingSnapshot
        other.relationship.syncroSubdomain = "contoso"
        #expect(engine.ticketsNeedingAssetLinks(in: other).isEmpty)
    }

    @Test("ticketsNeedingAssetLinks does not open the snapshot when every link is known")
    func needingNothingToRead() throws {
        let export = try Self.export(manifest: #""comments": "all""#, tickets: Self.neededRows)
        let engine = DriftEngine(syncro: try export.records())
        #expect(engine.syncro.assetLinks == .complete)
        // A named pipe: whoever opens it to read wakes the writer below, which then closes it empty.
        let path = export.file("snapshot.json")
        try #require(mkfifo(path, 0o600) == 0)
        let opened = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let descriptor = open(path, O_WRONLY)
            opened.signal()
            if descriptor >= 0 { close(descriptor) }
        }
        #expect(engine.ticketsNeedingAssetLinks(snapshotAt: path).isEmpty)
        let wasOpened = opened.wait(timeout: .now()) == .success
        #expect(!wasOpened, "the snapshot was opened")
        guard !wasOpened else { return }
        // Lets the writer go.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        opened.wait()
        close(reader)
    }

    @Test("addAssetLinks: links read from details are compared; tickets not given stay unknown")
    func addingLinks() throws {
        let export = try Self.export(manifest: #""comments": "all", "details": "none""#, tickets: Self.neededRows)
        var engine = DriftEngine(syncro: try export.records())
        let snapshot = Self.needingSnapshot
        #expect(engine.report(for: snapshot).findings(.ticketAssetsMissing).isEmpty)

        // 300 links its expected asset and another; 999 is not in Syncro, so there is nothing to fill in.
        engine.addAssetLinks([300: [5, 7_781_002], 999: [1]])
        #expect(engine.syncro.knowsAssetLinks(of: 300))
        #expect(!engine.syncro.knowsAssetLinks(of: 999) && !engine.syncro.knowsAssetLinks(of: 100))
        #expect(engine.syncro.tickets[300]?["asset_ids"] == [5, 7_781_002])
        #expect(engine.syncro.tickets[300]?["subject"] == "Outlook disconnects")
        #expect(engine.ticketsNeedingAssetLinks(in: snapshot) == [100])
        let partly = engine.report(for: snapshot)
        #expect(partly.findings(.ticketAssetsMissing).isEmpty)
        #expect(partly.notes.contains { $0.contains("asset links") })

        // 100 lacks its expected asset 1.
        engine.addAssetLinks([100: [2]])
        #expect(engine.ticketsNeedingAssetLinks(in: snapshot).isEmpty)
        let report = engine.report(for: snapshot)
        let finding = try #require(report.findings(.ticketAssetsMissing).first)
        #expect(report.findings(.ticketAssetsMissing).count == 1)
        #expect(finding.syncroID == 100 && finding.current == [2] && finding.difference == [1])
        #expect(!report.notes.contains { $0.contains("asset links") })
        let plan = try #require(PlanBuilder(engine: engine).build(for: snapshot).plan)
        let operations = plan.operations.filter { $0.code == .ticketAssetsMissing }
        #expect(operations.map(\.ticketID) == [100])
        #expect(operations.first?.body == ["asset_ids": [1, 2]])
    }

    @Test("addAssetLinks on tickets read back from a CSV export's file")
    func addingLinksToRows() throws {
        let header = EntityColumns.columns(.tickets, propertyNames: ["Partner Ticket"]).map(\.header)
        var text = header.joined(separator: ",") + "\n"
        for id in [100, 300] {
            let cells = [
                "id": "\(id)", "subject": "Subject \(id)", "status": "In Progress", "customer_id": "902311",
                "asset_ids": "",
            ]
            text += header.map { cells[$0] ?? "" }.joined(separator: ",") + "\n"
        }
        let export = try ExportFixture(subdomain: nil)
        try export.write("manifest.json", #"{"subdomain": "northwind", "comments": "first"}"#)
        try export.write("tickets.csv", text)
        var engine = DriftEngine(syncro: try export.records(ticketsFromFile: true))
        let before = try #require(engine.syncro.tickets[300])
        #expect(engine.ticketsNeedingAssetLinks(in: Self.needingSnapshot) == [100, 300])

        engine.addAssetLinks([300: [7_781_002], 100: []])
        #expect(engine.ticketsNeedingAssetLinks(in: Self.needingSnapshot).isEmpty)
        var expected = before
        expected["asset_ids"] = [7_781_002]
        #expect(engine.syncro.tickets[300] == expected)
        let missing = engine.report(for: Self.needingSnapshot).findings(.ticketAssetsMissing)
        #expect(missing.map(\.syncroID) == [100])
        #expect(engine.syncro.ticketRowFailure == nil)
    }
}
