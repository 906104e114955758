import RecordFormats

/// A deterministic fault for tests: fail the next `remaining` requests that match `method` and `path`.
///
/// Set through `POST /_sim/faults` with `{"kind": "500", "count": 2, "path": "/api/v1/tickets/*", "method": "PUT"}`
/// (or `{"faults": [...]}`). `path` matches exactly, or by prefix when it ends in `*`; a missing `path` or `method`
/// matches every API request. Kinds are those of `FaultSpec.Kind`, including `dropAfterWrite`.
package struct ScriptedFault: Sendable, Hashable {
    package var kind: FaultSpec.Kind
    package var remaining: Int
    package var path: String?
    package var method: String?

    package init(kind: FaultSpec.Kind, count: Int = 1, path: String? = nil, method: String? = nil) {
        self.kind = kind
        self.remaining = count
        self.path = path
        self.method = method?.uppercased()
    }

    /// A fault from its control-endpoint JSON.
    package init(json: JSONValue) throws {
        guard let name = json["kind"]?.stringValue ?? json["kind"]?.intValue.map(String.init),
            let kind = FaultSpec.Kind(name: name)
        else {
            throw SimulatorInputError(
                "A scripted fault needs a \"kind\" of 429, 500, drop, html504, slow or dropAfterWrite."
            )
        }
        let count = json["count"]?.intValue ?? 1
        guard count > 0 else {
            throw SimulatorInputError("A scripted fault's \"count\" must be a positive integer.")
        }
        self.init(kind: kind, count: count, path: json["path"]?.stringValue, method: json["method"]?.stringValue)
    }

    /// The control-endpoint JSON.
    package var json: JSONValue {
        [
            "kind": .string(kind.rawValue), "count": .int(remaining), "path": path.map(JSONValue.string) ?? nil,
            "method": method.map(JSONValue.string) ?? nil,
        ]
    }

    /// Whether the fault applies to a request.
    package func matches(method requestMethod: String, path requestPath: String) -> Bool {
        if let method, method != requestMethod { return false }
        guard let path else { return true }
        if path.hasSuffix("*") { return requestPath.hasPrefix(String(path.dropLast())) }
        return requestPath == path
    }
}
