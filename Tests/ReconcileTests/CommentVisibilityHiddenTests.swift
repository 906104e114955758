import Foundation
import Reconcile
import Snapshot
import Testing

/// Reconcile v1.1: an unlinked snapshot comment matches a Syncro comment with the same body hash on its ticket
/// whatever its visibility, so a visibility difference is never taken for a missing comment and posted again.
@Suite("Drift: a comment's visibility never causes a second post")
struct CommentVisibilityHiddenTests {
    private func snapshot(_ comment: SnapshotComment) -> Snapshot {
        Fixture.snapshot(tickets: [Fixture.ticket(comments: [comment])])
    }

    @Test("expected public, private in Syncro: COMMENT_VISIBILITY_HIDDEN, report-only, and no comment operation")
    func hidden() throws {
        let comment = SnapshotComment(partnerCommentID: "act_9", hidden: false, body: "Window booked for Saturday.")
        let syncro = [Fixture.comment(id: 77, body: "Window booked for Saturday.", hidden: true)]
        let report = try drift(snapshot(comment), comments: syncro)
        #expect(report.codes == [.commentVisibilityHidden])
        let finding = try #require(report.findings.first)
        #expect(finding.gate == .report && finding.severity == .warning)
        #expect(finding.syncroID == 77 && finding.partnerID == "act_9" && finding.field == "hidden")
        #expect(finding.expected == false && finding.current == true)

        let outcome = try plan(snapshot(comment), comments: syncro, allow: [.addComments])
        let planned = try #require(outcome.plan)
        #expect(planned.operations.isEmpty, "\(planned.operations.map(\.json))")
    }

    @Test("a copy of the same visibility is preferred to one of the other")
    func sameVisibilityFirst() throws {
        let comment = SnapshotComment(partnerCommentID: "act_9", hidden: false, body: "Same text")
        let syncro = [
            Fixture.comment(id: 77, body: "Same text", hidden: true), Fixture.comment(id: 78, body: "Same text"),
        ]
        let report = try drift(snapshot(comment), comments: syncro)
        #expect(report.findings.isEmpty, "\(report.codes)")
    }

    @Test("expected private, public in Syncro, stays the critical leak")
    func leak() throws {
        let comment = SnapshotComment(partnerCommentID: "act_9", hidden: true, body: "Local admin reset")
        let report = try drift(snapshot(comment), comments: [Fixture.comment(id: 77, body: "Local admin reset")])
        #expect(report.codes == [.commentVisibilityLeak])
        #expect(report.findings.first?.severity == .critical)
    }
}
