import RecordFormats
import SyncroAPI

/// The innermost transport of `apply`: every request is checked against `WriteAllowlist` before it reaches the
/// network, so no route outside the list can be called whatever a plan holds or a bug asks for.
package struct AllowlistTransport: HTTPTransport {
    package let base: any HTTPTransport

    package init(base: any HTTPTransport) {
        self.base = base
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let problem = Self.violation(request) { throw ApplyError.forbiddenRequest(problem) }
        return try await base.send(request)
    }

    /// Why `request` may not be sent, or nil.
    package static func violation(_ request: HTTPRequest) -> String? {
        var body: JSONObject?
        if let bytes = request.body, !bytes.isEmpty {
            guard let object = (try? JSONValue.parse(bytes))?.objectValue else {
                return "\(request.method.rawValue) \(request.path) has a body that is not a JSON object"
            }
            body = object
        }
        let target = request.method == .get || request.query.isEmpty ? request.path : request.target
        return WriteAllowlist.violation(method: request.method.rawValue, path: target, body: body)
    }
}
