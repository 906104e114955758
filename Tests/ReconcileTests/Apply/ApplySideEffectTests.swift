import Foundation
import Reconcile
import RecordFormats
import SyncroAPI
import TestSupport
import Testing

/// Syncro's side effects at apply time, against the simulator: a ticket in Customer Reply keeps its status
/// whatever the plan says, and a restored comment that may echo back to the partner needs `--accept-echo`.
@Suite("Apply: Syncro's side effects respected")
struct ApplySideEffectTests {
    @Test("a status change of a ticket in Customer Reply is a conflict and is never PUT; other tickets still run")
    func customerReplyIsNeverMoved() async throws {
        try await SimulatedAccount.with { account in
            let replied = try await PlanFixture.ticket(1011, in: account)
            #expect(replied["status"] == "Customer Reply")
            let other = try await PlanFixture.ticket(1003, in: account)
            let plan = PlanFixture.plan([
                PlanFixture.update(replied, "status", to: "In Progress"),
                PlanFixture.update(other, "status", to: "In Progress"),
            ])
            let summary = try await PlanFixture.apply(plan, in: account) { $0.approval = .all }
            #expect(summary.count(.conflict) == 1 && summary.count(.applied) == 1)
            #expect(summary.exitCode == 3)
            #expect(try await PlanFixture.writes(in: account) == ["PUT /api/v1/tickets/1003"])
            #expect(try await PlanFixture.ticket(1011, in: account)["status"] == "Customer Reply")
        }
    }

    @Test("the conflict names the reason, recorded in the journal")
    func customerReplyReason() async throws {
        try await SimulatedAccount.with { account in
            let replied = try await PlanFixture.ticket(1011, in: account)
            let operation = PlanFixture.update(replied, "status", to: "Resolved", gate: .review)
            let journalPath = PlanFixture.temporaryPath("journal")
            _ = try await PlanFixture.apply(PlanFixture.plan([operation]), in: account, journal: journalPath) {
                $0.approval = .all
            }
            let entry = try #require(try ApplyJournal(path: journalPath, readOnly: true).entries()[operation.opKey])
            #expect(entry.state == .conflict)
            #expect(entry.detail == "the ticket is in Customer Reply: a customer message is waiting")
        }
    }

    /// A comment post on ticket 1003 that the planner marked as an echo risk.
    private func echoPost(_ ticket: JSONObject) -> PlanOperation {
        .commentPost(
            code: .commentMissing, gate: .review, scope: PlanFixture.scope, ticketID: ticket["id"]?.intValue ?? 0,
            partnerCommentID: "act_echo", ticketPartnerID: "P-1", text: "Replaced the toner.", hidden: false,
            ticketUpdatedAt: ticket["updated_at"]?.stringValue, message: "public comment act_echo is missing",
            note: "echo risk", echoRisk: true)
    }

    @Test("an echo-risk comment is refused without --accept-echo, skipped without approval, posted with both")
    func echoNeedsAcceptance() async throws {
        try await SimulatedAccount.with { account in
            let ticket = try await PlanFixture.ticket(1003, in: account)
            let plan = PlanFixture.plan([echoPost(ticket)])
            let journal = PlanFixture.temporaryPath("journal")

            let refused = try await PlanFixture.apply(plan, in: account, journal: journal) { $0.approval = .all }
            #expect(refused.count(.refused) == 1 && refused.exitCode == 3)
            #expect(refused.line.contains("refused 1"))
            #expect(try await PlanFixture.writes(in: account).isEmpty)
            let entry = try #require(
                try ApplyJournal(path: journal, readOnly: true).entries()[plan.operations[0].opKey])
            #expect(entry.state == .refused && entry.detail?.contains("--accept-echo") == true)

            let unapproved = try await PlanFixture.apply(plan, in: account, journal: journal) { $0.acceptEcho = true }
            #expect(unapproved.count(.skippedReview) == 1)
            #expect(try await PlanFixture.writes(in: account).isEmpty)

            let posted = try await PlanFixture.apply(plan, in: account, journal: journal) {
                $0.acceptEcho = true
                $0.approval = .all
            }
            #expect(posted.count(.applied) == 1 && posted.exitCode == 0)
            #expect(try await PlanFixture.writes(in: account) == ["POST /api/v1/tickets/1003/comment"])
        }
    }
}
