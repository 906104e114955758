import Foundation
import RecordFormats
import SyncroAPI

/// Runs the operations of one ticket, in order: re-read, decide, journal, write, journal.
struct OperationRunner: Sendable {
    let plan: ReconciliationPlan
    let client: SyncroClient
    /// Nil in a dry run: nothing is recorded.
    let journal: ApplyJournal?
    let entries: [String: JournalEntry]
    let options: ApplyOptions
    let ledger: ApplyLedger
    let onEvent: @Sendable (ApplyEvent) -> Void

    func run(_ operations: [PlanOperation]) async {
        for operation in operations {
            if await ledger.stopped != nil {
                await finish(operation, .notRun, detail: "a circuit breaker stopped the run")
                continue
            }
            do {
                try await run(operation)
            } catch let error as ApplyError {
                await ledger.stop(error)
                await finish(operation, .failed, detail: error.errorDescription)
            } catch {
                await finish(operation, .failed, detail: "\(error)")
            }
        }
    }

    private func run(_ operation: PlanOperation) async throws {
        if let entry = entries[operation.opKey], entry.state.isDone {
            await finish(operation, .alreadyApplied, detail: "done in an earlier run (\(entry.state.rawValue))")
            return
        }
        if operation.echoRisk, !options.acceptEcho {
            let reason =
                "refused: a restored comment that Support Fusion may copy back to the partner as a new one "
                + "(echo risk); run with --accept-echo to post it"
            await record(operation, .refused, detail: reason)
            await finish(operation, .refused, detail: reason)
            return
        }
        if operation.gate == .review, !options.approval.approves(operation.opKey) {
            await record(operation, .skippedReview, detail: "needs --approve \(operation.opKey)")
            await finish(operation, .skippedReview, detail: "needs approval: --approve \(operation.opKey)")
            return
        }
        let decision: PreconditionResult
        let seen: String?
        do {
            (decision, seen) = try await check(operation)
        } catch let error as SyncroAPIError {
            let detail = error.errorDescription ?? "\(error)"
            let unauthorized = error.kind == .unauthorized || error.kind == .permissionDenied
            await record(operation, .failed, status: error.status, detail: "re-read failed: \(detail)")
            await finish(
                operation, .failed, detail: "could not re-read: \(detail)", unauthorized: unauthorized,
                serverTrouble: Self.isServerTrouble(error))
            return
        }
        switch decision {
        case .alreadyApplied(let id):
            // When an earlier write of ours was left uncertain, the ticket's updated_at is now (also) ours: keep it,
            // so the ticket's next operations do not take our own write for someone else's.
            var keptUpdatedAt: String?
            if let ticketID = operation.ticketID, await ledger.ownWrites(on: ticketID).uncertain {
                await ledger.wrote(ticketID: ticketID, updatedAt: seen)
                keptUpdatedAt = seen
            }
            await record(operation, .alreadyApplied, syncroID: id, ticketUpdatedAt: keptUpdatedAt)
            await finish(operation, .alreadyApplied, detail: "Syncro already holds it")
        case .conflict(let reason):
            await record(operation, .conflict, detail: reason)
            await finish(operation, .conflict, detail: reason)
        case .proceed:
            try await write(operation)
        }
    }

    // MARK: - Preconditions

    /// The decision, and the ticket's `updated_at` as just read (nil for a creation).
    private func check(_ operation: PlanOperation) async throws -> (PreconditionResult, String?) {
        switch operation.kind {
        case .updateTicket, .addComment:
            guard let ticketID = operation.ticketID else { return (.conflict("the operation names no ticket"), nil) }
            let ticket = try await client.ticket(id: ticketID).json
            let own = await ledger.ownWrites(on: ticketID)
            let seen = ticket["updated_at"]?.stringValue
            if operation.kind == .updateTicket {
                return (Precondition.evaluateUpdate(operation, ticket: ticket, ownWrites: own), seen)
            }
            let comments = (ticket["comments"]?.arrayValue ?? []).compactMap(\.objectValue)
            return (Precondition.evaluateComment(operation, ticket: ticket, comments: comments, ownWrites: own), seen)
        case .createTicket:
            return (.proceed(ifAbsent: try await createdTicket(operation)), nil)
        }
    }

    /// The Syncro ticket an earlier run created for this operation: a ticket of the same customer whose first
    /// comment carries the operation's marker (list rows carry exactly the first comment).
    private func createdTicket(_ operation: PlanOperation) async throws -> Int? {
        guard let customerID = operation.body["customer_id"]?.intValue else { return nil }
        for try await page in client.tickets(TicketFilter(customerID: customerID)) {
            for ticket in page.records {
                guard let first = ticket.comments.first?.json["body"]?.stringValue,
                    ReferenceMarker.find(in: first)?.opKey == operation.opKey
                else { continue }
                return ticket.id
            }
        }
        return nil
    }

    // MARK: - The write

    private func write(_ operation: PlanOperation) async throws {
        let requestText = "\(operation.method) \(operation.path) \(JSONValue.object(operation.body).serialized())"
        if options.dryRun {
            await finish(operation, .applied, request: requestText, detail: "not sent (dry run)")
            return
        }
        await record(operation, .sent)
        await ledger.sentWrite()
        let response: JSONValue
        do {
            response =
                operation.method == "PUT"
                ? try await client.put(operation.path, body: .object(operation.body))
                : try await client.post(operation.path, body: .object(operation.body))
        } catch let error as SyncroAPIError {
            let detail = error.errorDescription ?? "\(error)"
            if Self.mayHaveHappened(error) {
                await ledger.wroteUncertainly(ticketID: operation.ticketID)
                await record(operation, .unknown, status: error.status, detail: detail)
                await finish(operation, .unknown, request: requestText, detail: detail, serverTrouble: true)
            } else {
                let unauthorized = error.kind == .unauthorized || error.kind == .permissionDenied
                await record(operation, .failed, status: error.status, detail: detail)
                await finish(
                    operation, .failed, request: requestText, detail: detail, unauthorized: unauthorized,
                    serverTrouble: Self.isServerTrouble(error))
            }
            return
        }
        let key = operation.kind == .addComment ? "comment" : "ticket"
        let record = response.objectValue?[key]?.objectValue ?? response.objectValue
        guard let id = record?["id"]?.intValue else {
            await ledger.wroteUncertainly(ticketID: operation.ticketID)
            let detail = "the answer has no \(key) id, so whether it was written is unknown"
            await self.record(operation, .unknown, status: 200, detail: detail)
            await finish(operation, .unknown, request: requestText, detail: detail, serverTrouble: true)
            return
        }
        let updatedAt = record?["updated_at"]?.stringValue ?? record?["created_at"]?.stringValue
        if let ticketID = operation.ticketID { await ledger.wrote(ticketID: ticketID, updatedAt: updatedAt) }
        await self.record(operation, .applied, status: 200, syncroID: id, ticketUpdatedAt: updatedAt)
        await finish(operation, .applied, request: requestText, detail: "\(key) \(id)")
    }

    /// Whether a failed write may still have reached Syncro.
    static func mayHaveHappened(_ error: SyncroAPIError) -> Bool {
        switch error.kind {
        case .outcomeUnknown, .serverError, .connectionLost, .gatewayTimeout, .unexpectedResponse, .responseTooLarge:
            true
        default:
            false
        }
    }

    static func isServerTrouble(_ error: SyncroAPIError) -> Bool {
        mayHaveHappened(error) || error.kind == .unreachable
    }

    // MARK: - Journal and events

    private func record(
        _ operation: PlanOperation, _ state: JournalState, status: Int? = nil, syncroID: Int? = nil,
        ticketUpdatedAt: String? = nil, detail: String? = nil
    ) async {
        guard let journal else { return }
        let entry = JournalEntry(
            opKey: operation.opKey, ticketID: operation.ticketID, state: state, httpStatus: status, syncroID: syncroID,
            ticketUpdatedAt: ticketUpdatedAt, detail: detail, planHash: plan.hash, at: Timestamp.format(Date()))
        do {
            try await journal.record(entry)
        } catch {
            // A journal that cannot be written must stop every further write.
            await ledger.stop(error)
        }
    }

    private func finish(
        _ operation: PlanOperation, _ outcome: ApplyOutcome, request: String? = nil, detail: String? = nil,
        unauthorized: Bool = false, serverTrouble: Bool = false
    ) async {
        await ledger.note(outcome, serverTrouble: serverTrouble, unauthorized: unauthorized, detail: detail)
        onEvent(ApplyEvent(opKey: operation.opKey, outcome: outcome, request: request, detail: detail))
    }
}

extension PreconditionResult {
    /// `proceed` when nothing was found, else `alreadyApplied` with what was found.
    static func proceed(ifAbsent found: Int?) -> PreconditionResult {
        found.map { .alreadyApplied(syncroID: $0) } ?? .proceed
    }
}
