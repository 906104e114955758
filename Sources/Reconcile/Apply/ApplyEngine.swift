import Foundation
import RecordFormats
import SyncroAPI

/// Runs a reconciliation plan against Syncro under the rules of `spec/reconcile-v1.md`.
///
/// Before anything else it refuses a plan whose hash no longer matches, one older than its `max_age_seconds`
/// (unless forced), one whose operations to run exceed the blast-radius caps (`BlastRadiusCaps`), and one for
/// another account. Operations are grouped by ticket: one ticket's operations run in plan order, different
/// tickets concurrently, at most `batchSize` operations in flight, all through the one
/// client and its rate limiter. Each operation re-reads its ticket (`Precondition`), records its intent in the
/// journal before the write and its outcome after it, and never re-sends a POST whose outcome is unknown
/// without first looking for what it may have created. A dry run walks the same path, reads included, and sends
/// and records nothing. Circuit breakers (`ApplyLedger`) stop launching work on a 401, on repeated server
/// trouble and on too many conflicts; the journal stays intact and a rerun continues.
package struct ApplyEngine: Sendable {
    package let plan: ReconciliationPlan
    package let planPath: String
    package let client: SyncroClient
    /// Opens the journal once the plan is accepted, so a refused plan leaves no journal file behind. Returns nil
    /// only in a dry run without an existing journal.
    private let openJournal: @Sendable () throws(ApplyError) -> ApplyJournal?
    package let options: ApplyOptions
    package let onEvent: @Sendable (ApplyEvent) -> Void

    package init(
        plan: ReconciliationPlan, planPath: String, client: SyncroClient, journal: ApplyJournal?,
        options: ApplyOptions = ApplyOptions(), onEvent: @escaping @Sendable (ApplyEvent) -> Void = { _ in }
    ) {
        self.init(
            plan: plan, planPath: planPath, client: client, openingJournal: { journal }, options: options,
            onEvent: onEvent)
    }

    /// An engine that opens (and so creates) its journal only after the plan passed every refusal check.
    package init(
        plan: ReconciliationPlan, planPath: String, client: SyncroClient,
        openingJournal: @escaping @Sendable () throws(ApplyError) -> ApplyJournal?,
        options: ApplyOptions = ApplyOptions(), onEvent: @escaping @Sendable (ApplyEvent) -> Void = { _ in }
    ) {
        self.plan = plan
        self.planPath = planPath
        self.client = client
        self.openJournal = openingJournal
        self.options = options
        self.onEvent = onEvent
    }

    /// Checks the plan, then runs it. Throws `ApplyError` for a refused plan or an unusable journal, and
    /// `SyncroAPIError` when the account cannot be identified; a circuit breaker ends in `ApplySummary.stopped`.
    package func run() async throws -> ApplySummary {
        let started = Date()
        let requestsBefore = client.statistics.snapshot.requests
        try checkPlan()
        try await checkAccount()
        let journal = try openJournal()
        let entries = try journal?.entries() ?? [:]
        let ledger = ApplyLedger(options: options, operationCount: plan.operations.count, journal: entries)
        let runner = OperationRunner(
            plan: plan, client: client, journal: options.dryRun ? nil : journal, entries: entries, options: options,
            ledger: ledger, onEvent: onEvent)

        let groups = Self.groups(plan.operations)
        let window = max(1, options.batchSize)
        await withTaskGroup(of: Void.self) { group in
            var running = 0
            for operations in groups {
                if running >= window {
                    await group.next()
                    running -= 1
                }
                group.addTask { await runner.run(operations) }
                running += 1
            }
        }
        return await ledger.finish(
            requests: client.statistics.snapshot.requests - requestsBefore, seconds: Date().timeIntervalSince(started))
    }

    /// The operations grouped by ticket (creations each on their own), groups in order of first appearance.
    package static func groups(_ operations: [PlanOperation]) -> [[PlanOperation]] {
        var order: [String] = []
        var byKey: [String: [PlanOperation]] = [:]
        for operation in operations {
            let key = operation.ticketID.map { "ticket:\($0)" } ?? "op:\(operation.opKey)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(operation)
        }
        return order.compactMap { byKey[$0] }
    }

    /// The plan's own checks: intact hash, approvals that name review operations, age, blast-radius caps.
    func checkPlan() throws(ApplyError) {
        guard plan.isIntact else { throw .planEdited(path: planPath) }
        if case .keys(let keys) = options.approval {
            let reviewKeys = Set(plan.operations(.review).map(\.opKey))
            if let unknown = keys.sorted().first(where: { !reviewKeys.contains($0) }) {
                throw .unknownApproval(unknown)
            }
        }
        let age = plan.age(at: options.now())
        if age > Double(plan.maxAgeSeconds), !options.force {
            throw .planTooOld(ageSeconds: Int(age), maxAgeSeconds: plan.maxAgeSeconds)
        }
        let radius = Self.blastRadius(of: plan, approval: options.approval)
        if let reason = options.caps.refusal(radius, linkedTickets: plan.linkedTickets) {
            throw .aboveCaps(
                reason: reason, options: options.caps.neededOptions(for: radius, linkedTickets: plan.linkedTickets))
        }
    }

    /// What the operations that would run touch: every `auto` and `opt-in` operation and the approved `review`
    /// ones, whatever the journal or Syncro says is already done (the caps are checked before any request).
    package static func blastRadius(of plan: ReconciliationPlan, approval: ApplyOptions.Approval) -> BlastRadius {
        BlastRadius(operations: plan.operations.lazy.filter { $0.gate != .review || approval.approves($0.opKey) })
    }

    /// The token's account must be the plan's: `GET /me`, else the configured subdomain.
    func checkAccount() async throws {
        let account: String?
        do {
            account = try await client.me().subdomain
        } catch let error as SyncroAPIError where error.kind == .permissionDenied || error.kind == .notFound {
            account = client.endpoint.subdomain
        }
        guard let account else {
            throw ApplyError.foreignSubdomain(
                plan: plan.syncroSubdomain, account: "an account that cannot be identified")
        }
        guard account.lowercased() == plan.syncroSubdomain.lowercased() else {
            throw ApplyError.foreignSubdomain(plan: plan.syncroSubdomain, account: account)
        }
    }
}
