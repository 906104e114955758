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

    package init(
        engine: DriftEngine, allowed: Set<PlanOptIn> = [], rateLimitPerMinute: Int = 180,
        maxAgeSeconds: Int = ReconciliationPlan.defaultMaxAge
    ) {
        self.engine = engine
        self.allowed = allowed
        self.rateLimitPerMinute = rateLimitPerMinute
        self.maxAgeSeconds = maxAgeSeconds
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
        var creations: [PlanOperation] = []
        /// Findings that became an operation; the others stay report-only.
        var planned = Set<DriftFinding>()
        /// Why a finding that could have been written was not (an opt-in not given, no comment body, ...).
        var notes: [DriftFinding: String] = [:]
    }

    /// What every operation key and marker depends on.
    typealias Context = PlanOperation.KeyScope

    private func observe(_ element: SnapshotElement, _ findings: [DriftFinding], into draft: inout Draft) {
        switch element {
        case .header(_, let relationship):
            draft.context = Context(
                relationshipID: relationship.relationshipID,
                subdomain: engine.syncro.subdomain ?? relationship.syncroSubdomain)
        case .ticket(let ticket):
            guard let context = draft.context, !findings.isEmpty else { return }
            plan(ticket, findings, context: context, into: &draft)
        case .customer, .contact, .asset:
            return
        }
    }

    /// The operations for one snapshot ticket's findings, in plan order.
    private func plan(_ ticket: SnapshotTicket, _ findings: [DriftFinding], context: Context, into draft: inout Draft) {
        var buckets: [[(order: Int, operation: PlanOperation)]] = Array(repeating: [], count: 4)
        for finding in findings {
            switch decide(finding, ticket: ticket, context: context) {
            case .operation(let operation):
                if let problem = WriteAllowlist.violation(
                    method: operation.method, path: operation.path, body: operation.body)
                {
                    draft.notes[finding] = "not planned: \(problem)"
                    continue
                }
                draft.planned.insert(finding)
                switch finding.code {
                case .ticketNotCreated: draft.creations.append(operation)
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
        let updates = draft.updates.enumerated().sorted {
            ($0.element.ticketID, $0.offset) < ($1.element.ticketID, $1.offset)
        }
        let operations = updates.flatMap(\.element.operations) + draft.creations
        let findings = report.findings.filter { !draft.planned.contains($0) }.map { finding in
            guard let note = draft.notes[finding], case .object(var object) = finding.json else { return finding.json }
            object.appendUnchecked("plan_note", .string(note))
            return JSONValue.object(object)
        }
        let plan = ReconciliationPlan(
            createdAt: createdAt, maxAgeSeconds: maxAgeSeconds, snapshotID: snapshotID,
            syncroSubdomain: context.subdomain, relationshipID: context.relationshipID,
            allowed: allowed.sorted().map(\.rawValue),
            estimate: .forOperations(operations.count, rateLimitPerMinute: rateLimitPerMinute),
            operations: operations, findings: findings)
        return Outcome(report: report, plan: plan)
    }
}
