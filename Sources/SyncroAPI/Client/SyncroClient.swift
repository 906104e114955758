import Foundation
import Logging
import RecordFormats

/// The Syncro REST API, over a transport stack of retry → rate limit → authorization → HTTP.
///
/// Every call returns decoded JSON or throws a ``SyncroAPIError`` that names the endpoint. The client is a value;
/// copies share the transport, the rate limiter and the statistics.
package struct SyncroClient: Sendable {
    package let endpoint: SyncroEndpoint
    package let transport: any HTTPTransport
    package let limiter: RateLimiter
    package let statistics: RequestStatistics
    package let configuration: ClientConfiguration
    private let shutdownAction: @Sendable () async throws -> Void

    /// A client over an arbitrary base transport (tests wrap the loopback transport to observe or break it).
    package init(
        endpoint: SyncroEndpoint, token: APIToken, base: any HTTPTransport, configuration: ClientConfiguration,
        shutdown: @escaping @Sendable () async throws -> Void = {}
    ) {
        let statistics = RequestStatistics()
        let limiter = RateLimiter(
            requestsPerMinute: configuration.rateLimitPerMinute, clock: configuration.clock,
            shared: configuration.sharedSchedule)
        let authorized = AuthorizingTransport(
            base: LoggingTransport(base: base, logger: configuration.logger), token: token)
        let limited = RateLimitedTransport(base: authorized, limiter: limiter, statistics: statistics)
        self.transport = RetryingTransport(
            base: limited, policy: configuration.retryPolicy, limiter: limiter, statistics: statistics,
            clock: configuration.clock, random: configuration.random, logger: configuration.logger
        )
        self.endpoint = endpoint
        self.limiter = limiter
        self.statistics = statistics
        self.configuration = configuration
        self.shutdownAction = shutdown
    }

    /// A client over AsyncHTTPClient. Call ``shutdown()`` when done. `guarding` wraps the network transport
    /// innermost, under every other layer (apply puts its write allowlist there, so even a retry is checked).
    package static func live(
        endpoint: SyncroEndpoint, token: APIToken, configuration: ClientConfiguration = .init(),
        guarding: @Sendable (any HTTPTransport) -> any HTTPTransport = { $0 }
    ) -> SyncroClient {
        let http = AsyncHTTPClientTransport(
            baseURL: endpoint.baseURL, timeout: configuration.timeout, maximumBodyBytes: configuration.maximumBodyBytes,
            maximumConnections: configuration.effectiveMaximumConnections
        )
        return SyncroClient(
            endpoint: endpoint, token: token, base: guarding(http), configuration: configuration,
            shutdown: { try await http.shutdown() }
        )
    }

    /// Releases connections and leaves the rate schedule to the next run. The client must not be used afterwards.
    package func shutdown() async throws {
        await limiter.saveSchedule()
        try await shutdownAction()
    }

    // MARK: - Raw calls

    /// Sends a request and returns its JSON body, or throws the matching ``SyncroAPIError``.
    package func send(_ request: HTTPRequest) async throws -> JSONValue {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch let error as TransportError {
            throw Self.error(for: error, request: request, host: endpoint.host)
        }
        return try Self.decode(response, request: request)
    }

    package func get(_ path: String, query: [(String, String)] = []) async throws -> JSONValue {
        try await send(HTTPRequest(method: .get, path: path, query: query))
    }

    package func put(_ path: String, body: JSONValue) async throws -> JSONValue {
        try await send(HTTPRequest(method: .put, path: path, body: body.serializedBytes))
    }

    package func post(_ path: String, body: JSONValue) async throws -> JSONValue {
        try await send(HTTPRequest(method: .post, path: path, body: body.serializedBytes))
    }

    static func decode(_ response: HTTPResponse, request: HTTPRequest) throws -> JSONValue {
        let parsed = response.isHTML ? nil : try? JSONValue.parse(response.body)
        let messages = parsed.map(SyncroAPIError.messages(in:)) ?? htmlTitle(response)
        func fail(_ kind: SyncroAPIError.Kind) -> SyncroAPIError {
            SyncroAPIError(
                kind: kind, method: request.method, path: request.path, status: response.status, messages: messages)
        }
        switch response.status {
        case 200..<300:
            guard let parsed else {
                throw fail(request.method == .post ? .outcomeUnknown : .unexpectedResponse)
            }
            return parsed
        case 401:
            let permission = messages.contains { $0.contains("update your group permissions") }
            throw fail(permission ? .permissionDenied : .unauthorized)
        case 404: throw fail(.notFound)
        case 400, 422: throw fail(.validationFailed)
        case 429: throw fail(.rateLimited)
        case 504 where response.isHTML && !request.retriesGatewayTimeouts: throw fail(.gatewayTimeout)
        case 500..<600: throw fail(request.method == .post ? .outcomeUnknown : .serverError)
        default: throw fail(.unexpectedResponse)
        }
    }

    private static func htmlTitle(_ response: HTTPResponse) -> [String] {
        guard response.isHTML else {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            return text.isEmpty ? [] : [text]
        }
        let text = String(decoding: response.body.prefix(4096), as: UTF8.self)
        guard let start = text.range(of: "<title>", options: .caseInsensitive),
            let end = text.range(of: "</title>", options: .caseInsensitive, range: start.upperBound..<text.endIndex)
        else { return ["an HTML page"] }
        return [
            "HTML page \"\(text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines))\""
        ]
    }

    /// A failure with no answer to read: its reason is the transport's, never words put in Syncro's mouth.
    static func error(for error: TransportError, request: HTTPRequest, host: String? = nil) -> SyncroAPIError {
        let kind: SyncroAPIError.Kind
        let reason: String
        switch error {
        case .connectionFailed(let detail):
            kind = .unreachable
            reason = detail
        case .connectionDropped(let detail), .timedOut(let detail):
            kind = request.method == .post ? .outcomeUnknown : .connectionLost
            reason = detail
        case .responseTooLarge(let limit):
            kind = .responseTooLarge
            reason = "limit \(limit) bytes"
        }
        return SyncroAPIError(kind: kind, method: request.method, path: request.path, reason: reason, host: host)
    }
}
