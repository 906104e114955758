import Foundation

/// The simulator stopped before it listened, so `withRunningSimulator` has no URL to give its body.
package struct SimulatorStartError: LocalizedError, CustomStringConvertible {
    package var errorDescription: String? { description }
    package var description: String {
        "The simulator stopped before it started listening; check that the host and port can be bound."
    }
}

/// The simulator's port is taken by another process.
package struct SimulatorPortInUseError: LocalizedError, CustomStringConvertible {
    package var host: String
    package var port: Int

    package init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    package var errorDescription: String? { description }
    package var description: String {
        "port \(port) on \(host) is already in use; stop the other process or pass --port 0 to pick a free port."
    }

    /// Whether `error`, thrown while starting to listen, is the operating system's "address already in use".
    static func matches(_ error: any Error) -> Bool {
        String(describing: error).contains(String(cString: strerror(EADDRINUSE)))
    }
}
