import Foundation

/// A snapshot could not be written: records out of order, or a value a format cannot carry.
package struct SnapshotWriteError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    package var path: String
    /// What went wrong and what to do, without a final period.
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var errorDescription: String? { description }
    package var description: String { "Could not write the snapshot \(path): \(message)." }
}
