import Foundation
import Reconcile
import Snapshot
import Testing

@Suite("Drift: comments")
struct CommentDriftTests {
    private func ticket(_ comments: [SnapshotComment]) -> Snapshot {
        Fixture.snapshot(tickets: [Fixture.ticket(comments: comments)])
    }

    @Test("a linked comment that matches gives no finding")
    func clean() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", syncroCommentID: 10, hidden: false, body: "Done.")
        let report = try drift(ticket([comment]), comments: [Fixture.comment(id: 10, body: "Done.")])
        #expect(report.findings.isEmpty)
    }

    @Test("matching by hash: same ticket, same normalised body, same visibility")
    func matchByHash() throws {
        let comment = SnapshotComment(
            partnerCommentID: "act_1", hidden: false, body: "Rebuilt the Outlook profile.")
        let html = "<p>Rebuilt the&nbsp;Outlook\n profile.</p>"
        let report = try drift(ticket([comment]), comments: [Fixture.comment(id: 10, body: html)])
        #expect(report.findings.isEmpty)

        let otherTicket = try drift(
            ticket([comment]), comments: [Fixture.comment(id: 10, ticketID: 5, body: "Rebuilt the Outlook profile.")])
        #expect(otherTicket.codes == [.commentMissing])
    }

    @Test("COMMENT_MISSING: a linked comment gone, and an unlinked one with no counterpart; bodies as hashes")
    func missing() throws {
        let linked = SnapshotComment(partnerCommentID: "act_1", syncroCommentID: 10, hidden: false, body: "One")
        let unlinked = SnapshotComment(partnerCommentID: "act_2", hidden: true, body: "Two")
        let report = try drift(ticket([linked, unlinked]), comments: [Fixture.comment(id: 11, body: "Other")])
        #expect(report.codes == [.commentMissing, .commentMissing])
        let first = try #require(report.findings.first)
        #expect(first.entity == .comment && first.gate == .optIn)
        #expect(first.syncroID == 10 && first.partnerID == "act_1")
        #expect(first.ticketSyncroID == 44_190_233 && first.ticketPartnerID == "88412")
        #expect(first.field == "body_sha256" && first.expected == .string(BodyHash.sha256("One")))
        #expect(!report.jsonText.contains("\"One\""))
    }

    @Test("no comments file: comments are not compared, and the report says so")
    func noComments() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", syncroCommentID: 10, hidden: false, body: "One")
        let report = try drift(ticket([comment]))
        #expect(report.findings.isEmpty)
        #expect(report.notes.contains { $0.contains("comments were not compared") })
    }

    @Test("COMMENT_VISIBILITY_LEAK: expected private, Syncro public, is critical")
    func leak() throws {
        let linked = SnapshotComment(
            partnerCommentID: "act_1", syncroCommentID: 10, hidden: true, body: "Password reset")
        let report = try drift(ticket([linked]), comments: [Fixture.comment(id: 10, body: "Password reset")])
        #expect(report.codes == [.commentVisibilityLeak])
        let finding = try #require(report.findings.first)
        #expect(finding.severity == .critical && finding.gate == .report && finding.syncroID == 10)
        #expect(finding.expected == true && finding.current == false)
    }

    @Test("an unlinked private note found only as a public comment is a leak, not a missing comment")
    func leakByHash() throws {
        let note = SnapshotComment(partnerCommentID: "act_1", hidden: true, body: "Admin password is in the vault")
        let report = try drift(
            ticket([note]), comments: [Fixture.comment(id: 12, body: "Admin password is in the vault")])
        #expect(report.codes == [.commentVisibilityLeak])
        #expect(report.findings.first?.syncroID == 12)
    }

    @Test("COMMENT_DUPLICATE: two Syncro comments match one snapshot comment")
    func duplicate() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", hidden: false, body: "Rebooted the server.")
        let report = try drift(
            ticket([comment]),
            comments: [
                Fixture.comment(id: 20, body: "Rebooted the server."),
                Fixture.comment(id: 21, body: "Rebooted  the server. "),
            ])
        #expect(report.codes == [.commentDuplicate])
        let finding = try #require(report.findings.first)
        #expect(finding.syncroID == 20 && finding.current == [20, 21] && finding.difference == [21])
        #expect(finding.severity == .error && finding.gate == .report)
    }

    @Test("two snapshot comments with the same body each take their own Syncro comment")
    func sameBodies() throws {
        let first = SnapshotComment(partnerCommentID: "act_1", hidden: false, body: "Thanks")
        let second = SnapshotComment(partnerCommentID: "act_2", hidden: false, body: "Thanks")
        let report = try drift(
            ticket([first, second]),
            comments: [Fixture.comment(id: 30, body: "Thanks"), Fixture.comment(id: 31, body: "Thanks")])
        #expect(report.findings.isEmpty)
    }

    @Test("COMMENT_BODY_CHANGED: a linked comment whose body hash differs; bodies only when asked")
    func bodyChanged() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", syncroCommentID: 10, hidden: false, body: "Original")
        let report = try drift(ticket([comment]), comments: [Fixture.comment(id: 10, body: "Edited")])
        #expect(report.codes == [.commentBodyChanged])
        let finding = try #require(report.findings.first)
        #expect(finding.current == .string(BodyHash.sha256("Edited")))
        #expect(finding.gate == .report)

        let withBodies = try drift(
            ticket([comment]), comments: [Fixture.comment(id: 10, body: "Edited")],
            options: DriftOptions(includeBodies: true))
        let shown = try #require(withBodies.findings.first)
        #expect(shown.field == "body" && shown.expected == "Original" && shown.current == "Edited")
    }
}
