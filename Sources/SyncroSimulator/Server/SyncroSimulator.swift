import Hummingbird

/// The local Syncro API: an HTTP server over a dataset, a set of tokens and a configuration.
///
/// Each `run` starts from the dataset afresh. The API lives under `/api/v1`; the control endpoints under
/// `/_sim` (no auth, not rate limited): `GET /_sim/requests`, `GET /_sim/state`, `POST /_sim/reset` and
/// `GET|POST|DELETE /_sim/faults`.
package struct SyncroSimulator: Sendable {
    package var dataset: SimulatorDataset
    package var tokens: SimulatorTokens
    package var configuration: SimulatorConfiguration

    package init(dataset: SimulatorDataset, tokens: SimulatorTokens, configuration: SimulatorConfiguration) {
        self.dataset = dataset
        self.tokens = tokens
        self.configuration = configuration
    }

    /// Runs until the task is cancelled (or SIGINT/SIGTERM when `handleSignals`); calls `onListening` once with
    /// the bound port.
    package func run(
        handleSignals: Bool = false,
        onListening: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let store = SimulatorStore(dataset: dataset, configuration: configuration)
        let responder = SimulatorResponder(store: store, tokens: tokens, configuration: configuration)
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: configuration.logger
        )
        do {
            if handleSignals {
                try await application.runService()
            } else {
                try await application.run()
            }
        } catch  where configuration.port != 0 && SimulatorPortInUseError.matches(error) {
            throw SimulatorPortInUseError(host: configuration.host, port: configuration.port)
        }
    }
}
