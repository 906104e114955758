import ArgumentParser
import Foundation
import Snapshot
import SyncroExport

/// `syncro-fusion convert IN OUT`: an export file or directory, or a Support Fusion snapshot, rewritten in another
/// format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert export files, or a Support Fusion snapshot, between CSV, JSON, JSON Lines and XML.",
        discussion: """
            File to file: the formats come from the extensions (.csv, .json, .jsonl, .xml) and the entity from the \
            name (tickets.csv, 2026-11-29-tickets.json). Directory to directory: every export file of IN is \
            converted into OUT in --format, with a new manifest.json. Files appear only when complete. JSON, JSON \
            Lines and XML round-trip exactly; CSV carries the documented columns.
            A Support Fusion snapshot (a .json or .xml snapshot, or a CSV snapshot directory) converts to OUT.json, \
            OUT.xml or a CSV directory OUT. The copy is read back before it appears: an invalid snapshot, or one that \
            says more than the target format can carry, is refused with its problems and nothing is written.

            EXAMPLES:
              syncro-fusion convert exports/full/tickets.csv tickets.jsonl
              syncro-fusion convert exports/json/2026-11-29-tickets.json tickets.xml
              syncro-fusion convert exports/full exports/full-xml --format xml
              syncro-fusion convert exports/json exports/excel --format csv \\
                  --csv-profile excel
              syncro-fusion convert samples/snapshot.json snapshot.xml
              syncro-fusion convert samples/snapshot.json snapshot-csv
            """
    )

    @Argument(help: "An export file (tickets.csv, comments.jsonl, ...), an export directory, or a snapshot.")
    var input: String

    @Argument(help: "The output file (its extension gives the format) or directory (with --format).")
    var output: String

    @Option(help: "Output format when OUT is a directory: csv, json, jsonl or xml.")
    var format: ExportFormat?

    @Option(name: .customLong("csv-profile"), help: "CSV dialect: standard, or excel (BOM, CRLF, formula-safe cells).")
    var csvProfile: ExportCommand.CSVProfileName = .standard

    func run() throws {
        if SnapshotSniffer.isSnapshot(input) { return try convertSnapshot() }
        let options = ConvertOptions(input: input, output: output, format: format, excelCSV: csvProfile == .excel)
        let result: ExportConverter.Result
        do {
            result = try ExportConverter(options: options).run()
        } catch let error as ConvertError where error.isUsage {
            CommandFailure.printError(error.errorDescription ?? "\(error)")
            throw ExitCode.validationFailure
        } catch {
            throw CommandFailure.report(error)
        }
        switch result.plan {
        case .file(let job):
            print("converted \(result.records) \(job.entity.rawValue) from \(job.input) to \(job.output)")
        case .directory(let input, let output, let format, _):
            print(
                "converted \(result.files.count) files (\(result.records) records) from \(input) to \(output) "
                    + "as \(format.rawValue)")
        }
    }

    private func convertSnapshot() throws {
        let result: SnapshotConverter.Result
        do {
            let target = try format.map { format throws(SnapshotConvertError) in
                guard let target = SnapshotFormat(rawValue: format.rawValue) else {
                    throw .noSnapshotForm(format.rawValue)
                }
                return target
            }
            result = try SnapshotConverter(input: input, output: output, format: target).run()
        } catch let error as SnapshotConvertError {
            CommandFailure.printError(error.errorDescription ?? "\(error)")
            for line in error.details { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
            throw error.isUsage ? ExitCode.validationFailure : ExitCode.failure
        } catch {
            throw CommandFailure.report(error)
        }
        FileHandle.standardError.write(Data(DiagnosticRenderer.text(result.warnings).utf8))
        print(
            "converted the snapshot \(result.input) to \(result.output) as \(result.format.rawValue): "
                + "\(result.customers) customers, \(result.contacts) contacts, \(result.assets) assets, "
                + "\(result.tickets) tickets, \(result.comments) comments")
    }
}
