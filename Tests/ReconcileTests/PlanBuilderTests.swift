import Foundation
import Reconcile
import RecordFormats
import Snapshot
import Testing

/// Plans `snapshot` against a Syncro export made of the given records.
func plan(
    _ snapshot: Snapshot, tickets: [[String: Any]] = [Fixture.syncroTicket()], comments: [[String: Any]]? = [],
    subdomain: String? = "northwind", allow: Set<PlanOptIn> = [], createdAt: Date = Fixture.generatedAt
) throws -> PlanBuilder.Outcome {
    let export = try ExportFixture(subdomain: subdomain)
    try export.jsonl("tickets.jsonl", tickets)
    if let comments { try export.jsonl("comments.jsonl", comments) }
    let builder = PlanBuilder(
        engine: DriftEngine(syncro: try export.records()), allowed: allow, rateLimitPerMinute: 120)
    return builder.build(for: snapshot, createdAt: createdAt)
}

@Suite("Plan: operations from drift")
struct PlanBuilderTests {
    private let ticketID = 44_190_233

    private func onlyOperation(_ outcome: PlanBuilder.Outcome) throws -> PlanOperation {
        let plan = try #require(outcome.plan)
        try #require(plan.operations.count == 1, "\(plan.operations.map(\.json))")
        return plan.operations[0]
    }

    @Test("TICKET_FIELD auto: PUT with only the field, from the Syncro value to the expected one")
    func fieldAuto() throws {
        let outcome = try plan(
            Fixture.snapshot(tickets: [Fixture.ticket()]),
            tickets: [Fixture.syncroTicket(["status": "New"])])
        let operation = try onlyOperation(outcome)
        #expect(operation.code == .ticketField && operation.gate == .auto && operation.kind == .updateTicket)
        #expect(operation.method == "PUT" && operation.path == "/tickets/44190233")
        #expect(operation.body == ["status": "In Progress"])
        #expect(operation.from == ["status": "New"])
        #expect(operation.to == ["status": "In Progress"])
        #expect(operation.ticketID == ticketID && operation.ticketUpdatedAt == "2026-11-28T22:10:12Z")
        #expect(operation.partnerID == "88412")
        #expect(operation.message == "status is New, Support Fusion expects In Progress")
        #expect(OperationKey.isKey(operation.opKey))
        #expect(outcome.plan?.findings.isEmpty == true)
    }

    @Test("TICKET_FIELD review: a closing status and a customer move keep the engine's review gate")
    func fieldReview() throws {
        let closing = try onlyOperation(
            plan(Fixture.snapshot(tickets: [Fixture.ticket { $0.status = .value("Resolved") }])))
        #expect(closing.gate == .review && closing.body == ["status": "Resolved"])
        let move = try onlyOperation(
            plan(Fixture.snapshot(tickets: [Fixture.ticket { $0.customerID = .value(902_312) }])))
        #expect(move.gate == .review && move.body == ["customer_id": 902_312] && move.from == ["customer_id": 902_311])
    }

    @Test("a custom field is written inside properties, with only that property")
    func property() throws {
        let operation = try onlyOperation(
            plan(
                Fixture.snapshot(tickets: [Fixture.ticket()]),
                tickets: [Fixture.syncroTicket(["properties": ["Partner Ticket": "1", "Other": "x"]])]))
        #expect(operation.body == ["properties": ["Partner Ticket": "88412"]])
        #expect(operation.from == ["properties": ["Partner Ticket": "1"]])
        #expect(operation.to == operation.body)
    }

    @Test("TICKET_TAGS_MISSING: tag_list is the current tags in their order, then the missing ones")
    func tags() throws {
        let operation = try onlyOperation(
            plan(
                Fixture.snapshot(tickets: [Fixture.ticket { $0.tags = .value(["co-managed", "vip", "Alpha"]) }]),
                tickets: [Fixture.syncroTicket(["tag_list": ["zeta", "co-managed"]])]))
        #expect(operation.code == .ticketTagsMissing && operation.gate == .auto)
        #expect(operation.body == ["tag_list": ["zeta", "co-managed", "Alpha", "vip"]])
        #expect(operation.from == ["tag_list": ["zeta", "co-managed"]])
        #expect(operation.to == operation.body)
    }

    @Test("TICKET_ASSETS_MISSING: asset_ids is current ∪ missing, sorted")
    func assets() throws {
        let operation = try onlyOperation(
            plan(
                Fixture.snapshot(tickets: [Fixture.ticket { $0.assetIDs = .value([7_781_002, 1_000, 9_000_000]) }]),
                tickets: [Fixture.syncroTicket(["asset_ids": [7_781_002, 5]])]))
        #expect(operation.code == .ticketAssetsMissing && operation.gate == .auto)
        #expect(operation.body == ["asset_ids": [5, 1_000, 7_781_002, 9_000_000]])
        #expect(operation.from == ["asset_ids": [5, 7_781_002]])
    }

    @Test("COMMENT_MISSING is report-only unless add-comments is allowed")
    func commentNotAllowed() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", hidden: true, body: "Rebuilt the profile.")
        let outcome = try plan(Fixture.snapshot(tickets: [Fixture.ticket(comments: [comment])]))
        let plan = try #require(outcome.plan)
        #expect(plan.operations.isEmpty)
        let finding = try #require(plan.findings.first)
        #expect(finding["code"] == "COMMENT_MISSING" && finding["gate"] == "opt-in")
        #expect(finding["plan_note"]?.stringValue?.contains("--allow add-comments") == true)
    }

    @Test("COMMENT_MISSING allowed: POST with subject Update, hidden as expected, no email, marker last")
    func commentAllowed() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", hidden: true, body: "Rebuilt the profile.\n")
        let outcome = try plan(
            Fixture.snapshot(tickets: [Fixture.ticket(comments: [comment])]), allow: [.addComments])
        let operation = try onlyOperation(outcome)
        #expect(operation.kind == .addComment && operation.gate == .optIn && operation.code == .commentMissing)
        #expect(operation.method == "POST" && operation.path == "/tickets/44190233/comment")
        let marker = ReferenceMarker(partnerID: "act_1", opKey: operation.opKey)
        #expect(operation.marker == marker.line)
        #expect(
            operation.body == [
                "subject": "Update", "body": .string("Rebuilt the profile.\n\n" + marker.line), "hidden": true,
                "do_not_email": true,
            ])
        #expect(operation.from == [:])
        #expect(operation.to == ["body_sha256": .string(BodyHash.sha256("Rebuilt the profile.")), "hidden": true])
        #expect(operation.partnerID == "act_1" && operation.ticketPartnerID == "88412")
        #expect(operation.ticketID == ticketID && operation.ticketUpdatedAt == "2026-11-28T22:10:12Z")

        var edited = comment
        edited.body = "Rebuilt the profile, twice."
        let again = try onlyOperation(
            plan(Fixture.snapshot(tickets: [Fixture.ticket(comments: [edited])]), allow: [.addComments]))
        #expect(again.opKey == operation.opKey, "the key of a comment must not depend on its body")
    }

    @Test("COMMENT_MISSING with only the body's hash: no operation, the finding says why")
    func commentHashOnly() throws {
        let comment = SnapshotComment(partnerCommentID: "act_1", hidden: false, bodySHA256: BodyHash.sha256("x"))
        let plan = try #require(
            try plan(Fixture.snapshot(tickets: [Fixture.ticket(comments: [comment])]), allow: [.addComments]).plan)
        #expect(plan.operations.isEmpty)
        #expect(plan.findings.first?["plan_note"]?.stringValue?.contains("only the hash") == true)
    }

    private func unlinkedTicket(comments: [SnapshotComment] = []) -> SnapshotTicket {
        Fixture.ticket(partnerID: "P-7", syncroID: nil, comments: comments) {
            $0.subject = .value("Printer jams")
            $0.userID = .value(118)
            $0.dueDate = .value("2026-12-01")
            $0.problemType = .null
            $0.tags = .value(["vip", "co-managed"])
        }
    }

    @Test("TICKET_NOT_CREATED is report-only unless create-tickets is allowed")
    func createNotAllowed() throws {
        let plan = try #require(try plan(Fixture.snapshot(tickets: [unlinkedTicket()])).plan)
        #expect(plan.operations.isEmpty)
        #expect(plan.findings.first?["code"] == "TICKET_NOT_CREATED")
        #expect(plan.findings.first?["plan_note"]?.stringValue?.contains("--allow create-tickets") == true)
    }

    @Test("TICKET_NOT_CREATED allowed: POST /tickets with the managed values and the first comment, marked")
    func createAllowed() throws {
        let first = SnapshotComment(partnerCommentID: "act_9", hidden: false, body: "Paper tray 2 jams.")
        let second = SnapshotComment(partnerCommentID: "act_10", hidden: true, body: "Ordered a roller.")
        let outcome = try plan(
            Fixture.snapshot(tickets: [unlinkedTicket(comments: [first, second])]), allow: [.createTickets])
        let operation = try onlyOperation(outcome)
        #expect(operation.kind == .createTicket && operation.gate == .optIn && operation.code == .ticketNotCreated)
        #expect(operation.method == "POST" && operation.path == "/tickets")
        #expect(operation.ticketID == nil && operation.ticketUpdatedAt == nil && operation.partnerID == "P-7")
        let marker = ReferenceMarker(partnerID: "P-7", opKey: operation.opKey)
        let comment: JSONValue = [
            "subject": "Update", "body": .string("Paper tray 2 jams.\n\n" + marker.line), "hidden": false,
            "do_not_email": true,
        ]
        #expect(
            operation.body == [
                "customer_id": 902_311, "subject": "Printer jams", "status": "In Progress", "priority": "1 High",
                "contact_id": 5_530_012, "tag_list": ["co-managed", "vip"], "comments_attributes": [comment],
            ])
        #expect(operation.body["user_id"] == nil && operation.body["problem_type"] == nil)
        #expect(operation.from == [:] && operation.to == ["marker": .string(marker.line)])
        #expect(operation.marker == marker.line)
    }

    @Test("TICKET_NOT_CREATED with no comment text gets a short note, private")
    func createWithoutComment() throws {
        let operation = try onlyOperation(
            plan(Fixture.snapshot(tickets: [unlinkedTicket()]), allow: [.createTickets]))
        let comment = try #require(operation.body["comments_attributes"]?.arrayValue?.first)
        #expect(comment["hidden"] == true && comment["do_not_email"] == true)
        #expect(comment["body"]?.stringValue?.contains("partner ticket P-7") == true)
    }

    @Test("TICKET_NOT_CREATED without a customer or a subject: no operation, the finding says why")
    func createIncomplete() throws {
        var noCustomer = unlinkedTicket()
        noCustomer.expected.customerID = .unmanaged
        noCustomer.syncroCustomerID = nil
        var noSubject = unlinkedTicket()
        noSubject.partnerTicketID = "P-8"
        noSubject.expected.subject = .null
        let plan = try #require(
            try plan(Fixture.snapshot(tickets: [noCustomer, noSubject]), allow: [.createTickets]).plan)
        #expect(plan.operations.isEmpty)
        let notes = plan.findings.compactMap { $0["plan_note"]?.stringValue }
        #expect(notes.count == 2)
        #expect(notes.contains { $0.contains("no customer_id") } && notes.contains { $0.contains("no subject") })
    }

    @Test("order: by ticket id; fields, tags, assets, comments in snapshot order; creations last")
    func order() throws {
        // The engine reports the linked comment first; the plan keeps the snapshot's order.
        let comments = [
            SnapshotComment(partnerCommentID: "act_1", hidden: false, body: "First"),
            SnapshotComment(partnerCommentID: "act_2", syncroCommentID: 77, hidden: false, body: "Second"),
        ]
        let high = Fixture.ticket(partnerID: "P-2", syncroID: 9, comments: comments) {
            $0.status = .value("Waiting")
            $0.subject = .value("Renamed")
            $0.tags = .value(["co-managed", "vip"])
            $0.assetIDs = .value([7_781_002, 1])
        }
        let low = Fixture.ticket(partnerID: "P-1", syncroID: 3) { $0.priority = .value("2 Normal") }
        let snapshot = Fixture.snapshot(tickets: [unlinkedTicket(), high, low])
        let outcome = try plan(
            snapshot, tickets: [Fixture.syncroTicket(id: 9), Fixture.syncroTicket(id: 3)],
            allow: [.addComments, .createTickets])
        let operations = try #require(outcome.plan?.operations)
        let summary = operations.map { "\($0.ticketID.map(String.init) ?? "new") \($0.body.keys.sorted())" }
        #expect(
            summary == [
                "3 [\"priority\"]", "9 [\"subject\"]", "9 [\"status\"]", "9 [\"tag_list\"]", "9 [\"asset_ids\"]",
                "9 [\"body\", \"do_not_email\", \"hidden\", \"subject\"]",
                "9 [\"body\", \"do_not_email\", \"hidden\", \"subject\"]",
                "new [\"comments_attributes\", \"contact_id\", \"customer_id\", \"priority\", \"status\", \"subject\", \"tag_list\"]",
            ])
        #expect(operations[5].partnerID == "act_1" && operations[6].partnerID == "act_2")
        #expect(outcome.plan?.estimate == PlanEstimate(requests: 16, rateLimitPerMinute: 120))
        #expect(outcome.plan?.estimate.minSeconds == 8)
    }

    /// A snapshot with drift of every writable kind and several report-only ones.
    private func richOutcome(createdAt: Date = Fixture.generatedAt, status: String = "Waiting") throws
        -> PlanBuilder.Outcome
    {
        let comments = [
            SnapshotComment(partnerCommentID: "act_1", hidden: true, body: "Private <b>note</b>"),
            SnapshotComment(partnerCommentID: "act_2", syncroCommentID: 10, hidden: true, body: "Leaked"),
        ]
        var linked = Fixture.ticket(comments: comments) {
            $0.status = .value(status)
            $0.priority = .value("3 Low")
            $0.customerID = .value(1)
            $0.tags = .value(["vip"])
            $0.assetIDs = .value([7_781_002, 4])
            $0.properties = .value(["Partner Ticket": "88412", "Site": "Leeds"])
        }
        linked.partnerCurrent = {
            var values = TicketValues()
            values.priority = .value("1 Low")
            return values
        }()
        let snapshot = Fixture.snapshot(tickets: [linked, unlinkedTicket()])
        return try plan(
            snapshot, tickets: [Fixture.syncroTicket(["tag_list": ["co-managed"]])],
            comments: [Fixture.comment(id: 10, body: "Leaked", hidden: false)], allow: [.addComments, .createTickets],
            createdAt: createdAt)
    }

    @Test("every operation passes the write allowlist, and report-only findings stay in the plan")
    func allowlistAndFindings() throws {
        let outcome = try richOutcome()
        let plan = try #require(outcome.plan)
        #expect(plan.operations.count == 7)
        for operation in plan.operations {
            #expect(
                WriteAllowlist.violation(method: operation.method, path: operation.path, body: operation.body) == nil,
                "\(operation.json)")
        }
        let planned = Set(plan.operations.map(\.code))
        #expect(
            planned == [.ticketField, .ticketTagsMissing, .ticketAssetsMissing, .commentMissing, .ticketNotCreated])
        let reportOnly = plan.findings.compactMap { $0["code"]?.stringValue }.sorted()
        #expect(reportOnly == ["COMMENT_VISIBILITY_LEAK", "TICKET_CONFLICT", "TICKET_TAGS_EXTRA"])
        let extra = try #require(outcome.report.findings(.ticketTagsExtra).first)
        #expect(plan.findings.contains(extra.json), "report-only findings keep the drift report's JSON shape")
        let reviewKeys = plan.operations(.review).map(\.opKey)
        #expect(reviewKeys.count == 1, "the customer move")
    }

    @Test("keys are stable across builds and change with the target value")
    func stableKeys() throws {
        let first = try #require(try richOutcome().plan)
        let second = try #require(try richOutcome(createdAt: Fixture.generatedAt.addingTimeInterval(600)).plan)
        #expect(first.operations.map(\.opKey) == second.operations.map(\.opKey))
        #expect(Set(first.operations.map(\.opKey)).count == first.operations.count)
        #expect(first.hash != second.hash, "created_at is part of the hash")
        let other = try #require(try richOutcome(status: "On Hold").plan)
        let statusKey = { (plan: ReconciliationPlan) in plan.operations.first { $0.body["status"] != nil }?.opKey }
        #expect(statusKey(other) != nil && statusKey(other) != statusKey(first))
        #expect(Set(other.operations.map(\.opKey)).subtracting(first.operations.map(\.opKey)).count == 1)
    }

    @Test("the plan file round trip keeps the hash intact; an edited operation breaks it")
    func roundTrip() throws {
        let plan = try #require(try richOutcome().plan)
        #expect(plan.isIntact)
        let read = try ReconciliationPlan(json: try JSONValue.parse(plan.jsonText))
        #expect(read == plan)
        #expect(read.isIntact)

        let path = NSTemporaryDirectory() + "plan-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try plan.write(to: path)
        #expect(try ReconciliationPlan.load(path: path) == plan)

        var edited = read
        edited.operations[0].body["status"] = "Resolved"
        #expect(!edited.isIntact)
        let text = plan.jsonText.replacingOccurrences(of: "\"do_not_email\": true", with: "\"do_not_email\": false")
        #expect(text != plan.jsonText)
        #expect(try !ReconciliationPlan(json: try JSONValue.parse(text)).isIntact)
    }

    @Test("a snapshot for another account or an invalid one gives no plan")
    func aborted() throws {
        let foreign = try plan(Fixture.snapshot(subdomain: "elsewhere", tickets: [Fixture.ticket()]))
        #expect(foreign.plan == nil && foreign.report.isAborted)

        let export = try ExportFixture()
        try export.jsonl("tickets.jsonl", [Fixture.syncroTicket(["status": "New"])])
        let builder = PlanBuilder(engine: DriftEngine(syncro: try export.records()))
        let diagnostic = Diagnostic(file: "s.json", code: "snapshot.duplicate-key", message: "duplicate ticket")
        let invalid = builder.build(
            for: Fixture.snapshot(tickets: [Fixture.ticket()]), diagnostics: [diagnostic],
            createdAt: Fixture.generatedAt)
        #expect(invalid.plan == nil && invalid.report.codes.contains(.snapshotInvalid))
    }

    @Test("no drift: an empty plan with the snapshot's header")
    func empty() throws {
        let plan = try #require(try plan(Fixture.snapshot(tickets: [Fixture.ticket()])).plan)
        #expect(plan.operations.isEmpty && plan.findings.isEmpty)
        #expect(plan.snapshotID == "snap-1" && plan.syncroSubdomain == "northwind" && plan.relationshipID == "rel_1")
        #expect(plan.estimate.requests == 0)
    }

    @Test("--allow parses known kinds and names an unknown one")
    func optInParsing() throws {
        #expect(try PlanOptIn.parseList("create-tickets, add-comments") == [.createTickets, .addComments])
        #expect(try PlanOptIn.parseList("") == [])
        #expect(throws: PlanOptInError(name: "delete-tickets")) { try PlanOptIn.parseList("delete-tickets") }
    }
}
