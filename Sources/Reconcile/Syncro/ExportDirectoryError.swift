import Foundation

/// An export directory cannot be used for a comparison.
package enum ExportDirectoryError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    /// The path does not exist or is not a directory.
    case notADirectory(String)
    /// The directory holds no export file at all.
    case noExportFiles(String)
    /// Two files hold the same entity (`tickets.csv` and `tickets.json`).
    case ambiguous(String, entity: String, files: [String])
    /// `manifest.json` is present but not a JSON object.
    case unreadableManifest(String, reason: String)

    package var errorDescription: String? { description }

    package var description: String {
        switch self {
        case .notADirectory(let path):
            "The export directory \(path) does not exist or is not a directory; pass the directory an export wrote."
        case .noExportFiles(let path):
            "The directory \(path) holds no export file (tickets.json, comments.csv, ...); "
                + "pass the directory an export wrote."
        case .ambiguous(let path, let entity, let files):
            "The export directory \(path) holds \(entity) twice (\(files.joined(separator: ", "))); "
                + "keep one file per entity."
        case .unreadableManifest(let path, let reason):
            "The manifest \(path) cannot be read (\(reason)); export again or remove the broken manifest."
        }
    }
}
