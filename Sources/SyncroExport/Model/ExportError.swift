import Foundation

/// Why an export could not run or finish, as one sentence naming what and what to do.
package enum ExportError: Error, Sendable, Equatable, LocalizedError {
    case unknownEntity(String, known: [String])
    case outputNotDirectory(String)
    case outputNotWritable(String, reason: String)
    case stateUnreadable(String, reason: String)
    case sinceInvalid(String)
    case countMismatch(entity: String, expected: Int, written: Int)
    case stagingFailed(String)
    /// Syncro refused an entity's endpoint with its permission message.
    case permissionDenied(entity: String, endpoint: String, permissions: [String])

    package var errorDescription: String? {
        switch self {
        case .unknownEntity(let name, let known):
            "Unknown entity \"\(name)\": choose from \(known.joined(separator: ", "))."
        case .outputNotDirectory(let path):
            "The output path \(path) exists and is not a directory: choose a directory for --out."
        case .outputNotWritable(let path, let reason):
            "Cannot write into \(path) (\(reason)): check the path and its permissions."
        case .stateUnreadable(let path, let reason):
            "Cannot use the state file \(path) (\(reason)): move it aside to start a full export, or fix its permissions."
        case .sinceInvalid(let text):
            "--since \"\(text)\" is not a date or time: use 2026-11-28 or 2026-11-28T23:00:00Z."
        case .countMismatch(let entity, let expected, let written):
            "The API reported \(expected) \(entity) but \(written) were exported: records changed during the export; run it again."
        case .permissionDenied(let entity, let endpoint, let permissions):
            "Cannot export \(entity): Syncro refused \(endpoint) with 401 (Permission Denied)"
                + (permissions.isEmpty
                    ? ""
                    : ": the API token needs the Syncro permission "
                        + permissions.map { "\"\($0)\"" }.joined(separator: " or "))
                + ". Review the security group permissions, ensure the API token was generated with the correct "
                + "custom permissions, or leave \(entity) out of --entities (check --entities lists what the "
                + "token can export)."
        case .stagingFailed(let reason):
            "The export's working database failed (\(reason)): check free disk space in the output directory and run again."
        }
    }
}
