import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The production transport: AsyncHTTPClient over keep-alive connections, with a timeout and a body-size bound.
///
/// Redirects are not followed, so a bearer token is never forwarded to another host.
package final class AsyncHTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    private let baseURL: String
    private let timeout: TimeAmount
    private let maximumBodyBytes: Int

    /// - Parameters:
    ///   - baseURL: the API base, e.g. `https://acme.syncromsp.com/api/v1` (no trailing slash).
    ///   - timeout: the limit for one whole exchange (default 60 s).
    ///   - maximumBodyBytes: the largest response body accepted (default 64 MiB).
    ///   - maximumConnections: keep-alive connections to the host; enough for every request in flight.
    package init(
        baseURL: String, timeout: Duration = .seconds(60), maximumBodyBytes: Int = 64 << 20,
        maximumConnections: Int = 16
    ) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(Int64(timeout.components.seconds)))
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, maximumConnections))
        configuration.decompression = .enabled(limit: .ratio(20))
        // A refused connection fails the request at once; RetryingTransport decides whether and when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = .seconds(Int64(timeout.components.seconds))
        self.maximumBodyBytes = maximumBodyBytes
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: baseURL + request.target)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: timeout)
        } catch {
            throw Self.classify(error, sent: false)
        }
        do {
            let buffer = try await response.body.collect(upTo: maximumBodyBytes)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { ($0.name, $0.value) },
                body: Array(buffer.readableBytesView)
            )
        } catch is NIOTooManyBytesError {
            throw TransportError.responseTooLarge(limit: maximumBodyBytes)
        } catch {
            throw Self.classify(error, sent: true)
        }
    }

    /// Sorts AsyncHTTPClient and NIO errors into "never sent" and "outcome unknown".
    static func classify(_ error: any Error, sent: Bool) -> TransportError {
        if let error = error as? TransportError { return error }
        let text = String(describing: error)
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .tlsHandshakeTimeout:
                return .connectionFailed("the connection could not be opened in time")
            case .deadlineExceeded, .readTimeout:
                return .timedOut("no complete response in time")
            case .remoteConnectionClosed, .cancelled:
                return .connectionDropped("the server closed the connection")
            default:
                break
            }
        }
        if error is NIOConnectionError || text.contains("connectionRefused") || text.contains("Connection refused") {
            return .connectionFailed("the connection was refused")
        }
        if let ioError = error as? IOError, ioError.errnoCode == ECONNREFUSED {
            return .connectionFailed("the connection was refused")
        }
        if text.localizedCaseInsensitiveContains("resolve") || text.contains("NXDOMAIN") || text.contains("lookup") {
            return .connectionFailed("the host name could not be resolved")
        }
        return sent
            ? .connectionDropped("the connection broke: \(text)") : .connectionDropped("the request failed: \(text)")
    }

    package func shutdown() async throws {
        try await client.shutdown()
    }
}
