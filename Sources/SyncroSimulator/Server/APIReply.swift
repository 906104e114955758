import RecordFormats

/// A response the simulator sends, before it becomes an HTTP response.
package struct APIReply: Sendable {
    /// The body of a reply.
    package enum Body: Sendable {
        case json(JSONValue)
        case html(String)
        case empty
    }

    package var status: Int
    package var body: Body
    /// The `Retry-After` header's seconds, or nil for none.
    package var retryAfterSeconds: Int?

    package init(status: Int, body: Body, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.body = body
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A JSON reply.
    package static func json(_ value: JSONValue, status: Int = 200) -> APIReply {
        APIReply(status: status, body: .json(value))
    }

    /// 404 `{"message":"Not found"}`, Syncro's shape for an unknown record id.
    package static let notFound = APIReply.json(["message": "Not found"], status: 404)

    /// 401 for a token that lacks the endpoint's permission (never 403).
    package static let permissionDenied = APIReply.json(
        ["error": "Not authorized. Please ask account admin to update your group permissions."],
        status: 401
    )

    /// 404 for a path or method Syncro does not route.
    package static let noRoute = APIReply.json(["error": "Not Found"], status: 404)

    /// The 422 shape of tickets PUT, comments, customers and assets: `{"success": false, "message": [...]}`.
    package static func validationFailed(_ messages: [String]) -> APIReply {
        .json(["success": false, "message": .array(messages.map(JSONValue.string))], status: 422)
    }

    /// The HTML page a proxy in front of Syncro sends when the backend is too slow.
    package static let gatewayTimeout = APIReply(
        status: 504,
        body: .html(
            """
            <html>
            <head><title>504 Gateway Time-out</title></head>
            <body>
            <center><h1>504 Gateway Time-out</h1></center>
            </body>
            </html>

            """
        )
    )
}
