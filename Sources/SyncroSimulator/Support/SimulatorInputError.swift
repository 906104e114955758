import Foundation

/// A problem with an input the simulator was given: a dataset, tokens file, fault spec or generator spec.
///
/// The message is one sentence that names the input and says what to change.
package struct SimulatorInputError: LocalizedError, CustomStringConvertible, Sendable, Equatable {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var errorDescription: String? { message }
    package var description: String { message }
}
