/// Adds the bearer token and the JSON headers to every request.
///
/// This is the only place the token's characters are used; it is never logged, printed or placed in a URL.
package struct AuthorizingTransport: HTTPTransport {
    package let base: any HTTPTransport
    private let token: APIToken
    private let userAgent: String

    package init(base: any HTTPTransport, token: APIToken, userAgent: String = "syncro-fusion/0.1") {
        self.base = base
        self.token = token
        self.userAgent = userAgent
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        request.headers.append(("Authorization", "Bearer " + token.secret))
        request.headers.append(("Accept", "application/json"))
        request.headers.append(("User-Agent", userAgent))
        if request.body != nil { request.headers.append(("Content-Type", "application/json")) }
        return try await base.send(request)
    }
}
