import Foundation
import Hummingbird
import RecordFormats

/// The HTTP front of the simulator: rate limit, latency and faults, authentication, permissions, then the store;
/// plus the `/_sim` control endpoints.
///
/// Order per API request, matching what a client meets in front of Syncro: the per-IP rate limit (which counts
/// every request, even unauthenticated ones), latency, an injected fault, the route (404 for unknown paths), the
/// token (401), the endpoint's permission (401, checked before any record lookup), then the handler. An endpoint the
/// configuration withholds (``SimulatorConfiguration/serves(_:)``) is an unknown path.
///
/// Every API response carries an `X-Request-Id` (a fresh UUID, as Rails sends), which the request log records too,
/// with the form the token came in (`auth`: `bearer`, `header` or `api_key`), never the token itself.
package struct SimulatorResponder: HTTPResponder {
    package typealias Context = SimulatorRequestContext

    let store: SimulatorStore
    let tokens: SimulatorTokens
    let configuration: SimulatorConfiguration
    let limiter: RateLimiter
    let faults: FaultInjector
    let log: RequestLog

    static let apiPrefix = "/api/v1"
    static let maximumBodySize = 8 << 20

    package init(store: SimulatorStore, tokens: SimulatorTokens, configuration: SimulatorConfiguration) {
        self.store = store
        self.tokens = tokens
        self.configuration = configuration
        self.limiter = RateLimiter(
            limit: configuration.rateLimitPerMinute,
            window: configuration.rateLimitWindow,
            now: configuration.now
        )
        self.faults = FaultInjector(
            spec: configuration.faults,
            latencyMilliseconds: configuration.latencyMilliseconds,
            seed: configuration.randomSeed ?? UInt64.random(in: .min ... .max)
        )
        self.log = RequestLog()
    }

    package func respond(to request: Request, context: SimulatorRequestContext) async throws -> Response {
        let path = request.uri.path
        var request = request
        let bytes = Array(try await request.collectBody(upTo: Self.maximumBodySize).readableBytesView)
        if path == "/_sim" || path.hasPrefix("/_sim/") {
            return Self.response(await control(path: path, method: request.method.rawValue, body: bytes))
        }
        guard path == Self.apiPrefix || path.hasPrefix(Self.apiPrefix + "/") else {
            return Self.response(.noRoute)
        }
        return try await api(request, path: path, body: bytes, context: context)
    }

    private func api(_ request: Request, path: String, body bytes: [UInt8], context: SimulatorRequestContext)
        async throws -> Response
    {
        let method = request.method.rawValue
        let query = QueryParameters(request.uri.query)
        var entry: JSONObject = [
            "method": .string(method), "path": .string(path),
            "query": .string(Self.redacted(request.uri.query ?? "")),
            "status": nil, "time": .string(SimulatorTimestamp.format(configuration.wallClock())),
            "request_id": .string(UUID().uuidString.lowercased()),
        ]
        if !bytes.isEmpty {
            entry["body"] = (try? JSONValue.parse(bytes)) ?? .string(String(decoding: bytes, as: UTF8.self))
        }

        guard await limiter.admit(context.remoteIP) else {
            return await finish(rateLimited(), entry: entry)
        }
        let decision = await faults.decide(method: method, path: path)
        if let latency = decision.latency { try await configuration.sleep(latency) }
        if let fault = decision.fault { entry["fault"] = .string(fault.rawValue) }
        switch decision.fault {
        case .rateLimited?:
            return await finish(rateLimited(), entry: entry)
        case .serverError?:
            return await finish(.json(["error": "Internal Server Error"], status: 500), entry: entry)
        case .html504?:
            return await finish(.gatewayTimeout, entry: entry)
        case .drop?:
            await log.append(.object(entry))
            await context.closeConnection()
            return Response(status: .internalServerError)
        case .slow?:
            try await configuration.sleep(configuration.slowFaultDelay)
        case .dropAfterWrite?, nil:
            break
        }

        let segments = path.dropFirst(Self.apiPrefix.count).split(separator: "/").map(String.init)
        let reply: APIReply
        if let route = SimulatorRoute(method: method, segments: segments), configuration.serves(route) {
            reply = await authorizedReply(route: route, request: request, query: query, body: bytes, entry: &entry)
        } else {
            reply = .noRoute
        }
        if decision.fault == .dropAfterWrite {
            entry["status"] = .int(reply.status)
            await log.append(.object(entry))
            await context.closeConnection()
            return Response(status: .internalServerError)
        }
        return await finish(reply, entry: entry)
    }

    private func authorizedReply(
        route: SimulatorRoute,
        request: Request,
        query: QueryParameters,
        body bytes: [UInt8],
        entry: inout JSONObject
    ) async -> APIReply {
        let credential = Self.credential(request, query: query)
        if let credential { entry["auth"] = .string(credential.form.rawValue) }
        guard let credential, let token = tokens.token(credential.secret) else {
            return .json(configuration.unauthorizedBody, status: 401)
        }
        entry["token"] = .string(token.name)
        let required = route.requiredPermissions
        guard required.isEmpty || token.grantsAny(required) else { return .permissionDenied }
        var body = JSONObject()
        if !bytes.isEmpty {
            guard let parsed = try? JSONValue.parse(bytes) else {
                return .json(["error": "The request body is not valid JSON."], status: 400)
            }
            body = parsed.objectValue ?? JSONObject()
        }
        return await store.handle(APIRequest(route: route, query: query, body: body, token: token))
    }

    private func finish(_ reply: APIReply, entry: JSONObject) async -> Response {
        var entry = entry
        entry["status"] = .int(reply.status)
        await log.append(.object(entry))
        return Self.response(reply, requestID: entry["request_id"]?.stringValue)
    }

    private func rateLimited() -> APIReply {
        var reply = APIReply.json(configuration.rateLimitBody, status: 429)
        reply.retryAfterSeconds = configuration.retryAfterSeconds
        return reply
    }

    /// How a request carries its token.
    enum AuthForm: String {
        /// `Authorization: Bearer X`.
        case bearer
        /// A raw `Authorization: X`.
        case header
        /// `?api_key=X`.
        case apiKey = "api_key"
    }

    /// The token of a request and the form it came in: `Authorization: Bearer X`, a raw `Authorization: X`, or
    /// `?api_key=X`.
    static func credential(_ request: Request, query: QueryParameters) -> (secret: String, form: AuthForm)? {
        if let header = request.headers[.authorization]?.trimmed, !header.isEmpty {
            if header.lowercased().hasPrefix("bearer ") { return (String(header.dropFirst(7)).trimmed, .bearer) }
            return (header, .header)
        }
        return query.nonEmpty("api_key").map { ($0, .apiKey) }
    }

    /// The query string with the value of `api_key` hidden, for the request log.
    static func redacted(_ query: String) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { part in
            part.hasPrefix("api_key=") ? "api_key=REDACTED" : String(part)
        }.joined(separator: "&")
    }

    /// The `/_sim` control endpoints: request log, state, reset, scripted faults, and a comment deleted as in the web
    /// interface.
    private func control(path: String, method: String, body: [UInt8]) async -> APIReply {
        switch (method, path) {
        case ("GET", "/_sim/requests"):
            return .json(.array(await log.all()))
        case ("DELETE", "/_sim/requests"):
            await log.clear()
            return .json(["success": true])
        case ("GET", "/_sim/state"):
            return .json(await store.state().json)
        case ("POST", "/_sim/reset"):
            await store.reset()
            await log.clear()
            await limiter.reset()
            await faults.clear()
            return .json(["success": true])
        case ("GET", "/_sim/faults"):
            return .json(["faults": .array(await faults.pending().map(\.json))])
        case ("DELETE", "/_sim/faults"):
            await faults.clear()
            return .json(["success": true])
        case ("POST", "/_sim/faults"):
            do {
                let json = try JSONValue.parse(body)
                let list = json["faults"]?.arrayValue ?? json.arrayValue ?? [json]
                let scripted = try list.map(ScriptedFault.init(json:))
                await faults.add(scripted)
                return .json(["faults": .array(await faults.pending().map(\.json))])
            } catch {
                return .json(["error": .string("\(error)")], status: 422)
            }
        case ("DELETE", _) where path.hasPrefix("/_sim/comments/"):
            guard let id = Int(path.dropFirst("/_sim/comments/".count)), await store.deleteComment(id) else {
                return .json(["error": "no such comment"], status: 404)
            }
            return .json(["success": true])
        default:
            return .noRoute
        }
    }

    /// The HTTP response of a reply, with `X-Request-Id` when it answers an API request.
    static func response(_ reply: APIReply, requestID: String? = nil) -> Response {
        var headers = HTTPFields()
        if let requestID, let name = Self.requestIDField { headers[name] = requestID }
        let bytes: [UInt8]
        switch reply.body {
        case .json(let value):
            headers[.contentType] = "application/json; charset=utf-8"
            bytes = value.serializedBytes
        case .html(let page):
            headers[.contentType] = "text/html"
            bytes = Array(page.utf8)
        case .empty:
            bytes = []
        }
        if let seconds = reply.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        return Response(
            status: status(reply.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    static let requestIDField = HTTPFields.Element.Name("X-Request-Id")

    static func status(_ code: Int) -> HTTPResponse.Status {
        switch code {
        case 200: .ok
        case 400: .badRequest
        case 401: .unauthorized
        case 404: .notFound
        case 422: .unprocessableContent
        case 429: .tooManyRequests
        case 500: .internalServerError
        case 504: .gatewayTimeout
        default: HTTPResponse.Status(code: code)
        }
    }
}
