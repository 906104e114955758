import Foundation
import Reconcile
import RecordFormats
import Snapshot
import Testing

/// The planner's look before a creation (possible duplicates, a suspicious snapshot, `--max-creates`), and
/// Syncro's side effects: Customer Reply, the automations an operation may trigger, the echo risk of comments.
@Suite("Plan: creations look before they leap, side effects are named")
struct PlanSafetyTests {
    /// Plans `snapshot` against the Syncro `tickets` with `maxCreates`.
    private func planned(
        _ snapshot: Snapshot, tickets: [[String: Any]], allow: Set<PlanOptIn> = [.createTickets],
        maxCreates: Int? = nil
    ) throws -> ReconciliationPlan {
        let export = try ExportFixture()
        try export.jsonl("tickets.jsonl", tickets)
        try export.jsonl("comments.jsonl", [])
        let builder = PlanBuilder(
            engine: DriftEngine(syncro: try export.records()), allowed: allow, maxCreates: maxCreates)
        return try #require(builder.build(for: snapshot, createdAt: Fixture.generatedAt).plan)
    }

    /// A partner ticket without a Syncro id, of customer 902311, whose first comment was written at `openedAt`.
    private func newTicket(
        _ partnerID: String = "P-7", subject: String = "Printer jams", openedAt: String? = "2026-11-20T10:00:00Z"
    ) -> SnapshotTicket {
        let comment = SnapshotComment(
            partnerCommentID: "act-\(partnerID)", hidden: false, body: "Tray 2 jams.",
            createdAt: openedAt.flatMap(Timestamp.parse))
        return Fixture.ticket(partnerID: partnerID, syncroID: nil, comments: [comment]) {
            $0.subject = .value(subject)
        }
    }

    /// A Syncro ticket of customer 902311, not by the integration user.
    private func syncroTicket(id: Int, subject: String, createdAt: String, userID: Any = NSNull()) -> [String: Any] {
        Fixture.syncroTicket(
            id: id, ["number": id - 1000, "subject": subject, "created_at": createdAt, "user_id": userID])
    }

    // MARK: - Possible duplicates

    @Test("a Syncro ticket of the same customer and normalised subject within 7 days makes the creation review-gated")
    func possibleDuplicate() throws {
        let plan = try planned(
            Fixture.snapshot(tickets: [newTicket(subject: "  printer   JAMS ")]),
            tickets: [
                syncroTicket(id: 5001, subject: "Printer jams", createdAt: "2026-11-24T09:30:00Z"),
                syncroTicket(id: 5002, subject: "Printer jams again", createdAt: "2026-11-24T09:30:00Z"),
            ])
        let operation = try #require(plan.operations.first)
        #expect(plan.operations.count == 1)
        #expect(operation.kind == .createTicket && operation.gate == .review)
        let note = try #require(operation.note)
        #expect(note.contains("Syncro ticket 5001 (#4001)"), "\(note)")
        #expect(operation.json["note"] == .string(note))
        #expect(plan.summary(path: nil).contains(note), "the summary lists it under Needs approval with its note")
        #expect(plan.html().contains("Syncro ticket 5001 (#4001)"))
    }

    @Test("no duplicate: another customer, another subject, or created more than 7 days apart")
    func noDuplicate() throws {
        let tickets = [
            syncroTicket(id: 5001, subject: "Printer jams", createdAt: "2026-10-01T09:30:00Z"),
            Fixture.syncroTicket(
                id: 5002,
                ["subject": "Printer jams", "customer_id": 902_399, "created_at": "2026-11-21T00:00:00Z"]),
            syncroTicket(id: 5003, subject: "Printer jam", createdAt: "2026-11-21T00:00:00Z"),
        ]
        let plan = try planned(Fixture.snapshot(tickets: [newTicket()]), tickets: tickets)
        #expect(plan.operations.map(\.gate) == [.optIn])
        #expect(plan.operations.first?.note == nil)

        // Without a creation time on the snapshot side, the subject and customer alone make the match.
        let untimed = try planned(Fixture.snapshot(tickets: [newTicket(openedAt: nil)]), tickets: tickets)
        #expect(untimed.operations.map(\.gate) == [.review])
        #expect(untimed.operations.first?.note?.contains("Syncro ticket 5001") == true)
    }

    @Test("subjects normalise by case, runs of white space and the ends")
    func normalisedSubjects() {
        #expect(PossibleDuplicates.normalised("  Printer\tJAMS \n on  tray 2 ") == "printer jams on tray 2")
        #expect(PossibleDuplicates.window == 7 * 24 * 3600)
    }

    // MARK: - Suspicious snapshots and --max-creates

    /// One linked ticket and `count` new ones; Syncro has the linked ticket, by the integration user when `byBot`.
    private func creationHeavy(count: Int, byBot: Bool) -> (Snapshot, [[String: Any]]) {
        let news = (0..<count).map { newTicket("P-\($0)", subject: "Subject \($0)") }
        let snapshot = Fixture.snapshot(tickets: [Fixture.ticket()] + news)
        return (snapshot, [Fixture.syncroTicket(["user_id": byBot ? 118 : NSNull()])])
    }

    @Test("over 20 % to create while Syncro has integration-user tickets: no creation, a warning, notes")
    func suspiciousSnapshot() throws {
        let (snapshot, tickets) = creationHeavy(count: 2, byBot: true)
        let plan = try planned(snapshot, tickets: tickets)
        #expect(plan.operations.isEmpty)
        let warning = try #require(plan.warnings.first)
        #expect(warning.hasPrefix("Suspicious snapshot: 2 of its 3 tickets (67 %) would be created"), "\(warning)")
        #expect(warning.contains("--max-creates"))
        #expect(plan.summary(path: nil).contains("Warning: \(warning)"))
        #expect(plan.html().contains("Suspicious snapshot"))
        let notes = plan.findings.compactMap { $0["plan_note"]?.stringValue }
        #expect(notes.count == 2 && notes.allSatisfy { $0.contains("suspicious snapshot") })

        // The warning survives a round trip, outside the hash.
        let read = try ReconciliationPlan(json: try JSONValue.parse(plan.jsonText))
        #expect(read.warnings == plan.warnings && read.isIntact)

        // --max-creates alone does not unlock it; with --allow create-tickets it does, up to N.
        let capped = try planned(snapshot, tickets: tickets, maxCreates: 1)
        #expect(capped.operations.map(\.kind) == [.createTicket])
        #expect(capped.warnings.first?.contains("Creations were planned") == true)
        #expect(capped.findings.compactMap { $0["plan_note"]?.stringValue } == ["not planned: --max-creates 1 reached"])
        let noOptIn = try planned(snapshot, tickets: tickets, allow: [], maxCreates: 5)
        #expect(noOptIn.operations.isEmpty && noOptIn.warnings.count == 1)
    }

    @Test("not suspicious: no integration-user ticket in Syncro, or at most 20 % to create")
    func notSuspicious() throws {
        let (snapshot, tickets) = creationHeavy(count: 2, byBot: false)
        let plan = try planned(snapshot, tickets: tickets)
        #expect(plan.warnings.isEmpty && plan.operations.count == 2)

        var linked = (0..<4).map { Fixture.ticket(partnerID: "L-\($0)", syncroID: 40 + $0) }
        linked.append(newTicket())
        let few = try planned(
            Fixture.snapshot(tickets: linked),
            tickets: (0..<4).map { Fixture.syncroTicket(id: 40 + $0, ["user_id": 118]) })
        #expect(few.warnings.isEmpty, "1 of 5 is exactly 20 %, not more")
        #expect(few.operations.map(\.kind) == [.createTicket])
    }

    // MARK: - Customer Reply

    @Test("a status change of a ticket Syncro shows in Customer Reply is not planned, with a note")
    func customerReplyNotPlanned() throws {
        let plan = try planned(
            Fixture.snapshot(tickets: [Fixture.ticket()]),
            tickets: [Fixture.syncroTicket(["status": "Customer Reply"])],
            allow: [])
        #expect(plan.operations.isEmpty)
        let finding = try #require(plan.findings.first)
        #expect(finding["code"] == "TICKET_FIELD" && finding["field"] == "status")
        #expect(finding["plan_note"] == "not planned: the ticket is in Customer Reply: a customer message is waiting")
    }

    @Test("apply's precondition: setting the status of a ticket now in Customer Reply is a conflict")
    func customerReplyPrecondition() {
        let planned: JSONObject = ["id": 7, "status": "New", "updated_at": "2026-01-01T00:00:00.000Z"]
        let operation = PlanFixture.update(planned, "status", to: "In Progress")
        var now = planned
        now["status"] = "customer reply "
        #expect(
            Precondition.evaluateUpdate(operation, ticket: now, ownWrites: .init())
                == .conflict("the ticket is in Customer Reply: a customer message is waiting"))
        let priority = PlanFixture.update(planned, "priority", to: "1 High")
        #expect(Precondition.evaluateUpdate(priority, ticket: now, ownWrites: .init()) == .proceed)
        var replied = planned
        replied["status"] = "Customer Reply"
        let toReply = PlanFixture.update(planned, "status", to: "Customer Reply")
        #expect(
            Precondition.evaluateUpdate(toReply, ticket: replied, ownWrites: .init()) == .alreadyApplied(syncroID: 7))
    }

    // MARK: - Automations

    @Test("automations: status, priority, assignee and tags fire Ticket Updated; resolved-class statuses end SLAs")
    func automations() throws {
        let ticket: JSONObject = ["id": 7, "status": "New", "updated_at": "2026-01-01T00:00:00.000Z"]
        #expect(PlanFixture.update(ticket, "status", to: "In Progress").automations == ["Ticket Updated"])
        for status in ["Resolved", "Invoiced", "closed"] {
            #expect(
                PlanFixture.update(ticket, "status", to: .string(status)).automations == [
                    "Ticket Updated", "SLA timers end",
                ])
        }
        for field in ["priority", "user_id", "tag_list"] {
            #expect(PlanFixture.update(ticket, field, to: "x").automations == ["Ticket Updated"], "\(field)")
        }
        for field in ["subject", "problem_type", "contact_id", "due_date", "customer_id", "asset_ids"] {
            #expect(PlanFixture.update(ticket, field, to: "x").automations == [], "\(field)")
        }
        #expect(PlanFixture.comment(ticket, partnerID: "a", body: "b").automations == ["Ticket Comment added"])
        #expect(
            PlanFixture.create(customerID: 1, subject: "s", partnerID: "p").automations == ["Ticket Created"])
    }

    @Test("automations are in the plan file, the summary and the page, and the hash covers them")
    func automationsInPlan() throws {
        let plan = try planned(
            Fixture.snapshot(tickets: [Fixture.ticket { $0.status = .value("Resolved") }]),
            tickets: [Fixture.syncroTicket()], allow: [])
        let operation = try #require(plan.operations.first)
        #expect(operation.json["automations"] == ["Ticket Updated", "SLA timers end"])
        let summary = plan.summary(path: nil)
        #expect(summary.contains("Automations the writes may trigger in Syncro"))
        #expect(summary.contains("SLA timers end  1 operation"), "\(summary)")
        #expect(plan.html().contains("<th>Automations</th>"))

        let read = try ReconciliationPlan(json: try JSONValue.parse(plan.jsonText))
        #expect(read == plan && read.isIntact)
        var edited = read
        edited.operations[0].automations = ["Ticket Updated"]
        #expect(!edited.isIntact, "removing an automation from the file breaks the hash")

        // A plan made before automations were listed still reads and verifies.
        var old = plan
        old.operations[0].automations = nil
        old.hash = PlanHash.compute(old)
        let reread = try ReconciliationPlan(json: try JSONValue.parse(old.jsonText))
        #expect(reread.operations[0].automations == nil && reread.isIntact)
    }

    // MARK: - Echo risk

    @Test("a restored comment of a visibility the bidirectional relationship syncs is review-gated, echo_risk")
    func echoRisk() throws {
        let comments = [
            SnapshotComment(partnerCommentID: "act_pub", hidden: false, body: "Replaced the toner."),
            SnapshotComment(partnerCommentID: "act_priv", hidden: true, body: "Customer was rude."),
        ]
        var snapshot = Fixture.snapshot(tickets: [Fixture.ticket(comments: comments)])
        let plan = try planned(snapshot, tickets: [Fixture.syncroTicket()], allow: [.addComments])
        let byPartner = Dictionary(uniqueKeysWithValues: plan.operations.map { ($0.partnerID ?? "", $0) })
        let publicPost = try #require(byPartner["act_pub"])
        #expect(publicPost.gate == .review && publicPost.echoRisk)
        #expect(publicPost.note?.contains("sync_public_comments") == true)
        #expect(publicPost.json["echo_risk"] == true)
        let privatePost = try #require(byPartner["act_priv"])
        #expect(privatePost.gate == .optIn && !privatePost.echoRisk && privatePost.json["echo_risk"] == nil)
        let read = try ReconciliationPlan(json: try JSONValue.parse(plan.jsonText))
        #expect(read == plan && read.isIntact)

        snapshot.relationship.bidirectional = false
        let oneWay = try planned(snapshot, tickets: [Fixture.syncroTicket()], allow: [.addComments])
        #expect(oneWay.operations.allSatisfy { $0.gate == .optIn && !$0.echoRisk })
    }
}
