import Foundation
import SyncroCatalog

/// Why a conversion could not start or finish, as one sentence naming the path and what to do.
///
/// Problems inside an input file (a truncated array, a CSV row with the wrong field count) are `RecordFileError`
/// values with their line and column instead; these are the problems with the request itself.
package enum ConvertError: Error, Sendable, Equatable, LocalizedError {
    /// A file name whose extension is not one of the export formats.
    case unknownExtension(String)
    /// A file name that names none of the export entities.
    case unknownEntity(String)
    /// The input and output names name different entities.
    case entityMismatch(input: String, inputEntity: ExportEntity, output: String, outputEntity: ExportEntity)
    /// An XML file whose root names another entity than its file name does.
    case contentEntityMismatch(String, named: ExportEntity, holds: String)
    /// The output is a directory (or has no extension) and no `--format` was given.
    case formatRequired(String)
    /// `--format` disagrees with the output file's extension.
    case formatConflict(String, format: ExportFormat)
    /// The input is a directory but the output names a file.
    case directoryIntoFile(input: String, output: String)
    /// The output is the input itself.
    case sameLocation(String)
    /// The input does not exist.
    case inputMissing(String)
    /// The directory the output file would go into does not exist.
    case outputDirectoryMissing(String)
    /// A Support Fusion snapshot (or one file of a CSV snapshot), which `SnapshotConverter` converts, not this.
    case snapshotInput(String)
    /// A directory with no export files in it.
    case noExportFiles(String)
    /// Two input files that would be written to the same output name.
    case duplicateOutput(String, first: String, second: String)

    /// Whether the problem is with the command line (exit 64) rather than with the files (exit 1).
    package var isUsage: Bool {
        switch self {
        case .unknownExtension, .unknownEntity, .entityMismatch, .formatRequired, .formatConflict,
            .directoryIntoFile, .sameLocation:
            true
        case .contentEntityMismatch, .inputMissing, .outputDirectoryMissing, .snapshotInput, .noExportFiles,
            .duplicateOutput:
            false
        }
    }

    private static var extensions: String {
        ExportFormat.allCases.map { ".\($0.fileExtension)" }.joined(separator: ", ")
    }
    private static var entities: String { ExportEntity.allCases.map(\.rawValue).joined(separator: ", ") }

    package var errorDescription: String? {
        switch self {
        case .unknownExtension(let path):
            "\(path) does not end in a known extension: use one of \(Self.extensions)."
        case .unknownEntity(let path):
            "Cannot tell which entity \(path) holds from its name: name it after one of \(Self.entities) "
                + "(for example tickets.csv or 2026-11-29-tickets.json)."
        case .entityMismatch(let input, let inputEntity, let output, let outputEntity):
            "\(input) holds \(inputEntity.rawValue) but \(output) is named for \(outputEntity.rawValue): "
                + "name the output after the same entity."
        case .contentEntityMismatch(let path, let named, let holds):
            "\(path) is named for \(named.rawValue) but its root element says entity=\"\(holds)\": "
                + "rename the file after the entity it holds."
        case .formatRequired(let path):
            "\(path) is a directory (or has no extension), so it does not say which format to write: "
                + "add --format csv, json, jsonl or xml."
        case .formatConflict(let path, let format):
            "--format \(format.rawValue) disagrees with the extension of \(path): "
                + "drop --format or give the output a .\(format.fileExtension) name."
        case .directoryIntoFile(let input, let output):
            "\(input) is a directory, so the output must be a directory too, not \(output): "
                + "give a directory and --format."
        case .sameLocation(let path):
            "The input and the output are both \(path): write the conversion somewhere else."
        case .inputMissing(let path):
            "\(path) does not exist: check the path of the export file or directory to convert."
        case .outputDirectoryMissing(let path):
            "The directory \(path) does not exist: create it first or choose another output path."
        case .snapshotInput(let path):
            "\(path) belongs to a Support Fusion snapshot, not an export: convert the whole snapshot "
                + "(its .json or .xml file, or its CSV directory) instead."
        case .noExportFiles(let path):
            "\(path) holds no export files: expect names like tickets.csv, comments.jsonl or customers.xml."
        case .duplicateOutput(let path, let first, let second):
            "\(first) and \(second) in \(path) would both become the same output file: "
                + "convert them one at a time into different directories."
        }
    }
}
