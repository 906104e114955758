/// One HTTP exchange: the small seam between the Syncro client and whatever carries bytes.
///
/// Middleware (authorization, rate limiting, retries, logging) are transports that wrap another transport, so the
/// client itself never knows how a request travels, and tests can wrap the real loopback transport.
package protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// An HTTP request relative to the API base (`path` starts with `/`, e.g. `/tickets`).
package struct HTTPRequest: Sendable, Hashable {
    package enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
    }

    package var method: Method
    package var path: String
    package var query: [(String, String)]
    package var headers: [(String, String)]
    package var body: [UInt8]?
    /// When false, the retry middleware leaves HTML gateway time-outs to the caller (pagination halves the page).
    package var retriesGatewayTimeouts: Bool

    package init(
        method: Method, path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: [UInt8]? = nil, retriesGatewayTimeouts: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.retriesGatewayTimeouts = retriesGatewayTimeouts
    }

    /// `path?query` with the query percent-encoded, for logs and URLs. Never contains a header.
    package var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~[]".utf8)

    package static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                result.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }

    package static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.body == rhs.body
            && lhs.headers.map { "\($0.0):\($0.1)" } == rhs.headers.map { "\($0.0):\($0.1)" }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(target)
        hasher.combine(body)
    }
}

/// An HTTP response with its whole (bounded) body.
package struct HTTPResponse: Sendable {
    package var status: Int
    package var headers: [(String, String)]
    package var body: [UInt8]

    package init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first header named `name`, compared case-insensitively.
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.0.lowercased() == lowered }?.1
    }

    /// True when the body looks like an HTML page (a proxy's error page) rather than JSON.
    package var isHTML: Bool {
        if let type = header("Content-Type"), type.lowercased().contains("text/html") { return true }
        let prefix = body.prefix(64).drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        return prefix.first == UInt8(ascii: "<")
    }
}

/// A failure to exchange bytes at all, classified by whether the request could have reached the server.
package enum TransportError: Error, Sendable, Equatable {
    /// The connection could not be opened (refused, unknown host, TLS failure): the request was never sent.
    case connectionFailed(String)
    /// The connection broke after the request may have been sent: the outcome is unknown.
    case connectionDropped(String)
    /// No complete response within the time limit: the outcome is unknown.
    case timedOut(String)
    /// The response body exceeded the size bound.
    case responseTooLarge(limit: Int)
}

extension TransportError {
    /// What happened, in words (`the connection was refused`), for logs and error sentences.
    package var reason: String {
        switch self {
        case .connectionFailed(let reason), .connectionDropped(let reason), .timedOut(let reason): reason
        case .responseTooLarge(let limit): "the response was larger than \(limit) bytes"
        }
    }
}
