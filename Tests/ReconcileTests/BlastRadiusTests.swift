import Foundation
import Reconcile
import RecordFormats
import Snapshot
import Testing

@Suite("Plan: blast radius, caps and approval files")
struct BlastRadiusTests {
    private let scope = PlanOperation.KeyScope(relationshipID: "rel_caps", subdomain: "demo")

    private func update(_ id: Int, gate: Gate = .auto, priority: String = "2 Normal") -> PlanOperation {
        .ticketUpdate(
            code: .ticketField, gate: gate, scope: scope, ticketID: id, field: "priority", target: .string(priority),
            from: ["priority": "3 Low"], to: ["priority": .string(priority)], ticketUpdatedAt: "2026-11-28T22:10:12Z",
            partnerID: "p\(id)", message: "priority differs")
    }

    private func comment(_ id: Int, _ partner: String) -> PlanOperation {
        .commentPost(
            code: .commentMissing, gate: .optIn, scope: scope, ticketID: id, partnerCommentID: partner,
            ticketPartnerID: nil, text: "Restored.", hidden: true, ticketUpdatedAt: "2026-11-28T22:10:12Z",
            message: "comment missing")
    }

    private func creation(_ partner: String) -> PlanOperation {
        .ticketCreation(
            code: .ticketNotCreated, gate: .optIn, scope: scope, partnerTicketID: partner,
            fields: ["customer_id": 101, "subject": "New", "status": "New"], text: "Opened.", hidden: true,
            message: "not created")
    }

    private func plan(_ operations: [PlanOperation], linked: Int? = 212) -> ReconciliationPlan {
        ReconciliationPlan(
            createdAt: Fixture.generatedAt, snapshotID: "snap-caps", syncroSubdomain: "demo",
            relationshipID: "rel_caps", allowed: ["add-comments", "create-tickets"], linkedTickets: linked,
            estimate: .forOperations(operations.count, rateLimitPerMinute: 180), operations: operations)
    }

    @Test("a ticket counts once however many writes it gets; each creation touches its new ticket")
    func radius() {
        let radius = BlastRadius(operations: [
            update(1), comment(1, "a"), comment(1, "b"), update(2), creation("n1"), creation("n2"),
        ])
        #expect(radius == BlastRadius(ticketsTouched: 4, creations: 2, comments: 2))
        #expect(radius.text == "4 tickets touched, 2 creations, 2 comments")
    }

    @Test("the ticket cap is the least of 50 and 10 % of the linked tickets, never below 10; options replace caps")
    func caps() {
        let caps = BlastRadiusCaps()
        #expect(caps.ticketCap(linkedTickets: 212) == 21)
        #expect(caps.ticketCap(linkedTickets: 5000) == 50)
        #expect(caps.ticketCap(linkedTickets: 10) == 10)
        #expect(caps.ticketCap(linkedTickets: nil) == 50)
        #expect(caps.creationCap == 10)
        #expect(BlastRadiusCaps(maxTickets: 60).ticketCap(linkedTickets: 100) == 60)
        #expect(BlastRadiusCaps(maxTickets: 1).ticketCap(linkedTickets: 5000) == 1)
        #expect(BlastRadiusCaps(maxCreates: 0).creationCap == 0)

        let within = BlastRadius(ticketsTouched: 21, creations: 10, comments: 3)
        #expect(caps.allows(within, linkedTickets: 212))
        #expect(
            caps.verdict(within, linkedTickets: 212)
                == "caps: 50 tickets, 10 % of 212 linked tickets = 21, 10 creations; this plan is within them")
        let above = BlastRadius(ticketsTouched: 60, creations: 12, comments: 0)
        #expect(!caps.allows(above, linkedTickets: 212))
        #expect(caps.neededOptions(for: above, linkedTickets: 212) == ["--max-tickets 60", "--max-creates 12"])
        #expect(
            caps.verdict(above, linkedTickets: 212).hasSuffix(
                "above the caps: apply needs --max-tickets 60 --max-creates 12"))
        #expect(caps.text(linkedTickets: 10).contains("10 % of 10 linked tickets = 1 (never below 10)"))
        let refusal = caps.refusal(above, linkedTickets: 212) ?? ""
        #expect(refusal.contains("it would touch 60 tickets, more than the cap of 21"))
        #expect(refusal.contains("it would create 12 tickets, more than the cap of 10"))
        #expect(BlastRadiusCaps(maxTickets: 60, maxCreates: 12).refusal(above, linkedTickets: 212) == nil)
        #expect(BlastRadiusCaps(maxTickets: 1).refusal(within, linkedTickets: 212)?.contains("--max-tickets") == true)
    }

    @Test("blast_radius is in the plan file, read back, and covered by the hash")
    func planFile() throws {
        let original = plan([update(1), update(2), comment(2, "c"), creation("n")])
        let json = original.json
        #expect(
            json["blast_radius"]
                == ["tickets_touched": 3, "creations": 1, "comments": 1, "linked_tickets": 212] as JSONValue)
        let read = try ReconciliationPlan(json: try JSONValue.parse(Array(original.jsonText.utf8)))
        #expect(read.isIntact && read.linkedTickets == 212 && read.hash == original.hash)

        for (key, value) in [("linked_tickets", 2000), ("tickets_touched", 1)] {
            var edited = try #require(json.objectValue)
            var radius = try #require(edited["blast_radius"]?.objectValue)
            radius[key] = .int(value)
            edited["blast_radius"] = .object(radius)
            #expect(!(try ReconciliationPlan(json: .object(edited))).isIntact, "\(key) edited, hash still matches")
        }
        // A plan without the record (made before it existed) still verifies; only the absolute caps apply to it.
        let older = plan([update(1)], linked: nil)
        #expect(older.json["blast_radius"] == nil)
        #expect(try ReconciliationPlan(json: older.json).isIntact)
    }

    @Test("the summary shows the blast radius and the caps, and says which option an oversized plan needs")
    func summary() {
        let small = plan([update(1), comment(1, "c")]).summary(path: nil)
        #expect(small.contains("Blast radius: 1 ticket touched, 0 creations, 1 comment\n"))
        #expect(
            small.contains(
                "  caps: 50 tickets, 10 % of 212 linked tickets = 21, 10 creations; this plan is within them\n"))
        let large = plan((1...30).map { update($0) }).summary(path: nil)
        #expect(large.contains("above the caps: apply needs --max-tickets 30"))
    }

    @Test("an approval names review operations only, in plan order, and reads back in the same shape")
    func approvalFile() throws {
        let reviewed = plan([update(1), update(2, gate: .review), update(3, gate: .review)])
        let keys = reviewed.operations(.review).map(\.opKey)
        let approval = try PlanApproval(
            plan: reviewed, keys: [keys[1], keys[0], keys[1]], by: "Dana", at: Fixture.generatedAt)
        #expect(approval.opKeys == keys)
        #expect(approval.planHash == reviewed.hash)
        let object = try #require(approval.json.objectValue)
        #expect(object.keys == ["approval_version", "plan_hash", "approved_by", "approved_at", "op_keys"])
        #expect(approval.jsonText.hasPrefix("{\n  \"approval_version\": 1,\n  \"plan_hash\": \"sha256:"))
        #expect(try PlanApproval(json: approval.json) == approval)

        #expect(throws: PlanApprovalError.self) {
            try PlanApproval(plan: reviewed, keys: [reviewed.operations[0].opKey], by: "Dana")
        }
        #expect(throws: PlanApprovalError.self) {
            try PlanApproval(json: ["approval_version": 2, "plan_hash": "sha256:0", "approved_by": "x", "op_keys": []])
        }
        #expect(PlanApproval.defaultPath(forPlan: "out/plan.json") == "out/plan.approval.json")
        #expect(PlanApproval.defaultPath(forPlan: "plan") == "plan.approval.json")
    }

    @Test("the review page has a checkbox per review operation and the script only when there are some")
    func reviewPage() throws {
        let reviewed = plan([update(1), update(2, gate: .review), update(3, gate: .review)])
        let page = reviewed.html(path: "out/plan.json")
        #expect(page.components(separatedBy: "<input type=\"checkbox\" class=\"approve\"").count - 1 == 2)
        for operation in reviewed.operations(.review) { #expect(page.contains("value=\"\(operation.opKey)\"")) }
        #expect(page.components(separatedBy: "<script").count - 1 == 1)
        #expect(page.contains("var planHash = \"\(reviewed.hash)\";"))
        #expect(page.contains("var fileName = \"plan.approval.json\";"))
        #expect(page.contains("new Blob(") && !page.contains("fetch(") && !page.contains("XMLHttpRequest"))
        #expect(page.contains("Blast radius: 3 tickets touched"))

        let plain = plan([update(1)]).html()
        #expect(!plain.contains("<script") && !plain.contains("type=\"checkbox\""))
    }
}
