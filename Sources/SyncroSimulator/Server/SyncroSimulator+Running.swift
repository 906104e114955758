/// Starts the simulator on an ephemeral loopback port, passes the base URL "http://127.0.0.1:PORT/api/v1" to
/// `body`, and stops it afterwards.
package func withRunningSimulator<T: Sendable>(
    _ simulator: SyncroSimulator,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    var simulator = simulator
    simulator.configuration.port = 0
    let host = simulator.configuration.host
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { [simulator] in
            defer { continuation.finish() }
            try await simulator.run { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await group.next()
            throw SimulatorStartError()
        }
        let result = try await body("http://\(host):\(port)/api/v1")
        group.cancelAll()
        return result
    }
}
