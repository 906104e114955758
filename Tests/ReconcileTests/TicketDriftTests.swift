import Foundation
import Reconcile
import Snapshot
import Testing

/// Builds an export holding `tickets` (and no comments file unless given) and compares `snapshot` with it.
func drift(
    _ snapshot: Snapshot, tickets: [[String: Any]] = [Fixture.syncroTicket()], comments: [[String: Any]]? = nil,
    customers: [[String: Any]]? = nil, contacts: [[String: Any]]? = nil, assets: [[String: Any]]? = nil,
    subdomain: String? = "northwind", options: DriftOptions = DriftOptions()
) throws -> DriftReport {
    let export = try ExportFixture(subdomain: subdomain)
    try export.jsonl("tickets.jsonl", tickets)
    if let comments { try export.jsonl("comments.jsonl", comments) }
    if let customers { try export.jsonl("customers.jsonl", customers) }
    if let contacts { try export.jsonl("contacts.jsonl", contacts) }
    if let assets { try export.jsonl("assets.jsonl", assets) }
    let engine = DriftEngine(syncro: try export.records(keepBodies: options.includeBodies), options: options)
    return engine.report(for: snapshot, generatedAt: Fixture.generatedAt)
}

@Suite("Drift: snapshot and tickets")
struct TicketDriftTests {
    @Test("a ticket that matches Syncro gives no finding")
    func clean() throws {
        let report = try drift(Fixture.snapshot(tickets: [Fixture.ticket()]))
        #expect(report.findings.isEmpty)
        #expect(!report.hasDrift)
    }

    @Test("SNAPSHOT_SUBDOMAIN: another account aborts before any record is compared")
    func subdomain() throws {
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket { $0.status = .value("New") }])
        let report = try drift(snapshot, subdomain: "contoso")
        #expect(report.codes == [.snapshotSubdomain])
        let finding = try #require(report.findings.first)
        #expect(finding.gate == .abort)
        #expect(finding.expected == "northwind" && finding.current == "contoso")
        #expect(report.isAborted)
    }

    @Test("SNAPSHOT_SUBDOMAIN is not raised when the export does not name its subdomain, or only case differs")
    func subdomainUnknown() throws {
        #expect(try drift(Fixture.snapshot(), subdomain: nil).findings.isEmpty)
        #expect(try drift(Fixture.snapshot(), subdomain: "NorthWind").findings.isEmpty)
    }

    @Test("SNAPSHOT_INVALID: each error diagnostic of the reader is a finding")
    func invalid() throws {
        let export = try ExportFixture()
        try export.jsonl("tickets.jsonl", [Fixture.syncroTicket()])
        let ticket = """
            {"partner_ticket_id": "88412", "syncro_ticket_id": 44190233, "expected": {"status": "In Progress"}}
            """
        let path = try export.write(
            "snapshot.json",
            """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "snap-9",
             "generated_at": "2026-11-28T23:00:00Z",
             "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "northwind", "syncro_role": "target",
               "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
               "sync_public_comments": true, "sync_private_comments": false},
             "customers": [], "contacts": [], "assets": [],
             "tickets": [\(ticket), \(ticket)]}
            """)
        let report = DriftEngine(syncro: try export.records()).report(
            snapshotAt: path, generatedAt: Fixture.generatedAt)
        let invalid = report.findings(.snapshotInvalid)
        #expect(!invalid.isEmpty)
        #expect(invalid.allSatisfy { $0.gate == .abort && $0.entity == .snapshot })
        #expect(invalid.contains { $0.field == "snapshot.duplicate-key" })
        #expect(report.isAborted)
        #expect(report.findings(.ticketUnlinked).isEmpty)
        #expect(report.snapshotID == "snap-9")
    }

    @Test("a snapshot file is streamed with the same result as the snapshot in memory")
    func streamed() throws {
        let export = try ExportFixture()
        try export.jsonl(
            "tickets.jsonl", [Fixture.syncroTicket(["status": "New", "due_date": "2026-11-28T23:00:00.000Z"])])
        let path = try export.write(
            "snapshot.json",
            """
            {"schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "snap-1",
             "generated_at": "2026-11-28T23:00:00Z",
             "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "northwind", "syncro_role": "target",
               "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
               "sync_public_comments": true, "sync_private_comments": false},
             "customers": [], "contacts": [], "assets": [],
             "tickets": [{"partner_ticket_id": "88412", "syncro_ticket_id": 44190233,
               "expected": {"status": "In Progress", "due_date": "2026-11-29T00:00:00+01:00"}}]}
            """)
        let engine = DriftEngine(syncro: try export.records())
        let streamed = engine.report(snapshotAt: path, generatedAt: Fixture.generatedAt)
        #expect(streamed.codes == [.ticketField])
        let field = try #require(streamed.findings(.ticketField).first)
        #expect(field.message == "status is New, Support Fusion expects In Progress")
        let (snapshot, diagnostics) = try Snapshot.load(path: path)
        let loaded = engine.report(for: snapshot, diagnostics: diagnostics, generatedAt: Fixture.generatedAt)
        #expect(loaded.findings.map(\.code) == streamed.findings.map(\.code))
    }

    @Test("TICKET_MISSING: a linked ticket absent from Syncro")
    func missing() throws {
        let report = try drift(Fixture.snapshot(tickets: [Fixture.ticket(syncroID: 1)]))
        #expect(report.codes.contains(.ticketMissing))
        let finding = try #require(report.findings(.ticketMissing).first)
        #expect(finding.syncroID == 1 && finding.partnerID == "88412" && finding.gate == .report)
    }

    @Test("an incremental export reports no missing records, only drift in the records it holds")
    func partial() throws {
        let export = try ExportFixture()
        try export.write(
            "manifest.json",
            #"{"subdomain": "northwind", "comments": "all", "watermark": {"used": "2026-11-28T00:00:00Z"}}"#)
        try export.jsonl("tickets.jsonl", [Fixture.syncroTicket(["status": "New"])])
        try export.jsonl("comments.jsonl", [])
        let comment = SnapshotComment(partnerCommentID: "act_1", syncroCommentID: 10, hidden: false, body: "One")
        let snapshot = Fixture.snapshot(tickets: [
            Fixture.ticket(comments: [comment]), Fixture.ticket(partnerID: "2", syncroID: 2),
        ])
        let report = DriftEngine(syncro: try export.records()).report(for: snapshot)
        #expect(report.codes == [.ticketField])
        #expect(report.notes.contains { $0.contains("partial") })
    }

    @Test("TICKET_NOT_CREATED: a snapshot ticket without a Syncro id is opt-in")
    func notCreated() throws {
        let report = try drift(
            Fixture.snapshot(tickets: [Fixture.ticket(), Fixture.ticket(partnerID: "9", syncroID: nil)]))
        #expect(report.codes == [.ticketNotCreated])
        let finding = try #require(report.findings.first)
        #expect(finding.partnerID == "9" && finding.syncroID == nil && finding.gate == .optIn)
    }

    @Test("TICKET_UNLINKED: an integration-user ticket no snapshot ticket links to")
    func unlinked() throws {
        let tickets = [
            Fixture.syncroTicket(), Fixture.syncroTicket(id: 2, ["user_id": 118]),
            Fixture.syncroTicket(id: 3, ["user_id": 7]),
        ]
        let report = try drift(Fixture.snapshot(tickets: [Fixture.ticket()]), tickets: tickets)
        #expect(report.codes == [.ticketUnlinked])
        #expect(report.findings.first?.syncroID == 2)
    }

    @Test("TICKET_FIELD: the spec's message, auto gate, only the differing field")
    func field() throws {
        let report = try drift(
            Fixture.snapshot(tickets: [Fixture.ticket()]), tickets: [Fixture.syncroTicket(["status": "New"])])
        #expect(report.codes == [.ticketField])
        let finding = try #require(report.findings.first)
        #expect(finding.field == "status")
        #expect(finding.expected == "In Progress" && finding.current == "New" && finding.partnerCurrent.isNull)
        #expect(finding.gate == .auto && finding.severity == .warning)
        #expect(finding.message == "status is New, Support Fusion expects In Progress")
    }

    @Test("TICKET_FIELD needs review for customer moves, closing statuses and reopening a closed ticket")
    func fieldReview() throws {
        let moved = try drift(
            Fixture.snapshot(tickets: [Fixture.ticket()]), tickets: [Fixture.syncroTicket(["customer_id": 5])])
        #expect(moved.findings.map(\.gate) == [.review])
        let closing = try drift(
            Fixture.snapshot(tickets: [Fixture.ticket { $0.status = .value("Resolved") }]))
        #expect(closing.findings.map(\.gate) == [.review])
        let open = try drift(Fixture.snapshot(tickets: [Fixture.ticket { $0.status = .value("Waiting") }]))
        #expect(open.findings.map(\.gate) == [.auto])
        let reopening = try drift(
            Fixture.snapshot(tickets: [Fixture.ticket()]), tickets: [Fixture.syncroTicket(["status": "Invoiced"])])
        #expect(reopening.findings.map(\.gate) == [.review])
    }

    @Test("TICKET_FIELD on custom fields and ids; ids compare as integers, times as instants")
    func fieldTyped() throws {
        let syncro = Fixture.syncroTicket([
            "contact_id": "5530012", "properties": ["Partner Ticket": "88413"],
            "due_date": "2026-11-28T23:00:00.000Z",
        ])
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket { $0.dueDate = .value("2026-11-29T00:00:00+01:00") }])
        let report = try drift(snapshot, tickets: [syncro])
        #expect(report.codes == [.ticketField])
        #expect(report.findings.first?.field == "properties.Partner Ticket")
    }

    @Test("TICKET_FIELD_CLEARED: expected null, Syncro has a value")
    func cleared() throws {
        let report = try drift(
            Fixture.snapshot(tickets: [Fixture.ticket()]), tickets: [Fixture.syncroTicket(["user_id": 7])])
        #expect(report.codes == [.ticketFieldCleared])
        let finding = try #require(report.findings.first)
        #expect(finding.field == "user_id" && finding.expected.isNull && finding.current == 7)
        #expect(finding.gate == .report)
        #expect(finding.message == "user_id is 7, Support Fusion expects it empty")
    }

    @Test("an unmanaged field is never compared")
    func unmanaged() throws {
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket { $0.priority = .unmanaged }])
        #expect(try drift(snapshot, tickets: [Fixture.syncroTicket(["priority": "3 Low"])]).findings.isEmpty)
    }

    @Test("TICKET_CONFLICT: Syncro and the partner both moved away from expected, differently")
    func conflict() throws {
        var ticket = Fixture.ticket()
        var partner = TicketValues()
        partner.status = .value("Waiting on Customer")
        ticket.partnerCurrent = partner
        let report = try drift(Fixture.snapshot(tickets: [ticket]), tickets: [Fixture.syncroTicket(["status": "New"])])
        #expect(report.codes == [.ticketConflict])
        let finding = try #require(report.findings.first)
        #expect(finding.expected == "In Progress" && finding.current == "New")
        #expect(finding.partnerCurrent == "Waiting on Customer")
        #expect(finding.gate == .report && finding.severity == .error)
    }

    @Test("three-way: partner at expected is plain drift; partner at Syncro's value needs review")
    func threeWayOthers() throws {
        var atExpected = Fixture.ticket()
        var partner = TicketValues()
        partner.status = .value("In Progress")
        atExpected.partnerCurrent = partner
        let plain = try drift(
            Fixture.snapshot(tickets: [atExpected]), tickets: [Fixture.syncroTicket(["status": "New"])])
        #expect(plain.codes == [.ticketField] && plain.findings.first?.gate == .auto)

        var atCurrent = Fixture.ticket()
        partner.status = .value("New")
        atCurrent.partnerCurrent = partner
        let same = try drift(Fixture.snapshot(tickets: [atCurrent]), tickets: [Fixture.syncroTicket(["status": "New"])])
        #expect(same.codes == [.ticketField] && same.findings.first?.gate == .review)

        var unknown = Fixture.ticket()
        unknown.partnerCurrent = TicketValues()
        let noPartner = try drift(
            Fixture.snapshot(tickets: [unknown]), tickets: [Fixture.syncroTicket(["status": "New"])])
        #expect(noPartner.codes == [.ticketField] && noPartner.findings.first?.gate == .auto)
    }

    @Test("TICKET_TAGS_MISSING and TICKET_TAGS_EXTRA, case-insensitive sets")
    func tags() throws {
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket { $0.tags = .value(["co-managed", "VIP", "Onsite"]) }])
        let report = try drift(
            snapshot, tickets: [Fixture.syncroTicket(["tag_list": ["vip", "Co-Managed", "urgent"]])])
        #expect(report.codes == [.ticketTagsMissing, .ticketTagsExtra])
        let missing = try #require(report.findings(.ticketTagsMissing).first)
        #expect(missing.difference == ["Onsite"] && missing.gate == .auto)
        #expect(missing.message == "tag Onsite is missing")
        let extra = try #require(report.findings(.ticketTagsExtra).first)
        #expect(extra.difference == ["urgent"] && extra.gate == .report)
    }

    @Test("TICKET_ASSETS_MISSING: expected asset ids not linked; extra assets are fine")
    func assets() throws {
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket { $0.assetIDs = .value([7_781_002, 42]) }])
        let report = try drift(snapshot, tickets: [Fixture.syncroTicket(["asset_ids": ["7781002", 99]])])
        #expect(report.codes == [.ticketAssetsMissing])
        let finding = try #require(report.findings.first)
        #expect(finding.difference == [42] && finding.gate == .auto)
    }
}
