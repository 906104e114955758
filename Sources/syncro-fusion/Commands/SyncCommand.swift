import ArgumentParser
import Foundation
import SyncroAPI
import SyncroCatalog
import SyncroExport

/// `syncro-fusion sync --mirror FILE`: the local SQLite mirror of the account, brought up to date.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Keep a local SQLite mirror of the account: resumable, budgeted, incremental.",
        discussion: """
            The first run reads the whole account into FILE, committing every page as it arrives: killed, or \
            stopped by --max-requests or --max-duration (exit 3), it continues where it stopped when run again. \
            Once a pass is complete, each run fetches only what changed: tickets and invoices updated since the \
            watermark (minus an hour), the comments of those tickets, and the entities without such a filter in \
            full, writing a record only when its content changed. --full-scan (and by itself every 7 days) lists \
            every ticket as well, and marks tickets gone from Syncro as deleted (they stay in the mirror, with the \
            time they were seen gone, and leave every export).

            Comments are read in bulk through GET /ticket_comments (100 a request across tickets) where the account \
            offers it, probed once per pass; where it answers 404 each changed ticket's comments are read instead \
            (one request per ticket), and the sync says so. --details all also reads each changed ticket's detail \
            (asset links, attachments, worksheets: one request per ticket); none, the default, keeps the list rows.

            export --mirror FILE then writes every format from the mirror with no request and no token.

            EXAMPLES:
              syncro-fusion sync --subdomain acme --mirror ~/syncro/acme.mirror
              # a first sync of a large account spread over nights, 9,000 requests (50 minutes) at a time
              syncro-fusion sync --subdomain acme --mirror ~/syncro/acme.mirror --max-requests 9000
              syncro-fusion sync --subdomain acme --mirror ~/syncro/acme.mirror --full-scan --quiet
              syncro-fusion sync --subdomain acme --mirror ~/syncro/acme.mirror --details all --max-duration 2h
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The mirror file (SQLite), created by the first run.")
    var mirror: String

    @Option(help: "Comma-separated entities, or all (default: the eight an export writes by default).")
    var entities: String?

    @Option(name: .customLong("max-requests"), help: "Stop cleanly after this many requests (exit 3).")
    var maxRequests: Int?

    @Option(name: .customLong("max-duration"), help: "Stop cleanly after this long: 90s, 30m, 2h (exit 3).")
    var maxDuration: String?

    @Flag(name: .customLong("full-scan"), help: "List every ticket too, and mark those gone from Syncro deleted.")
    var fullScan = false

    @Option(help: "Ticket details: none (list rows only) or all (one request per changed ticket).")
    var details: DetailsMode = .none

    func validate() throws {
        if let entities {
            do { _ = try ExportEntity.parseList(entities) } catch {
                throw ValidationError(error.errorDescription ?? "\(error)")
            }
        }
        if let maxRequests, maxRequests < 1 { throw ValidationError("--max-requests must be at least 1.") }
        if let maxDuration, Self.duration(maxDuration) == nil {
            throw ValidationError("--max-duration \"\(maxDuration)\" is not a duration: use 90s, 30m or 2h.")
        }
    }

    /// `90s`, `30m`, `2h`, or plain seconds.
    static func duration(_ text: String) -> Duration? {
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600]
        var digits = Substring(text)
        var unit: Int64 = 1
        if let last = text.last, let factor = units[last] {
            digits = text.dropLast()
            unit = factor
        }
        guard let value = Int64(digits), value > 0 else { return nil }
        return .seconds(value * unit)
    }

    func run() async throws {
        let logger = output.logger()
        var options = MirrorOptions()
        if let entities { options.entities = try ExportEntity.parseList(entities) }
        options.maxRequests = maxRequests
        options.maxDuration = maxDuration.flatMap(Self.duration)
        options.fullScan = fullScan
        options.details = details
        let store: StagingStore
        let client: SyncroClient
        do {
            // The settings first: a missing token creates no mirror file.
            client = connection.client(
                endpoint: try connection.endpoint(), token: try connection.token(logger: logger), logger: logger)
            store = try StagingStore.openMirror(path: mirror)
        } catch {
            throw CommandFailure.report(error)
        }
        defer { store.close() }
        let report: MirrorReport
        let progress = ProgressLine(output: output)
        let limiter = client.limiter
        do {
            report = try await MirrorSync(client: client, store: store, options: options, logger: logger) {
                progress.show($0, limiter: limiter)
            }.run()
            progress.clear()
            try? await client.shutdown()
        } catch {
            progress.clear()
            try? await client.shutdown()
            throw CommandFailure.report(error)
        }
        print(Self.summary(report, mirror: mirror))
        if let stop = report.stoppedBy {
            CommandFailure.printError(MirrorError.budgetReached(stop).errorDescription ?? stop)
            throw ExitCode(3)
        }
    }

    /// One line: what the pass did and where the comments came from.
    static func summary(_ report: MirrorReport, mirror: String) -> String {
        func list(_ counts: [ExportEntity: Int]) -> String {
            counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        }
        var line = "synced \(mirror): \(report.kind) pass"
        line += report.complete ? " complete" : " stopped (run again to continue)"
        if report.resumed { line += ", continued from an earlier run" }
        line += "; \(report.requests) requests"
        line += report.changed.isEmpty ? "; nothing changed" : "; written: \(list(report.changed))"
        if !report.deleted.isEmpty { line += "; marked deleted: \(list(report.deleted))" }
        switch report.comments {
        case "bulk"?: line += "; comments in bulk (GET /ticket_comments)"
        case "per-ticket"?: line += "; comments per ticket (the account has no GET /ticket_comments)"
        case "details"?: line += "; comments from the ticket details"
        default: break
        }
        return line
    }
}

extension DetailsMode: ExpressibleByArgument {}
