import Foundation

/// The simulator stopped before it listened, so `withRunningSimulator` has no URL to give its body.
package struct SimulatorStartError: LocalizedError, CustomStringConvertible {
    package var errorDescription: String? { description }
    package var description: String {
        "The simulator stopped before it started listening; check that the host and port can be bound."
    }
}
