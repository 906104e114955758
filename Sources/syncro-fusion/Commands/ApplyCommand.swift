import ArgumentParser
import Foundation
import Reconcile
import SyncroAPI

/// `syncro-fusion apply PLAN`: the plan's writes, batched, journaled and checked, or a dry run of them.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a reconciliation plan through batched, journaled API writes (or --dry-run it).",
        discussion: """
            Refuses a plan edited after planning, one for another account, and one older than its max_age (unless \
            --force). Before each write the ticket is re-read: a ticket changed since planning is skipped as a \
            conflict, a value already in place is recorded as already-applied, so running a finished plan again \
            writes nothing. Review operations run only when approved, by --approve or by an approval file from \
            syncro-fusion approve (--approval; one bound to another plan's hash is refused). Blast-radius caps: \
            before any request, apply refuses when the operations it would run (every auto and opt-in operation \
            and the approved review ones) touch more than 50 tickets or 10 % of the snapshot's linked tickets \
            (never below 10), or create more than 10; --max-tickets and --max-creates set other caps, higher or \
            lower. The journal (default: beside the plan, plan.journal) records each write before it is sent; a \
            killed run can simply be run again. Comments are always sent with do_not_email; a restored comment \
            the plan marks echo_risk is refused unless --accept-echo. A status change of a ticket now in Customer \
            Reply is a conflict (a customer message is waiting). Exit 0 all done, 3 \
            conflicts/skips/failures, 4 refused (caps, approval for another plan, ...) or stopped by a circuit \
            breaker, 1 error.

            EXAMPLES:
              syncro-fusion apply plan.json --subdomain acme --dry-run --approve all
              syncro-fusion apply plan.json --subdomain acme
              syncro-fusion apply plan.json --subdomain acme --approve OP_KEY,OP_KEY
              syncro-fusion apply plan.json --subdomain acme --approval plan.approval.json
              syncro-fusion apply plan.json --subdomain acme --max-tickets 120 --max-creates 25
              syncro-fusion apply plan.json --subdomain acme --approve all \\
                  --journal /var/lib/syncro-fusion/plan.journal --batch-size 10
              syncro-fusion apply old-plan.json --subdomain acme --force
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The plan file made by syncro-fusion plan.")
    var plan: String

    @Flag(help: "Print every request it would send; send and record nothing (the re-reads still happen).")
    var dryRun = false

    @Option(help: "Run review operations: all, or a comma-separated list of op keys.")
    var approve: String?

    @Option(
        help: ArgumentHelp(
            "Run the review operations an approval file names (written by syncro-fusion approve or the review page).",
            valueName: "file"))
    var approval: String?

    @Option(
        help: ArgumentHelp(
            "Allow the operations to run to touch up to N tickets (default: 50, and at most 10 % of the snapshot's "
                + "linked tickets, never below 10). A lower N is a stricter cap.", valueName: "n"))
    var maxTickets: Int?

    @Option(
        help: ArgumentHelp(
            "Allow the operations to run to create up to N tickets (default 10). A lower N is a stricter cap.",
            valueName: "n"))
    var maxCreates: Int?

    @Option(help: "The journal file (SQLite); default: the plan's path with .journal instead of .json.")
    var journal: String?

    @Option(help: "At most this many operations in flight at once.")
    var batchSize = 25

    @Flag(help: "Apply a plan older than its max_age.")
    var force = false

    @Flag(
        help: ArgumentHelp(
            "Also post restored comments the plan marks echo_risk (Support Fusion may copy them back to the "
                + "partner as new comments); they still need their review approval."))
    var acceptEcho = false

    func validate() throws {
        guard batchSize >= 1, batchSize <= 1000 else { throw ValidationError("--batch-size must be 1 to 1000.") }
        if let approve, approve.split(separator: ",").isEmpty {
            throw ValidationError("--approve needs all or a comma-separated list of op keys.")
        }
        if approve != nil, approval != nil {
            throw ValidationError("--approve and --approval cannot be used together; give the approval one way.")
        }
        if let maxTickets, maxTickets < 0 { throw ValidationError("--max-tickets must be 0 or more.") }
        if let maxCreates, maxCreates < 0 { throw ValidationError("--max-creates must be 0 or more.") }
    }

    func run() async throws {
        let summary: ApplySummary
        do {
            summary = try await execute()
        } catch let error as ApplyError where error.isSafetyStop {
            CommandFailure.printError(error.errorDescription ?? "\(error)")
            throw ExitCode(4)
        } catch let error as ApplyError {
            CommandFailure.printError(error.errorDescription ?? "\(error)")
            if case .unknownApproval = error { throw ExitCode(64) }
            throw ExitCode(1)
        } catch {
            throw CommandFailure.report(error)
        }
        if let stopped = summary.stopped { CommandFailure.printError(stopped.errorDescription ?? "\(stopped)") }
        let code = summary.exitCode
        if code != 0 { throw ExitCode(code) }
    }

    private func execute() async throws -> ApplySummary {
        let logger = output.logger()
        let loaded = try ReconciliationPlan.load(path: plan)
        var options = ApplyOptions()
        options.dryRun = dryRun
        options.batchSize = batchSize
        options.force = force
        options.acceptEcho = acceptEcho
        options.caps = BlastRadiusCaps(maxTickets: maxTickets, maxCreates: maxCreates)
        switch approve {
        case nil: options.approval = .none
        case "all"?: options.approval = .all
        case let list?:
            options.approval = .keys(Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        if let approval {
            // Bound to the plan's hash: an approval of another (or an earlier) plan approves nothing here.
            let file = try PlanApproval.load(path: approval)
            guard file.planHash == loaded.hash else {
                throw ApplyError.approvalForOtherPlan(approval: approval, plan: plan)
            }
            options.approval = .keys(Set(file.opKeys))
        }
        // What the operations to run touch, against the caps, before anything else (the engine refuses above them).
        let radius = ApplyEngine.blastRadius(of: loaded, approval: options.approval)
        Self.write(
            "blast radius of the operations to run: \(radius.text)\n  "
                + options.caps.verdict(
                    radius, linkedTickets: loaded.linkedTickets, subject: "the operations to run are")
                + "\n")
        let journalPath = journal ?? ApplyJournal.defaultPath(forPlan: plan)
        let client = connection.client(
            endpoint: try connection.endpoint(), token: try connection.token(logger: logger), logger: logger,
            guarding: { AllowlistTransport(base: $0) })
        // The journal is opened (created) only once the engine has accepted the plan: a refused plan leaves none.
        let engine = ApplyEngine(
            plan: loaded, planPath: plan, client: client,
            openingJournal: { [dryRun] () throws(ApplyError) -> ApplyJournal? in
                if dryRun {
                    return FileManager.default.fileExists(atPath: journalPath)
                        ? try ApplyJournal(path: journalPath, readOnly: true) : nil
                }
                return try ApplyJournal(path: journalPath)
            }, options: options, onEvent: { [dryRun] in Self.print($0, dryRun: dryRun) })
        do {
            let summary = try await engine.run()
            try? await client.shutdown()
            let mode = dryRun ? "dry run" : "apply"
            let journalNote = dryRun ? "nothing written" : "journal \(journalPath)"
            Self.write(
                "\(mode): \(summary.line) (\(summary.requests) requests, \(summary.writes) writes, "
                    + "\(String(format: "%.1f", summary.seconds)) s); \(journalNote)\n")
            return summary
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func print(_ event: ApplyEvent, dryRun: Bool) {
        var line = "\(event.outcome == .applied && dryRun ? "would apply" : event.outcome.rawValue)  \(event.opKey)"
        if let request = event.request { line += "  \(request)" }
        if let detail = event.detail, !(dryRun && event.outcome == .applied) { line += "  (\(detail))" }
        write(line + "\n")
    }

    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
