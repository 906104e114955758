import ArgumentParser
import Foundation
import SyncroExport

/// `syncro-fusion convert IN OUT`: an export file or directory rewritten in another format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert export files between CSV, JSON, JSON Lines and XML.",
        discussion: """
            File to file: the formats come from the extensions (.csv, .json, .jsonl, .xml) and the entity from the \
            name (tickets.csv, 2026-11-29-tickets.json). Directory to directory: every export file of IN is \
            converted into OUT in --format, with a new manifest.json. Files appear only when complete. JSON, JSON \
            Lines and XML round-trip exactly; CSV carries the documented columns. Snapshot conversion is not \
            available yet.
            """
    )

    @Argument(help: "An export file (tickets.csv, comments.jsonl, ...) or an export directory.")
    var input: String

    @Argument(help: "The output file (its extension gives the format) or directory (with --format).")
    var output: String

    @Option(help: "Output format when OUT is a directory: csv, json, jsonl or xml.")
    var format: ExportFormat?

    @Option(name: .customLong("csv-profile"), help: "CSV dialect: standard, or excel (BOM, CRLF, formula-safe cells).")
    var csvProfile: ExportCommand.CSVProfileName = .standard

    func run() throws {
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
}
