import Foundation
import RecordFormats
import SyncroAPI
import SyncroSimulator

/// A simulator running on a loopback port for one test, with clients bound to it and its control endpoints.
package struct SimulatedAccount: Sendable {
    /// `http://127.0.0.1:PORT/api/v1`.
    package let baseURL: String

    /// An account at a simulator started elsewhere (another process).
    package init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// The server root (`http://127.0.0.1:PORT`), where the `/_sim` control endpoints live.
    package var root: String { String(baseURL.dropLast("/api/v1".count)) }

    package var endpoint: SyncroEndpoint { SyncroEndpoint(baseURL: baseURL, subdomain: nil) }

    /// Runs `body` against a fresh simulator and stops it afterwards. The simulator's rate limit is off unless
    /// `configure` sets one.
    @discardableResult
    package static func with<T: Sendable>(
        dataset: SimulatorDataset? = nil, tokens: SimulatorTokens = .samples,
        configure: (inout SimulatorConfiguration) -> Void = { _ in },
        _ body: @Sendable (SimulatedAccount) async throws -> T
    ) async throws -> T {
        var configuration = SimulatorConfiguration()
        // Tests make hundreds of requests in seconds; a test about the limit sets its own.
        configuration.rateLimitPerMinute = 1_000_000
        configure(&configuration)
        let simulator = SyncroSimulator(
            dataset: try dataset ?? sampleDataset(), tokens: tokens, configuration: configuration)
        return try await withRunningSimulator(simulator) { baseURL in
            try await body(SimulatedAccount(baseURL: baseURL))
        }
    }

    /// The hand-made sample account of `samples/dataset.json`.
    package static func sampleDataset() throws -> SimulatorDataset {
        try SimulatorDataset.load(contentsOf: repositoryRoot + "/samples/dataset.json")
    }

    /// The repository root, found from this source file's location.
    package static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// A live client for this account, fast by default: no rate limit of its own and short retry delays.
    package func client(
        token: APIToken = SampleTokens.full, configure: (inout ClientConfiguration) -> Void = { _ in },
        guarding: @Sendable (any HTTPTransport) -> any HTTPTransport = { $0 }
    ) -> SyncroClient {
        var configuration = ClientConfiguration()
        configuration.rateLimitPerMinute = 60_000
        configuration.retryPolicy.serverErrorBackoff = Backoff(initial: .milliseconds(10), maximum: .milliseconds(40))
        configuration.retryPolicy.rateLimitBackoff = Backoff(initial: .milliseconds(50), maximum: .milliseconds(200))
        configuration.timeout = .seconds(10)
        configure(&configuration)
        return SyncroClient.live(endpoint: endpoint, token: token, configuration: configuration, guarding: guarding)
    }

    /// Runs `body` with a live client and shuts the client down afterwards.
    @discardableResult
    package func withClient<T: Sendable>(
        token: APIToken = SampleTokens.full, configure: (inout ClientConfiguration) -> Void = { _ in },
        guarding: @Sendable (any HTTPTransport) -> any HTTPTransport = { $0 },
        _ body: @Sendable (SyncroClient) async throws -> T
    ) async throws -> T {
        let client = client(token: token, configure: configure, guarding: guarding)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    // MARK: Control endpoints

    /// Sends a control request outside `/api/v1` (no token) and returns the parsed body.
    package func control(_ method: HTTPRequest.Method, _ path: String, body: JSONValue? = nil) async throws -> JSONValue
    {
        let transport = AsyncHTTPClientTransport(baseURL: root, timeout: .seconds(10))
        var headers: [(String, String)] = []
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let outcome: Result<HTTPResponse, any Error>
        do {
            outcome = .success(
                try await transport.send(
                    HTTPRequest(method: method, path: path, headers: headers, body: body?.serializedBytes))
            )
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()
        let response = try outcome.get()
        guard (200..<300).contains(response.status) else {
            throw SyncroAPIError(kind: .unexpectedResponse, method: method, path: path, status: response.status)
        }
        return response.body.isEmpty ? .null : try JSONValue.parse(response.body)
    }

    /// The simulator's request log: one object per API request (method, path, query, status, time).
    package func requestLog() async throws -> [JSONValue] {
        let body = try await control(.get, "/_sim/requests")
        return body.arrayValue ?? body["requests"]?.arrayValue ?? []
    }

    /// The whole current dataset.
    package func state() async throws -> JSONValue { try await control(.get, "/_sim/state") }

    /// Back to the initial dataset, with an empty log and fresh rate-limit counters.
    package func reset() async throws { _ = try await control(.post, "/_sim/reset") }
}
