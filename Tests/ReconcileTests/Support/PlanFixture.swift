import Foundation
import Reconcile
import RecordFormats
import SyncroAPI
import TestSupport

/// Plans written by hand for apply tests, from tickets as Syncro holds them at test time.
enum PlanFixture {
    static let relationship = "rel_test"

    static let scope = PlanOperation.KeyScope(relationshipID: relationship, subdomain: "demo")

    /// `PUT /tickets/{id}` setting `field` (a top-level ticket field) from its current value to `value`.
    static func update(_ ticket: JSONObject, _ field: String, to value: JSONValue, gate: Gate = .auto) -> PlanOperation
    {
        let id = ticket["id"]?.intValue ?? 0
        return .ticketUpdate(
            code: .ticketField, gate: gate, scope: scope, ticketID: id, field: field, target: value,
            from: [field: ticket[field] ?? .null], to: [field: value],
            ticketUpdatedAt: ticket["updated_at"]?.stringValue,
            partnerID: "p\(id)", message: "\(field) differs")
    }

    /// `POST /tickets/{id}/comment` restoring partner comment `partnerID`.
    static func comment(_ ticket: JSONObject, partnerID: String, body: String, hidden: Bool = true) -> PlanOperation {
        .commentPost(
            code: .commentMissing, gate: .optIn, scope: scope, ticketID: ticket["id"]?.intValue ?? 0,
            partnerCommentID: partnerID, ticketPartnerID: nil, text: body, hidden: hidden,
            ticketUpdatedAt: ticket["updated_at"]?.stringValue, message: "comment \(partnerID) missing")
    }

    /// `POST /tickets` for partner ticket `partnerID` of customer `customerID`.
    static func create(customerID: Int, subject: String, partnerID: String) -> PlanOperation {
        .ticketCreation(
            code: .ticketNotCreated, gate: .optIn, scope: scope, partnerTicketID: partnerID,
            fields: ["customer_id": .int(customerID), "subject": .string(subject), "status": "New"],
            text: "Opened at the partner.", hidden: true, message: "partner ticket \(partnerID) not created")
    }

    static func plan(
        _ operations: [PlanOperation], subdomain: String = "demo", createdAt: Date = Date(), maxAge: Int = 3600
    ) -> ReconciliationPlan {
        ReconciliationPlan(
            createdAt: createdAt, maxAgeSeconds: maxAge, snapshotID: "snap_test", syncroSubdomain: subdomain,
            relationshipID: relationship, allowed: ["add-comments", "create-tickets"],
            estimate: .forOperations(operations.count, rateLimitPerMinute: 180), operations: operations)
    }

    /// The ticket `id` as Syncro holds it now.
    static func ticket(_ id: Int, in account: SimulatedAccount) async throws -> JSONObject {
        try await account.withClient { try await $0.ticket(id: id).json }
    }

    /// Runs `plan` with a client guarded by the allowlist, and a journal in a fresh temporary directory unless
    /// `journal` is given.
    static func apply(
        _ plan: ReconciliationPlan, in account: SimulatedAccount, journal: String? = nil,
        configure: (inout ApplyOptions) -> Void = { _ in }
    ) async throws -> ApplySummary {
        var options = ApplyOptions()
        configure(&options)
        let journalPath = journal ?? temporaryPath("journal")
        let file = options.dryRun ? nil : try ApplyJournal(path: journalPath)
        let client = account.client(guarding: { AllowlistTransport(base: $0) })
        do {
            let summary = try await ApplyEngine(
                plan: plan, planPath: "plan.json", client: client, journal: file, options: options
            ).run()
            try await client.shutdown()
            return summary
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    static func temporaryPath(_ name: String) -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("apply-\(UUID().uuidString)-\(name)")
    }

    /// The write requests (anything but GET) in the simulator's log.
    static func writes(in account: SimulatedAccount) async throws -> [String] {
        try await account.requestLog().compactMap { entry in
            guard let method = entry["method"]?.stringValue, method != "GET" else { return nil }
            return "\(method) \(entry["path"]?.stringValue ?? "")"
        }
    }

    /// Every comment of ticket `id` in the simulator's state.
    static func comments(ofTicket id: Int, in account: SimulatedAccount) async throws -> [JSONObject] {
        let tickets = try await account.state()["tickets"]?.arrayValue ?? []
        let ticket = tickets.first { $0["id"]?.intValue == id }
        return (ticket?["comments"]?.arrayValue ?? []).compactMap(\.objectValue)
    }
}
