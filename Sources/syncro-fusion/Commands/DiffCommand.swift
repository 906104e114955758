import ArgumentParser
import Foundation
import Reconcile
import RecordFormats
import SyncroAPI
import SyncroExport

/// `syncro-fusion diff`: drift between Syncro and a Support Fusion snapshot, or between two exports.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report drift between Syncro and a Support Fusion snapshot, or what changed between two exports.",
        discussion: """
            diff --snapshot PATH [--export DIR | --mirror FILE]: every drift finding with its code (reconcile-v1). \
            Without either the live account is read first (into a temporary mirror). Ticket list rows carry no asset \
            links: without the details, those of the tickets whose snapshot expectations manage asset links are \
            read (one request each, and a line says how many). Exit 0 no drift, 2 drift found, 4 snapshot invalid \
            or for another account, 1 other errors.
            diff --base DIR --current DIR: added, removed and changed records per entity between two exports.

            EXAMPLES:
              syncro-fusion diff --subdomain acme --snapshot snapshot.json
              syncro-fusion diff --snapshot snapshot.json --export exports/full
              syncro-fusion diff --snapshot snapshot.json --mirror ~/syncro/acme.mirror
              syncro-fusion diff --snapshot snapshot.xml --export exports/full \\
                  --report json --output drift.json
              syncro-fusion diff --snapshot snapshot-csv --export exports/full \\
                  --report csv --include-bodies
              syncro-fusion diff --base exports/monday --current exports/tuesday
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "The Support Fusion snapshot: a .json or .xml file, or a CSV directory.")
    var snapshot: String?

    @Option(help: "Compare with this export directory instead of the live account.")
    var export: String?

    @Option(
        help: "Take the Syncro side from this mirror (sync --mirror) instead of the live account: no token needed.")
    var mirror: String?

    @Flag(help: "With --mirror: bring the mirror up to date first (an incremental sync).")
    var refresh = false

    @Option(help: "Report format: text, json or csv.")
    var report: DriftReportFormat = .text

    @Option(name: .customLong("output"), help: "Write the report to this file (atomically) instead of stdout.")
    var outputFile: String?

    @Flag(help: "Show comment bodies in findings (by default only their SHA-256 appears).")
    var includeBodies = false

    @Option(help: "The earlier export directory (with --current).")
    var base: String?

    @Option(help: "The later export directory (with --base).")
    var current: String?

    func validate() throws {
        switch (snapshot, base, current) {
        case (.some, nil, nil): break
        case (nil, .some, .some):
            if export != nil { throw ValidationError("--export goes with --snapshot, not --base.") }
        case (nil, .some, nil), (nil, nil, .some): throw ValidationError("--base and --current go together.")
        default: throw ValidationError("Give --snapshot PATH, or --base DIR --current DIR.")
        }
        if mirror != nil, export != nil { throw ValidationError("Give --export or --mirror, not both.") }
        if refresh, mirror == nil { throw ValidationError("--refresh brings a mirror up to date: give --mirror FILE.") }
    }

    func run() async throws {
        do {
            if let base, let current {
                let progress = ProgressLine(output: output)
                defer { progress.clear() }
                let diff = try ExportDiff.compare(base: base, current: current) { progress.show($0) }
                progress.clear()
                try emit(report == .json ? diff.jsonText : diff.text())
                if diff.hasChanges { throw ExitCode(2) }
                return
            }
            guard let snapshot else { return }
            try SnapshotPathMissing.check(snapshot)
            let options = DriftOptions(includeBodies: includeBodies)
            let progress = ProgressLine(output: output)
            defer { progress.clear() }
            let side: SyncroSide = mirror.map { .mirror($0, refresh: refresh) } ?? export.map { .export($0) } ?? .live
            let engine = try await connection.driftEngine(
                side, snapshot: snapshot, command: "diff", output: output, options: options, progress: progress)
            let result = engine.report(snapshotAt: snapshot) { progress.show($0, command: "diff") }
            progress.clear()
            try engine.verifyExportUnchanged()
            try emit(result.rendered(as: report))
            if result.isAborted { throw ExitCode(4) }
            if result.hasDrift { throw ExitCode(2) }
        } catch {
            throw CommandFailure.report(error)
        }
    }

    private func emit(_ text: String) throws {
        guard let path = outputFile else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try AtomicFileWriter.write(text, to: path)
    }
}

extension DriftReportFormat: ExpressibleByArgument {}
