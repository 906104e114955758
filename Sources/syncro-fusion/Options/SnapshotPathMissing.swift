import Foundation

/// The `--snapshot` of `diff` and `plan`, checked before anything else is done (no export is loaded, no request
/// is sent): a path that does not exist is a typo, not an invalid snapshot.
struct SnapshotPathMissing: LocalizedError {
    let path: String

    var errorDescription: String? {
        "the snapshot \(path) does not exist: check the path given to --snapshot (a .json or .xml file, or a CSV "
            + "snapshot directory)."
    }

    /// Throws when nothing exists at `path`.
    static func check(_ path: String) throws(SnapshotPathMissing) {
        guard FileManager.default.fileExists(atPath: path) else { throw SnapshotPathMissing(path: path) }
    }
}
