import Foundation

/// An operating-system failure while reading or writing a file, with the path and what to check.
package struct FileIOError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    /// The file (or directory) the operation was about.
    package var path: String
    /// What was being done, as a verb phrase: "open", "write to", "rename".
    package var operation: String
    /// The `errno` value the system call reported.
    package var code: Int32

    package init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    package var errorDescription: String? { description }

    package var description: String {
        let reason = String(cString: strerror(code))
        return "Could not \(operation) \(path): \(reason); \(advice)."
    }

    /// What to check, for the failure `code` reports: a missing file is not a question of free space.
    private var advice: String {
        switch code {
        case ENOENT: "check the path"
        case ENOTDIR: "a part of the path is a file, not a directory; check the path"
        case EISDIR: "it is a directory; give a file"
        case EACCES, EPERM, EROFS: "check its permissions"
        case ENOSPC, EDQUOT, EFBIG: "free some space and run again"
        default: "check that the path exists, is writable and has free space"
        }
    }
}
