import Foundation
import Reconcile
import RecordFormats
import Synchronization
import SyncroAPI
import TestSupport
import Testing

/// `apply` against the simulator: every request crosses loopback HTTP, and the simulator's log and state are the
/// evidence.
@Suite("Apply against the simulator")
struct ApplyTests {
    @Test("a dry run re-reads but sends no write and creates no journal")
    func dryRunWritesNothing() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1003, in: account)
            let plan = PlanFixture.plan([
                PlanFixture.update(ticket, "status", to: "In Progress"),
                PlanFixture.comment(ticket, partnerID: "act_1", body: "Parts ordered from the vendor."),
            ])
            let journal = PlanFixture.temporaryPath("journal")
            var options = ApplyOptions()
            options.dryRun = true
            let client = account.client(guarding: { AllowlistTransport(base: $0) })
            let events = EventLog()
            let summary = try await ApplyEngine(
                plan: plan, planPath: "plan.json", client: client, journal: nil, options: options,
                onEvent: { events.append($0) }
            ).run()
            try await client.shutdown()

            #expect(summary.count(.applied) == 2)
            #expect(summary.writes == 0)
            #expect(try await PlanFixture.writes(in: account).isEmpty)
            #expect(try await account.requestLog().count >= 2)
            #expect(!FileManager.default.fileExists(atPath: journal))
            let requests = events.all.compactMap(\.request)
            #expect(requests.contains("PUT /tickets/1003 {\"status\":\"In Progress\"}"))
            #expect(
                requests.contains {
                    $0.hasPrefix("POST /tickets/1003/comment ") && $0.contains("\"do_not_email\":true")
                })
            #expect(try await PlanFixture.ticket(1003, in: account)["status"] == ticket["status"])
        }
    }

    @Test("apply writes every operation once, and a second run writes nothing")
    func applyThenRerun() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1003, in: account)
            let tags = (ticket["tag_list"]?.arrayValue ?? []) + ["vendor"]
            let plan = PlanFixture.plan([
                PlanFixture.update(ticket, "status", to: "In Progress"),
                PlanFixture.update(ticket, "tag_list", to: .array(tags)),
                PlanFixture.comment(ticket, partnerID: "act_2", body: "Parts ordered from the vendor."),
                PlanFixture.create(customerID: 101, subject: "New laptop for reception", partnerID: "88990"),
            ])
            let journal = PlanFixture.temporaryPath("journal")
            let first = try await PlanFixture.apply(plan, in: account, journal: journal)
            #expect(first.count(.applied) == 4)
            #expect(first.exitCode == 0)
            #expect(try await PlanFixture.writes(in: account).count == 4)

            let after = try await PlanFixture.ticket(1003, in: account)
            #expect(after["status"] == "In Progress")
            #expect(FieldComparison.elementTexts(after["tag_list"]).contains("vendor"))
            let restored = try await PlanFixture.comments(ofTicket: 1003, in: account).filter {
                $0["body"]?.stringValue?.contains("Support Fusion ref: act_2 (") == true
            }
            #expect(restored.count == 1)
            #expect(restored.first?["hidden"] == true)

            // The same journal: nothing is even re-read for finished operations.
            try await account.reset()
            _ = try await PlanFixture.apply(plan, in: account, journal: journal)
            #expect(try await PlanFixture.writes(in: account).isEmpty)
        }
    }

    @Test("a lost journal is recovered from Syncro itself: values and markers are found, nothing is re-sent")
    func rerunWithoutJournal() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1002, in: account)
            let plan = PlanFixture.plan([
                PlanFixture.update(ticket, "priority", to: "2 Normal"),
                PlanFixture.comment(ticket, partnerID: "act_3", body: "Laptop imaged."),
                PlanFixture.create(customerID: 102, subject: "Printer jam", partnerID: "88991"),
            ])
            _ = try await PlanFixture.apply(plan, in: account)
            let writesBefore = try await PlanFixture.writes(in: account).count
            let second = try await PlanFixture.apply(plan, in: account)  // a fresh journal
            #expect(second.count(.alreadyApplied) == 3)
            #expect(try await PlanFixture.writes(in: account).count == writesBefore)
        }
    }

    @Test("a ticket changed after planning is skipped as a conflict")
    func conflict() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1003, in: account)
            let plan = PlanFixture.plan([PlanFixture.update(ticket, "status", to: "In Progress")])
            try await account.withClient { client in
                _ = try await client.updateTicket(id: 1003, ["priority": "1 Urgent"])
            }
            let summary = try await PlanFixture.apply(plan, in: account)
            #expect(summary.count(.conflict) == 1)
            #expect(summary.exitCode == 3)
            #expect(try await PlanFixture.writes(in: account) == ["PUT /api/v1/tickets/1003"])  // only the test's own
            #expect(try await PlanFixture.ticket(1003, in: account)["status"] == ticket["status"])
        }
    }

    @Test("a value someone else set to neither from nor to is a conflict even without a newer updated_at")
    func valueConflict() {
        let ticket: JSONObject = ["id": 7, "status": "Waiting on Customer", "updated_at": "2026-01-01T00:00:00.000Z"]
        var planned = ticket
        planned["status"] = "New"
        let operation = PlanFixture.update(planned, "status", to: "In Progress")
        let result = Precondition.evaluateUpdate(operation, ticket: ticket, ownWrites: .init())
        guard case .conflict(let reason) = result else {
            Issue.record("expected a conflict, got \(result)")
            return
        }
        #expect(reason.contains("Waiting on Customer"))
    }

    @Test("review operations run only when approved, by key or all")
    func reviewNeedsApproval() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1003, in: account)
            let review = PlanFixture.update(ticket, "status", to: "Resolved", gate: .review)
            let plan = PlanFixture.plan([review])
            let skipped = try await PlanFixture.apply(plan, in: account)
            #expect(skipped.count(.skippedReview) == 1)
            #expect(skipped.exitCode == 3)
            #expect(try await PlanFixture.writes(in: account).isEmpty)

            await #expect(throws: ApplyError.unknownApproval("sfr1-00000000000000000000")) {
                try await PlanFixture.apply(plan, in: account) { $0.approval = .keys(["sfr1-00000000000000000000"]) }
            }
            let approved = try await PlanFixture.apply(plan, in: account) { $0.approval = .keys([review.opKey]) }
            #expect(approved.count(.applied) == 1)
            #expect(try await PlanFixture.ticket(1003, in: account)["status"] == "Resolved")
        }
    }

    @Test("an edited, foreign or stale plan is refused before any request")
    func refusals() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1003, in: account)
            var edited = PlanFixture.plan([PlanFixture.update(ticket, "status", to: "In Progress")])
            edited.operations[0].body = ["status": "Resolved"]
            let logged = try await account.requestLog().count
            await #expect(throws: ApplyError.planEdited(path: "plan.json")) {
                try await PlanFixture.apply(edited, in: account)
            }
            #expect(try await account.requestLog().count == logged)

            let foreign = PlanFixture.plan([PlanFixture.update(ticket, "status", to: "In Progress")], subdomain: "acme")
            await #expect(throws: ApplyError.foreignSubdomain(plan: "acme", account: "demo")) {
                try await PlanFixture.apply(foreign, in: account)
            }

            let old = PlanFixture.plan(
                [PlanFixture.update(ticket, "status", to: "In Progress")], createdAt: Date(timeIntervalSinceNow: -7200))
            await #expect(throws: ApplyError.self) { try await PlanFixture.apply(old, in: account) }
            let forced = try await PlanFixture.apply(old, in: account) { $0.force = true }
            #expect(forced.count(.applied) == 1)
            #expect(try await PlanFixture.writes(in: account) == ["PUT /api/v1/tickets/1003"])
        }
    }

    @Test("a comment whose answer was lost is found by its marker on the next run, never posted twice")
    func lostAnswerIsNotResent() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1004, in: account)
            let plan = PlanFixture.plan([
                PlanFixture.comment(ticket, partnerID: "act_4", body: "Called the user back."),
                PlanFixture.create(customerID: 101, subject: "VPN drops", partnerID: "88992"),
            ])
            _ = try await account.control(
                .post, "/_sim/faults",
                body: [
                    "faults": [["kind": "dropAfterWrite", "method": "POST", "path": "/api/v1/tickets*", "count": 2]]
                ])
            let journal = PlanFixture.temporaryPath("journal")
            let first = try await PlanFixture.apply(plan, in: account, journal: journal)
            #expect(first.count(.unknown) == 2)
            #expect(first.exitCode == 3)

            let second = try await PlanFixture.apply(plan, in: account, journal: journal)
            #expect(second.count(.alreadyApplied) == 2)
            #expect(second.writes == 0)
            let copies = try await PlanFixture.comments(ofTicket: 1004, in: account).filter {
                $0["body"]?.stringValue?.contains("Support Fusion ref: act_4 (") == true
            }
            #expect(copies.count == 1)
            let tickets = try await account.state()["tickets"]?.arrayValue ?? []
            #expect(tickets.filter { $0["subject"] == "VPN drops" }.count == 1)
            let events = try ApplyJournal(path: journal, readOnly: true).events().map(\.state)
            #expect(events.filter { $0 == .sent }.count == 2)
            #expect(events.filter { $0 == .unknown }.count == 2)
        }
    }

    @Test("three unknown outcomes in a row stop the run with the journal intact")
    func breakerOnServerTrouble() async throws {
        try await SimulatedAccount.with { account in
            var operations: [PlanOperation] = []
            for id in [1001, 1002, 1003, 1004, 1005] {
                let ticket = try await PlanFixture.ticket(id, in: account)
                operations.append(PlanFixture.comment(ticket, partnerID: "act_b\(id)", body: "Note \(id)."))
            }
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "500", "method": "POST", "path": "/api/v1/tickets*", "count": 50])
            let summary = try await PlanFixture.apply(PlanFixture.plan(operations), in: account) { $0.batchSize = 1 }
            #expect(summary.count(.unknown) == 3)
            #expect(summary.count(.notRun) == 2)
            #expect(summary.exitCode == 4)
            guard case .circuitBreaker? = summary.stopped else {
                Issue.record("expected the circuit breaker, got \(String(describing: summary.stopped))")
                return
            }
        }
    }

    @Test("a 401 mid-run stops everything")
    func breakerOnUnauthorized() async throws {
        try await SimulatedAccount.with { account in
            var operations: [PlanOperation] = []
            for id in [1001, 1002, 1003] {
                let ticket = try await PlanFixture.ticket(id, in: account)
                operations.append(PlanFixture.update(ticket, "priority", to: "3 Low"))
            }
            let plan = PlanFixture.plan(operations)
            let client = account.client(token: SampleTokens.readOnly, guarding: { AllowlistTransport(base: $0) })
            let summary = try await ApplyEngine(
                plan: plan, planPath: "plan.json", client: client,
                journal: try ApplyJournal(path: PlanFixture.temporaryPath("journal")),
                options: {
                    var options = ApplyOptions()
                    options.batchSize = 1
                    return options
                }()
            ).run()
            try await client.shutdown()
            #expect(summary.count(.failed) == 1)
            #expect(summary.count(.notRun) == 2)
            #expect(summary.exitCode == 4)
        }
    }
}

/// Events collected from concurrent tasks.
final class EventLog: Sendable {
    private let events = Mutex<[ApplyEvent]>([])
    func append(_ event: ApplyEvent) { events.withLock { $0.append(event) } }
    var all: [ApplyEvent] { events.withLock { $0 } }
}
