import Foundation

/// Why a snapshot conversion did not happen, as one sentence naming the path and what to do.
///
/// `invalid` and `lossy` carry the details (diagnostics, differences) for the caller to print one per line.
package enum SnapshotConvertError: Error, Sendable, LocalizedError {
    /// The input does not exist.
    case inputMissing(String)
    /// The input and the output are the same path.
    case sameLocation(String)
    /// The directory the output would go into does not exist.
    case outputDirectoryMissing(String)
    /// `--format` disagrees with what the output path names.
    case formatConflict(String, format: SnapshotFormat)
    /// A format a snapshot has no form in (JSON Lines).
    case noSnapshotForm(String)
    /// A CSV snapshot is a directory, but the output path is named like a file (`.csv`, `.jsonl`).
    case notADirectoryName(String)
    /// The output exists and is not something a snapshot of this format may replace.
    case wouldReplace(String, what: String)
    /// The input has errors (`SNAPSHOT_INVALID`).
    case invalid(String, diagnostics: [Diagnostic])
    /// The output format cannot carry everything the input says; `complete` is false when the check stopped at its
    /// limit and more differences may follow.
    case lossy(String, format: SnapshotFormat, differences: [SnapshotDifference], complete: Bool)
    /// The finished output could not be renamed into place.
    case move(String, code: Int32)

    /// Whether the problem is with the command line (exit 64) rather than with the files (exit 1).
    package var isUsage: Bool {
        switch self {
        case .sameLocation, .formatConflict, .noSnapshotForm, .notADirectoryName: true
        default: false
        }
    }

    /// The details to print below the sentence, one line each: diagnostics in `file:line:col: error: [code]`
    /// form, or the records a lossy conversion would change.
    package var details: [String] {
        switch self {
        case .invalid(_, let diagnostics):
            DiagnosticRenderer.text(diagnostics).split(separator: "\n").map(String.init)
        case .lossy(_, _, let differences, _):
            differences.map(\.description)
        default:
            []
        }
    }

    package var errorDescription: String? {
        switch self {
        case .inputMissing(let path):
            "\(path) does not exist: check the path of the snapshot to convert."
        case .sameLocation(let path):
            "The input and the output are both \(path): write the conversion somewhere else."
        case .outputDirectoryMissing(let path):
            "The directory \(path) does not exist: create it first or choose another output path."
        case .formatConflict(let path, let format):
            "--format \(format.rawValue) disagrees with \(path), which names a "
                + "\(SnapshotFormat.inferred(fromPath: path)?.rawValue ?? "csv") snapshot: drop --format or rename "
                + "the output (.json, .xml, or a directory for CSV)."
        case .noSnapshotForm(let format):
            "A snapshot has no \(format) form: use --format json, xml or csv (a directory)."
        case .notADirectoryName(let path):
            "A snapshot is written as .json, .xml or a CSV directory, and \(path) names none of these: "
                + "give the output a .json or .xml name, or a directory name without an extension for CSV."
        case .wouldReplace(let path, let what):
            "\(path) is \(what), which a converted snapshot would replace: choose a new output path."
        case .invalid(let path, let diagnostics):
            "\(path) is not a valid snapshot (\(Self.count(diagnostics.filter { $0.severity == .error }.count, "error"))); "
                + "nothing was written: fix the problems below and convert again."
        case .lossy(let path, let format, let differences, let complete):
            "\(path) says more than \(format == .xml ? "an" : "a") \(format.rawValue.uppercased()) snapshot can carry "
                + "(\(Self.count(differences.count, "difference"))\(complete ? "" : ", and perhaps more")), so nothing "
                + "was written: convert it to another format, or change the records below."
        case .move(let path, let code):
            "Could not move the converted snapshot into place at \(path) (\(String(cString: strerror(code)))): "
                + "check the permissions of its directory."
        }
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
