import Foundation
import Reconcile
import RecordFormats
import Snapshot
import Testing

@Suite("Plan: summary and review page")
struct PlanRenderingTests {
    /// A plan with an auto and a review update, a comment post, a creation whose subject is markup, and
    /// report-only findings (one of them an opt-in that was not allowed).
    private func samplePlan(allow: Set<PlanOptIn> = [.addComments, .createTickets]) throws -> ReconciliationPlan {
        let comments = [
            SnapshotComment(partnerCommentID: "act_1", hidden: true, body: "Fixed <b>it</b> & more"),
            SnapshotComment(partnerCommentID: "act_2", syncroCommentID: 10, hidden: true, body: "Leaked"),
        ]
        let linked = Fixture.ticket(comments: comments) {
            $0.status = .value("Resolved")
            $0.priority = .value("2 Normal")
            $0.tags = .value(["co-managed", "vip"])
        }
        let created = Fixture.ticket(partnerID: "P-<7>", syncroID: nil) {
            $0.subject = .value("<script>alert(\"x\")</script>")
        }
        return try #require(
            try plan(
                Fixture.snapshot(tickets: [linked, created]), tickets: [Fixture.syncroTicket(["tag_list": ["old"]])],
                comments: [Fixture.comment(id: 10, body: "Leaked", hidden: false)], allow: allow
            ).plan)
    }

    @Test("the summary counts operations by kind and gate, findings by code, and lists the review keys")
    func summary() throws {
        let plan = try samplePlan()
        let text = plan.summary(path: "out/plan.json")
        #expect(text.hasPrefix("Plan for snapshot snap-1 against northwind: 5 operations, 2 report-only findings\n"))
        #expect(text.contains("  file     out/plan.json\n"))
        #expect(text.contains("  hash     \(plan.hash)\n"))
        #expect(text.contains("  update-ticket  auto    2\n"))
        #expect(text.contains("  update-ticket  review  1\n"))
        #expect(text.contains("  add-comment    opt-in  1\n"))
        #expect(text.contains("  create-ticket  opt-in  1\n"))
        #expect(text.contains("COMMENT_VISIBILITY_LEAK  1"))
        #expect(text.contains("TICKET_TAGS_EXTRA        1"))
        let review = try #require(plan.operations(.review).first)
        #expect(text.contains("  \(review.opKey)  PUT /tickets/44190233  status: In Progress → Resolved\n"))
        #expect(text.contains("Estimate: 10 API calls, at least 5.0 s at 120 requests per minute\n"))
        #expect(!text.contains("SYNCRO_API_TOKEN"))

        let withoutOptIns = try samplePlan(allow: []).summary(path: nil)
        #expect(withoutOptIns.contains("COMMENT_MISSING          1  not planned: add --allow add-comments to post it"))
        #expect(withoutOptIns.contains("TICKET_NOT_CREATED       1  not planned: add --allow create-tickets"))
    }

    @Test("an empty plan says apply would send nothing")
    func emptySummary() throws {
        let plan = try #require(try plan(Fixture.snapshot(tickets: [Fixture.ticket()])).plan)
        let text = plan.summary(path: nil)
        #expect(text.contains(": 0 operations, 0 report-only findings"))
        #expect(text.hasSuffix("Nothing to write: apply would send no request.\n"))
        #expect(!text.contains("Needs approval"))
    }

    @Test("the review page escapes every text, holds every key, and loads nothing")
    func html() throws {
        let plan = try samplePlan()
        let page = plan.html(path: "plan.json")
        // The one script is the approval form's own (the plan has a review operation); the subject stays text.
        #expect(page.components(separatedBy: "<script").count - 1 == 1)
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(page.contains("P-&lt;7&gt;") && !page.contains("P-<7>"))
        #expect(page.contains("Fixed &lt;b&gt;it&lt;/b&gt; &amp; more"))
        for operation in plan.operations {
            #expect(page.contains(operation.opKey))
        }
        for header in [plan.snapshotID, plan.syncroSubdomain, plan.hash, "plan.json", "10 API calls"] {
            #expect(page.contains(header))
        }
        #expect(page.contains("COMMENT_VISIBILITY_LEAK") && page.contains("TICKET_TAGS_EXTRA"))
        #expect(page.contains("status: &quot;In Progress&quot;") && page.contains("status: &quot;Resolved&quot;"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src="))

        let file = NSTemporaryDirectory() + "plan-\(UUID().uuidString).html"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try plan.writeHTML(to: file, planPath: "plan.json")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == page)
    }
}
