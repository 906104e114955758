import Foundation
import RecordFormats
import Snapshot

/// Builds a reconciliation plan from a snapshot and the Syncro side: the drift engine's findings, turned into
/// the exact writes that correct them.
///
/// The planner does no comparison of its own. It runs the `DriftEngine` and observes each snapshot ticket together
/// with its findings as the engine streams the snapshot, so it has the ticket's comment bodies and create-ticket
/// values at hand without holding the snapshot in memory; memory holds the operations and the findings. Each
/// finding becomes at most one operation (`PlanBuilder+Operations.swift`), by its gate: `auto` and `review`
/// always, `opt-in` only for the kinds the operator allowed, `report` never. An `abort` finding
/// (`SNAPSHOT_INVALID`, `SNAPSHOT_SUBDOMAIN`) gives no plan at all.
///
/// Operations are ordered by Syncro ticket id; within a ticket, field updates in managed-field order, then tags,
/// then assets, then comments in snapshot order; ticket creations last, in snapshot order. `apply` runs one
/// ticket's operations strictly in this order.
package struct PlanBuilder: Sendable {
    package var engine: DriftEngine
    /// The opt-in kinds the operator asked for.
    package var allowed: Set<PlanOptIn>
    /// The client's rate limit, for the estimate.
    package var rateLimitPerMinute: Int
    /// How long the plan may wait before `apply` refuses it.
    package var maxAgeSeconds: Int
    /// At most this many ticket creations (`plan --max-creates`); nil: no cap. Giving it (with
    /// `--allow create-tickets`) is also what lets a suspicious snapshot plan creations at all.
    package var maxCreates: Int?

    /// A snapshot is suspicious when more than this share of its tickets would be created while Syncro already
    /// has tickets by the integration user: Support Fusion has probably lost its links, and creating would
    /// duplicate them.
    package static let suspiciousCreationShare = 0.2

    package init(
        engine: DriftEngine, allowed: Set<PlanOptIn> = [], rateLimitPerMinute: Int = 180,
        maxAgeSeconds: Int = ReconciliationPlan.defaultMaxAge, maxCreates: Int? = nil
    ) {
        self.engine = engine
        self.allowed = allowed
        self.rateLimitPerMinute = rateLimitPerMinute
        self.maxAgeSeconds = maxAgeSeconds
        self.maxCreates = maxCreates
    }

    /// What planning gave: the drift report the plan rests on, and the plan, nil when a finding aborts it.
    package struct Outcome: Sendable {
        package var report: DriftReport
        package var plan: ReconciliationPlan?
    }

    /// Plans against the snapshot at `path` (JSON, XML or a CSV directory), streaming it; `progress` as for
    /// `DriftEngine.report(reading:generatedAt:progress:observe:)`.
    package func build(
        snapshotAt path: String, createdAt: Date = Date(), progress: ((DriftProgress) -> Void)? = nil
    ) -> Outcome {
        build(reading: SnapshotReader(path: path), createdAt: createdAt, progress: progress)
    }

    /// Plans against a snapshot reader, streaming it.
    package func build(
        reading reader: SnapshotReader, createdAt: Date = Date(), progress: ((DriftProgress) -> Void)? = nil
    ) -> Outcome {
        var draft = Draft()
        let report = engine.report(reading: reader, generatedAt: createdAt, progress: progress) {
            element, findings in
            observe(element, findings, into: &draft)
        }
        return finish(draft, report: report, createdAt: createdAt)
    }

    /// Plans against a snapshot held in memory (small snapshots, tests).
    package func build(for snapshot: Snapshot, diagnostics: [Diagnostic] = [], createdAt: Date = Date()) -> Outcome {
        var draft = Draft()
        let report = engine.report(for: snapshot, diagnostics: diagnostics, generatedAt: createdAt) {
            element, findings in
            observe(element, findings, into: &draft)
        }
        return finish(draft, report: report, createdAt: createdAt)
    }

    // MARK: - Collecting

    /// What the planner gathers while the engine streams the snapshot.
    struct Draft {
        var context: Context?
        /// Operations on existing tickets, one entry per snapshot ticket in snapshot order.
        var updates: [(ticketID: Int, operations: [PlanOperation])] = []
        var creations: [(finding: DriftFinding, operation: PlanOperation)] = []
        /// The snapshot's relationship, for the echo risk of restored comments and the integration user.
        var relationship: Relationship?
        /// Snapshot tickets read, and how many of them would be created (`TICKET_NOT_CREATED` gated `opt-in`).
        var ticketCount = 0
        var wouldCreate = 0
        /// Syncro tickets by customer and subject, built when the first creation is planned.
        var duplicates: PossibleDuplicates?
        /// Findings that became an operation; the others stay report-only.
        var planned = Set<DriftFinding>()
        /// Why a finding that could have been written was not (an opt-in not given, no comment body, ...).
        var notes: [DriftFinding: String] = [:]
        /// Snapshot tickets that carry a Syncro ticket id, for the blast-radius caps.
        var linkedTickets = 0
    }

    /// What every operation key and marker depends on.
    typealias Context = PlanOperation.KeyScope

    private func observe(_ element: SnapshotElement, _ findings: [DriftFinding], into draft: inout Draft) {
        switch element {
        case .header(_, let relationship):
            draft.context = Context(
                relationshipID: relationship.relationshipID,
                subdomain: engine.syncro.subdomain ?? relationship.syncroSubdomain)
            draft.relationship = relationship
        case .ticket(let ticket):
            draft.ticketCount += 1
            draft.wouldCreate += findings.count { $0.code == .ticketNotCreated && $0.gate == .optIn }
            if ticket.syncroTicketID != nil { draft.linkedTickets += 1 }
            guard let context = draft.context, !findings.isEmpty else { return }
            plan(ticket, findings, context: context, into: &draft)
        case .customer, .contact, .asset:
            return
        }
    }

    /// The operations for one snapshot ticket's findings, in plan order.
    private func plan(_ ticket: SnapshotTicket, _ findings: [DriftFinding], context: Context, into draft: inout Draft) {
        var buckets: [[(order: Int, operation: PlanOperation)]] = Array(repeating: [], count: 4)
        if draft.duplicates == nil, allowed.contains(.createTickets),
            findings.contains(where: { $0.code == .ticketNotCreated && $0.gate == .optIn })
        {
            draft.duplicates = PossibleDuplicates(engine.syncro)
        }
        for finding in findings {
            let decision = decide(
                finding, ticket: ticket, context: context, relationship: draft.relationship,
                duplicates: draft.duplicates)
            switch decision {
            case .operation(let operation):
                if let problem = WriteAllowlist.violation(
                    method: operation.method, path: operation.path, body: operation.body)
                {
                    draft.notes[finding] = "not planned: \(problem)"
                    continue
                }
                draft.planned.insert(finding)
                switch finding.code {
                case .ticketNotCreated: draft.creations.append((finding, operation))
                case .ticketField: buckets[0].append((buckets[0].count, operation))
                case .ticketTagsMissing: buckets[1].append((0, operation))
                case .ticketAssetsMissing: buckets[2].append((0, operation))
                default:
                    let index = ticket.comments.firstIndex { $0.partnerCommentID == finding.partnerID }
                    buckets[3].append((index ?? ticket.comments.count, operation))
                }
            case .reportOnly(let note):
                draft.notes[finding] = note
            case .none:
                continue
            }
        }
        let operations = buckets.flatMap { bucket in
            bucket.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }
                .map(\.element.operation)
        }
        if let ticketID = ticket.syncroTicketID, !operations.isEmpty {
            draft.updates.append((ticketID, operations))
        }
    }

    /// The plan from what was gathered, or none when the report aborts planning or the header was never read.
    private func finish(_ draft: Draft, report: DriftReport, createdAt: Date) -> Outcome {
        guard !report.isAborted, let context = draft.context, let snapshotID = report.snapshotID else {
            return Outcome(report: report, plan: nil)
        }
        var draft = draft
        let warnings = limitCreations(&draft)
        let updates = draft.updates.enumerated().sorted {
            ($0.element.ticketID, $0.offset) < ($1.element.ticketID, $1.offset)
        }
        let operations = updates.flatMap(\.element.operations) + draft.creations.map(\.operation)
        let findings = report.findings.filter { !draft.planned.contains($0) }.map { finding in
            guard let note = draft.notes[finding], case .object(var object) = finding.json else { return finding.json }
            object.appendUnchecked("plan_note", .string(note))
            return JSONValue.object(object)
        }
        let plan = ReconciliationPlan(
            createdAt: createdAt, maxAgeSeconds: maxAgeSeconds, snapshotID: snapshotID,
            syncroSubdomain: context.subdomain, relationshipID: context.relationshipID,
            allowed: allowed.sorted().map(\.rawValue), linkedTickets: draft.linkedTickets,
            estimate: .forOperations(operations.count, rateLimitPerMinute: rateLimitPerMinute),
            operations: operations, findings: findings, warnings: warnings)
        return Outcome(report: report, plan: plan)
    }

    // MARK: - Creation limits

    /// Keeps the creations the suspicious-snapshot rule and `maxCreates` allow, turning the others into
    /// report-only findings with a note; returns the warnings for the plan (the suspicious-snapshot sentence).
    private func limitCreations(_ draft: inout Draft) -> [String] {
        var warnings: [String] = []
        if let sentence = suspiciousSnapshot(draft) {
            let unlocked = allowed.contains(.createTickets) && maxCreates != nil
            warnings.append(
                sentence
                    + (unlocked
                        ? " Creations were planned because --allow create-tickets and --max-creates were given."
                        : " No ticket creation was planned; give --allow create-tickets and --max-creates N to "
                            + "plan them anyway."))
            if !unlocked {
                drop(&draft, from: 0, note: "not planned: suspicious snapshot (see the plan's warning)")
            }
        }
        if let maxCreates, draft.creations.count > maxCreates {
            drop(&draft, from: maxCreates, note: "not planned: --max-creates \(maxCreates) reached")
        }
        return warnings
    }

    /// Leaves the creations from `index` on out of the plan, their findings report-only with `note`.
    private func drop(_ draft: inout Draft, from index: Int, note: String) {
        guard index < draft.creations.count else { return }
        for (finding, _) in draft.creations[index...] {
            draft.planned.remove(finding)
            draft.notes[finding] = note
        }
        draft.creations.removeSubrange(index...)
    }

    /// The sentence saying the snapshot is suspicious, or nil: more than `suspiciousCreationShare` of its tickets
    /// would be created while Syncro has tickets whose `user_id` is the relationship's integration user.
    private func suspiciousSnapshot(_ draft: Draft) -> String? {
        guard draft.wouldCreate > 0, draft.ticketCount > 0,
            Double(draft.wouldCreate) > Double(draft.ticketCount) * Self.suspiciousCreationShare,
            let userID = draft.relationship?.integrationUserID
        else { return nil }
        let syncro = engine.syncro
        let byIntegration = syncro.tickets.ids.count { syncro.tickets[$0]?["user_id"]?.intValue == userID }
        guard byIntegration > 0 else { return nil }
        let percent = Int((Double(draft.wouldCreate) * 100 / Double(draft.ticketCount)).rounded())
        let tickets = byIntegration == 1 ? "1 ticket" : "\(byIntegration) tickets"
        return "Suspicious snapshot: \(draft.wouldCreate) of its \(draft.ticketCount) tickets (\(percent) %) would be "
            + "created although Syncro already has \(tickets) by the integration user \(userID), so Support Fusion "
            + "may have lost its links and creating them may duplicate tickets."
    }
}
