import Hummingbird

/// The per-request context: the client's IP (the rate-limit key) and a way to drop the connection.
package struct SimulatorRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The client's IP address, or "unknown" for a socket without one.
    package let remoteIP: String
    /// Closes the connection without a response (the `drop` faults).
    package let closeConnection: @Sendable () async -> Void

    package init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        let channel = source.channel
        remoteIP = channel.remoteAddress?.ipAddress ?? "unknown"
        closeConnection = { try? await channel.close().get() }
    }
}
