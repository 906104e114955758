import Foundation

/// Why a mirror could not be used or a sync stopped, as one sentence naming the file and what to do.
package enum MirrorError: Error, Sendable, Equatable, LocalizedError {
    case notAMirror(String, reason: String)
    case unusable(String, reason: String)
    /// `--max-requests` or `--max-duration` was reached; everything fetched so far is committed.
    case budgetReached(String)
    /// The mirror has never synced an entity an export asks for.
    case entityNotMirrored(String, entity: String)
    /// No complete pass yet, so the mirror holds only part of the account.
    case incomplete(String)

    package var errorDescription: String? {
        switch self {
        case .notAMirror(let path, let reason):
            "\(path) is not a syncro-fusion mirror (\(reason)): give a new file name for --mirror, or the file an earlier sync made."
        case .unusable(let path, let reason):
            "Cannot use the mirror \(path) (\(reason)): check the path, its permissions and the free disk space."
        case .budgetReached(let what):
            "The sync stopped at its budget (\(what)); everything fetched so far is kept: run it again to continue."
        case .entityNotMirrored(let path, let entity):
            "The mirror \(path) holds no \(entity): run sync --mirror \(path) --entities with \(entity) first."
        case .incomplete(let path):
            "The mirror \(path) has not finished its first complete sync: run sync --mirror \(path) until it exits 0."
        }
    }
}
