import Foundation
import Reconcile
import RecordFormats
import Snapshot
import Testing

/// What `apply` leaves in Syncro (comments and tickets ending with a reference marker) is no drift afterwards.
@Suite("Drift: reference markers")
struct MarkerDriftTests {
    private let key = OperationKey.make(
        relationshipID: "rel_1", subdomain: "northwind", entity: "comment", id: "act_1", kind: .addComment,
        field: "comment", target: "act_1")

    @Test("stripping gives back the body a marker was appended to; bodies without one are unchanged")
    func stripping() {
        let marker = ReferenceMarker(partnerID: "act_1", opKey: key)
        for body in ["Rebuilt the profile.", "Two\nlines\n", "Ends in spaces   ", ""] {
            let marked = marker.appended(to: body)
            #expect(ReferenceMarker.find(in: marked) == marker)
            #expect(BodyHash.sha256(ReferenceMarker.stripped(marked)) == BodyHash.sha256(body))
        }
        #expect(
            ReferenceMarker.stripped("Support Fusion ref: act_1 is not a marker")
                == "Support Fusion ref: act_1 is not a marker")
        #expect(ReferenceMarker.find(in: "Support Fusion ref: act_1 (sfr1-nothex)") == nil)
    }

    @Test("a restored comment (marker last) matches its snapshot comment: no COMMENT_MISSING")
    func restoredComment() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", hidden: true, body: "Rebuilt the profile.")
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket(comments: [comment])])
        let restored = ReferenceMarker(partnerID: "act_1", opKey: key).appended(to: "Rebuilt the profile.")
        let report = try drift(snapshot, comments: [Fixture.comment(id: 10, body: restored, hidden: true)])
        #expect(report.findings.isEmpty, "\(report.text)")

        let unmarked = try drift(
            snapshot, comments: [Fixture.comment(id: 10, body: restored + " and more", hidden: true)])
        #expect(unmarked.codes == [.commentMissing])
    }

    @Test("SyncroRecords keeps the hash without the marker and remembers marked first comments")
    func records() {
        var records = SyncroRecords(entities: [.tickets, .comments])
        let ticketMarker = ReferenceMarker(partnerID: "P-7", opKey: key)
        records.add(
            ["id": 500, "ticket_id": 70, "body": .string(ticketMarker.appended(to: "Jams")), "hidden": true],
            as: .comments)
        records.add(["id": 501, "ticket_id": 70, "body": "Later"], as: .comments)
        // A marker on a ticket's second comment is a restored comment, not a created ticket.
        records.add(["id": 600, "ticket_id": 80, "body": "First"], as: .comments)
        records.add(["id": 601, "ticket_id": 80, "body": .string(ticketMarker.appended(to: "x"))], as: .comments)
        #expect(records.comments[500]?.bodySHA256 == BodyHash.sha256("Jams"))
        #expect(records.createdTicket(partnerTicketID: "P-7") == 70)
        #expect(records.createdTicket(partnerTicketID: "P-8") == nil)
        records.add(["id": 499, "ticket_id": 70, "body": "Earlier"], as: .comments)
        #expect(records.createdTicket(partnerTicketID: "P-7") == nil, "no longer the first comment")
    }

    @Test("a ticket apply created: TICKET_NOT_CREATED stays, gated report, naming it; not unlinked; no second create")
    func createdTicket() throws {
        let partnerTicket = Fixture.ticket(partnerID: "P-7", syncroID: nil) { $0.subject = .value("Printer jams") }
        let snapshot = Fixture.snapshot(tickets: [partnerTicket])
        let createKey = OperationKey.make(
            relationshipID: "rel_1", subdomain: "northwind", entity: "ticket", id: "P-7", kind: .createTicket,
            field: "ticket", target: "P-7")
        let marked = ReferenceMarker(partnerID: "P-7", opKey: createKey).appended(to: "Paper jams.")
        let created = Fixture.syncroTicket(id: 45_000_001, ["user_id": 118, "subject": "Printer jams"])
        let comments = [Fixture.comment(id: 900, ticketID: 45_000_001, body: marked, hidden: true)]

        let report = try drift(snapshot, tickets: [created], comments: comments)
        #expect(report.codes == [.ticketNotCreated], "\(report.text)")
        let finding = try #require(report.findings.first)
        #expect(finding.gate == .report && finding.syncroID == 45_000_001)
        #expect(finding.message.contains("ticket 45000001") && finding.message.contains("not linked"))

        let before = try drift(snapshot, tickets: [created], comments: [])
        #expect(before.codes.sorted { $0.rawValue < $1.rawValue } == [.ticketNotCreated, .ticketUnlinked])
        #expect(before.findings(.ticketNotCreated).first?.gate == .optIn)

        let outcome = try plan(snapshot, tickets: [created], comments: comments, allow: [.createTickets])
        let plan = try #require(outcome.plan)
        #expect(plan.operations.isEmpty)
        #expect(plan.findings.first?["gate"] == "report")
    }
}
