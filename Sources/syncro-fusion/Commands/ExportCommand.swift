import ArgumentParser
import Foundation
import RecordFormats
import SyncroAPI
import SyncroCatalog
import SyncroExport

/// `syncro-fusion export`: every entity to CSV, JSON, JSON Lines or XML, full or incremental.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export tickets, comments, customers and the rest of the account (--entities all) to files.",
        discussion: """
            Writes one file per entity into --out plus manifest.json. Files appear only when complete; a failed or \
            killed export leaves no file under a final name, only its staging mirror (.syncro-fusion-export.sqlite), \
            so the same command run again continues where it stopped. --state FILE makes the export incremental: it \
            exports only what changed since the last successful run and moves the watermark only after success.

            EXAMPLES:
              syncro-fusion export --subdomain acme --out exports/full
              syncro-fusion export --subdomain acme --out exports/json --format jsonl
              # a migration: every record of the account, billing and service records included
              syncro-fusion export --subdomain acme --out exports/everything --entities all
              # from the local mirror (sync --mirror): no request, no token
              syncro-fusion export --mirror ~/syncro/acme.mirror --out exports/today --format jsonl
              syncro-fusion export --subdomain acme --out exports/excel \\
                  --entities tickets,comments --csv-profile excel
              syncro-fusion export --subdomain acme --out exports/recent \\
                  --since 2026-11-28 --comments first
              # nightly from cron: only what changed since the last run
              syncro-fusion export --subdomain acme --out /srv/syncro/nightly \\
                  --state /srv/syncro/export-state.sqlite --quiet
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The directory to write into (created if missing).")
    var out: String

    @Option(help: "Write the files from this mirror (made by sync --mirror): no request, no token.")
    var mirror: String?

    @Option(help: "File format: csv, json, jsonl or xml.")
    var format: ExportFormat = .csv

    @Option(
        help: ArgumentHelp(
            "Comma-separated entities, or all (default: tickets,comments,customers,contacts,assets,tags,users,products).",
            discussion: "all adds invoices, invoice_line_items, estimates, estimate_line_items, payments, "
                + "ticket_timers, timelogs, appointments, contracts, leads, vendors, purchase_orders, parts_orders, "
                + "portal_users, rmm_alerts and wiki_pages; check --entities says which this token can read."
        )
    )
    var entities: String?

    @Option(help: "Only records updated after this time (2026-11-28 or 2026-11-28T23:00:00Z).")
    var since: String?

    @Option(help: "Incremental state file (SQLite); exports only what changed since the last successful run.")
    var state: String?

    @Option(
        help: ArgumentHelp(
            "Comments: all (in bulk, or per ticket where the account lacks GET /ticket_comments), first (from the list), none."
        ))
    var comments: CommentsMode = .all

    @Option(
        help: ArgumentHelp(
            "Ticket details: none, or all (one request per ticket: asset links, attachments, worksheets).",
            discussion: "The same option and default as sync; diff and plan fetch the details they need themselves."
        ))
    var details: DetailsMode = .none

    @Option(name: .customLong("csv-profile"), help: "CSV dialect: standard, or excel (BOM, CRLF, formula-safe cells).")
    var csvProfile: CSVProfileName = .standard

    enum CSVProfileName: String, ExpressibleByArgument, CaseIterable { case standard, excel }

    func validate() throws {
        if since != nil, state != nil { throw ValidationError("Give --since or --state, not both.") }
        if mirror != nil, since != nil || state != nil {
            throw ValidationError(
                "--mirror exports the mirror as it stands; --since and --state are for live exports.")
        }
        if let since, Timestamp.parse(since) == nil {
            throw ValidationError("--since \"\(since)\" is not a date or time: use 2026-11-28 or 2026-11-28T23:00:00Z.")
        }
        if let entities {
            do { _ = try ExportEntity.parseList(entities) } catch {
                throw ValidationError(error.errorDescription ?? "\(error)")
            }
        }
    }

    func run() async throws {
        let logger = output.logger()
        var options = ExportOptions(outputDirectory: out)
        options.format = format
        options.comments = comments
        options.details = details
        options.excelCSV = csvProfile == .excel
        options.statePath = state
        options.since = since.flatMap(Timestamp.parse)
        if let entities { options.entities = try ExportEntity.parseList(entities) }
        if let mirror {
            do {
                let manifest = try MirrorExport.run(mirror: mirror, options: options)
                print(ExportSummary.line(manifest, directory: out))
                return
            } catch {
                throw CommandFailure.report(error)
            }
        }
        let client: SyncroClient
        do {
            client = connection.client(
                endpoint: try connection.endpoint(), token: try connection.token(logger: logger), logger: logger)
        } catch {
            throw CommandFailure.report(error)
        }
        let progress = ProgressLine(output: output)
        let limiter = client.limiter
        do {
            let manifest = try await Exporter(client: client, options: options, logger: logger) {
                progress.show($0, limiter: limiter)
            }
            .run()
            progress.clear()
            try? await client.shutdown()
            for warning in manifest.warnings { logger.warning("\(warning)") }
            print(ExportSummary.line(manifest, directory: out))
        } catch {
            progress.clear()
            try? await client.shutdown()
            throw CommandFailure.report(error)
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
extension CommentsMode: ExpressibleByArgument {}
