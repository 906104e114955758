import Foundation

/// The shared state of one apply run: outcomes so far, what our own writes did to each ticket, and the circuit
/// breakers.
actor ApplyLedger {
    private(set) var summary = ApplySummary()
    private(set) var stopped: ApplyError?
    private var ownWrites: [Int: Precondition.OwnWrites] = [:]
    private var consecutiveFailures = 0
    private let options: ApplyOptions
    private let operationCount: Int

    init(options: ApplyOptions, operationCount: Int, journal: [String: JournalEntry]) {
        self.options = options
        self.operationCount = operationCount
        summary.dryRun = options.dryRun
        for entry in journal.values {
            guard let ticketID = entry.ticketID else { continue }
            if entry.state.isUncertain { ownWrites[ticketID, default: .init()].uncertain = true }
            if entry.state.isDone, let time = entry.ticketUpdatedAt.flatMap(Precondition.milliseconds) {
                ownWrites[ticketID, default: .init()].updatedAts.insert(time)
            }
        }
    }

    func ownWrites(on ticketID: Int) -> Precondition.OwnWrites { ownWrites[ticketID] ?? .init() }

    /// Remembers the `updated_at` a write of ours left on a ticket.
    func wrote(ticketID: Int, updatedAt: String?) {
        guard let time = updatedAt.flatMap(Precondition.milliseconds) else { return }
        ownWrites[ticketID, default: .init()].updatedAts.insert(time)
    }

    /// Remembers that a write on a ticket may have happened unseen.
    func wroteUncertainly(ticketID: Int?) {
        guard let ticketID else { return }
        ownWrites[ticketID, default: .init()].uncertain = true
    }

    func sentWrite() { summary.writes += 1 }

    /// Counts an outcome and trips a breaker when it must. `serverTrouble` marks a 5xx, a dropped connection or
    /// a non-JSON answer; `unauthorized` a 401 or 403.
    func note(_ outcome: ApplyOutcome, serverTrouble: Bool = false, unauthorized: Bool = false, detail: String? = nil) {
        summary.counts[outcome, default: 0] += 1
        if unauthorized {
            stop(.circuitBreaker("Syncro answered 401 (\(detail ?? "the token or its permissions changed"))"))
        }
        switch outcome {
        case .applied, .alreadyApplied:
            consecutiveFailures = 0
        case .unknown,
            .failed where serverTrouble:
            consecutiveFailures += 1
            if consecutiveFailures >= options.maxConsecutiveFailures {
                stop(
                    .circuitBreaker(
                        "\(consecutiveFailures) writes in a row met server errors or unknown outcomes"
                            + (detail.map { " (last: \($0))" } ?? "")))
            }
        case .conflict:
            let conflicts = summary.count(.conflict)
            let share = Double(conflicts) / Double(max(operationCount, 1))
            if conflicts >= options.minConflictsToTrip, share > options.maxConflictShare {
                stop(
                    .circuitBreaker(
                        "\(conflicts) of \(operationCount) operations conflicted (more than "
                            + "\(Int(options.maxConflictShare * 100))%): someone else is changing these tickets"))
            }
        default:
            break
        }
    }

    func stop(_ reason: ApplyError) {
        if stopped == nil { stopped = reason }
    }

    func finish(requests: Int, seconds: Double) -> ApplySummary {
        var result = summary
        result.stopped = stopped
        result.requests = requests
        result.seconds = seconds
        return result
    }
}
