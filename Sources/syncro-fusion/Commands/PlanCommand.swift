import ArgumentParser
import Foundation
import Reconcile
import RecordFormats

/// `syncro-fusion plan`: the writes that would bring Syncro back in line with a snapshot, as a reviewable plan file.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Build a reconciliation plan from a Support Fusion snapshot and print its summary.",
        discussion: """
            Compares Syncro (an export directory, or the live account when --export is absent) with the snapshot \
            and writes the corrective writes to --out (atomically): ticket field, tag and asset updates always \
            (review-gated ones marked for approval), comment posts with --allow add-comments, ticket creations \
            with --allow create-tickets (at most --max-creates N; a creation that may duplicate a Syncro ticket \
            of the same customer and subject is review-gated). A snapshot in which over 20 % of the tickets would \
            be created while Syncro has tickets by the integration user is suspicious: it is said on stderr and \
            in the summary, and no creation is planned unless both --allow create-tickets and --max-creates are \
            given. Findings that never write are kept in the plan as report-only. Prints \
            operations by kind and gate, report-only findings by code, the keys that need apply --approve, and \
            the API calls and minimum time at --rate-limit. --html writes a self-contained review page. Exit 0 \
            the plan is empty, 2 it has operations, 4 the snapshot is invalid or for another account (no plan is \
            written), 64 an unknown --allow kind, 1 other errors.

            EXAMPLES:
              syncro-fusion plan --subdomain acme --snapshot snapshot.json --out plan.json
              syncro-fusion plan --subdomain acme --snapshot snapshot.json --out plan.json \\
                  --mirror ~/syncro/acme.mirror --refresh
              syncro-fusion plan --snapshot snapshot.json --export exports/full \\
                  --out plan.json --html plan.html
              syncro-fusion plan --subdomain acme --snapshot snapshot.json \\
                  --out plan.json --allow add-comments,create-tickets --max-age 7200
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The Support Fusion snapshot: a .json or .xml file, or a CSV directory.")
    var snapshot: String

    @Option(help: "Compare with this export directory instead of the live account.")
    var export: String?

    @Option(
        help: "Take the Syncro side from this mirror (sync --mirror) instead of the live account: no token needed.")
    var mirror: String?

    @Flag(help: "With --mirror: bring the mirror up to date first (an incremental sync).")
    var refresh = false

    @Option(help: "Write the plan file here (JSON).")
    var out: String

    @Option(help: "Opt-in writes to plan: create-tickets, add-comments (comma-separated).")
    var allow: String?

    @Option(help: "Also write a self-contained HTML review page here.")
    var html: String?

    @Option(help: "Seconds after which apply refuses the plan.")
    var maxAge = ReconciliationPlan.defaultMaxAge

    @Option(
        help: ArgumentHelp(
            "Plan at most N ticket creations; with --allow create-tickets, also plans them from a suspicious "
                + "snapshot (over 20 % of its tickets to create while Syncro has integration-user tickets).",
            valueName: "n"))
    var maxCreates: Int?

    @Flag(help: "Plan even when the snapshot says Support Fusion's last run failed or was still running.")
    var ignoreLastRun = false

    func validate() throws {
        _ = try allowed()
        guard maxAge >= 1 else { throw ValidationError("--max-age must be at least 1 second.") }
        if let maxCreates, maxCreates < 0 { throw ValidationError("--max-creates must be 0 or more.") }
        if let html, html == out { throw ValidationError("--html and --out must be different files.") }
        if mirror != nil, export != nil { throw ValidationError("Give --export or --mirror, not both.") }
        if refresh, mirror == nil { throw ValidationError("--refresh brings a mirror up to date: give --mirror FILE.") }
    }

    func run() async throws {
        let progress = ProgressLine(output: output)
        defer { progress.clear() }
        do {
            try SnapshotPathMissing.check(snapshot)
            let side: SyncroSide = mirror.map { .mirror($0, refresh: refresh) } ?? export.map { .export($0) } ?? .live
            let engine = try await connection.driftEngine(
                side, snapshot: snapshot, command: "plan", output: output, options: driftOptions, progress: progress)
            let builder = PlanBuilder(
                engine: engine, allowed: try allowed(), rateLimitPerMinute: connection.rateLimit, maxAgeSeconds: maxAge,
                maxCreates: maxCreates)
            let outcome = builder.build(snapshotAt: snapshot) { progress.show($0, command: "plan") }
            progress.clear()
            try engine.verifyExportUnchanged()
            guard let plan = outcome.plan else { throw aborted(outcome.report) }
            try plan.write(to: out)
            if let html { try plan.writeHTML(to: html, planPath: out) }
            FileHandle.standardOutput.write(Data(plan.summary(path: out).utf8))
            for warning in plan.warnings { CommandFailure.printWarning(warning) }
            if !plan.operations.isEmpty { throw ExitCode(2) }
        } catch {
            throw CommandFailure.report(error)
        }
    }

    /// A snapshot taken while Support Fusion's last run failed or ran stops the plan unless --ignore-last-run.
    private var driftOptions: DriftOptions {
        DriftOptions(lastRunGate: ignoreLastRun ? .report : .abort)
    }

    /// The `--allow` kinds; an unknown one is a usage error.
    private func allowed() throws -> Set<PlanOptIn> {
        guard let allow else { return [] }
        do {
            return try PlanOptIn.parseList(allow)
        } catch {
            throw ValidationError("--allow: \(error.description).")
        }
    }

    /// No plan: prints the findings that stopped it (as `diff` would) and gives exit 4.
    private func aborted(_ report: DriftReport) -> ExitCode {
        let stops = DriftReport(
            snapshotID: report.snapshotID, generatedAt: report.generatedAt, syncroSubdomain: report.syncroSubdomain,
            findings: report.findings.filter { $0.gate == .abort })
        FileHandle.standardOutput.write(Data(stops.text.utf8))
        let reason =
            if stops.findings.contains(where: { $0.code == .snapshotSubdomain }) {
                "the snapshot belongs to another Syncro account"
            } else if stops.findings.contains(where: { $0.code == .snapshotLastRun }) {
                "Support Fusion's last run had not succeeded when the snapshot was taken (--ignore-last-run plans "
                    + "anyway)"
            } else {
                "the snapshot is invalid"
            }
        CommandFailure.printError("no plan written: \(reason); \(out) was left as it was.")
        return ExitCode(4)
    }
}
