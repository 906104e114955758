import Foundation

/// Where the API lives: `https://SUBDOMAIN.syncromsp.com/api/v1`, or an explicit base URL (simulator, proxy).
package struct SyncroEndpoint: Sendable, Equatable {
    /// The API base URL without a trailing slash.
    package let baseURL: String
    /// The account's subdomain when it is known from the configuration.
    package let subdomain: String?

    package init(baseURL: String, subdomain: String?) {
        self.baseURL = baseURL
        self.subdomain = subdomain
    }

    /// `acme.syncromsp.com`, `127.0.0.1:8765`: the host (and port, when the URL gives one) of the base URL.
    package var host: String {
        guard let components = URLComponents(string: baseURL), let host = components.percentEncodedHost else {
            return baseURL
        }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return components.port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    /// The endpoint for a Syncro subdomain, accepting what users paste: `acme`, `acme.syncromsp.com`,
    /// `https://acme.syncromsp.com/tickets`.
    package static func forSubdomain(_ given: String) throws(ConnectionSettingsError) -> SyncroEndpoint {
        let name = try normalizeSubdomain(given)
        return SyncroEndpoint(baseURL: "https://\(name).syncromsp.com/api/v1", subdomain: name)
    }

    /// Normalises a pasted subdomain or URL to the bare lower-case name, or says exactly what is wrong with it.
    package static func normalizeSubdomain(_ given: String) throws(ConnectionSettingsError) -> String {
        var text = given
        func fail(_ problem: String) -> ConnectionSettingsError { .invalidSubdomain(given: given, problem: problem) }
        if text.isEmpty { throw fail("it is empty") }
        if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
            throw fail("it has extra spaces at the start or end; remove them")
        }
        if let range = text.range(of: "://") {
            let scheme = text[..<range.lowerBound].lowercased()
            guard scheme == "https" || scheme == "http" else { throw fail("\"\(scheme)://\" is not a web address") }
            text = String(text[range.upperBound...])
        }
        if let slash = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { text = String(text[..<slash]) }
        text = text.lowercased()
        if text.hasSuffix(".syncromsp.com") {
            text = String(text.dropLast(".syncromsp.com".count))
        } else if text.contains(".") {
            if text.contains(" ") { throw fail("it contains a space") }
            throw fail("\"\(text)\" is not a syncromsp.com address; give just the part before .syncromsp.com")
        }
        if text.isEmpty { throw fail("the name before .syncromsp.com is empty") }
        if let space = text.firstIndex(where: { $0.isWhitespace }) {
            let position = text.distance(from: text.startIndex, to: space) + 1
            throw fail("it contains a space (at character \(position)); a subdomain has no spaces")
        }
        if text.contains(".") { throw fail("it has more than one label; give just the name before .syncromsp.com") }
        if let bad = text.first(where: { !(("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-") }) {
            throw fail("it contains the character \"\(bad)\"; only letters a–z, digits and hyphens are allowed")
        }
        if text.hasPrefix("-") || text.hasSuffix("-") { throw fail("it starts or ends with a hyphen") }
        if text.count > 63 { throw fail("it is longer than 63 characters") }
        return text
    }

    /// An explicit base URL. `https://` always; plain `http://` only for loopback hosts. A bare host gets `/api/v1`.
    package static func forBaseURL(_ given: String) throws(ConnectionSettingsError) -> SyncroEndpoint {
        func fail(_ problem: String) -> ConnectionSettingsError { .invalidBaseURL(given: given, problem: problem) }
        let trimmed = given.trimmingCharacters(in: .whitespaces)
        guard trimmed == given else { throw fail("it has extra spaces at the start or end") }
        guard let components = URLComponents(string: given), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw fail("it is not an absolute URL such as https://acme.syncromsp.com/api/v1") }
        guard components.user == nil, components.password == nil else {
            throw fail("it holds credentials; pass the token through SYNCRO_API_TOKEN or --token-file instead")
        }
        guard components.query == nil, components.fragment == nil else { throw fail("it has a query or fragment") }
        switch scheme {
        case "https":
            break
        case "http":
            guard isLoopback(host) else {
                throw fail(
                    "plain http:// is accepted only for loopback hosts (127.0.0.1, localhost, ::1); use https://")
            }
        default:
            throw fail("the scheme must be https:// (or http:// for a loopback host)")
        }
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.isEmpty { path = "/api/v1" }
        var base = "\(scheme)://\(components.percentEncodedHost ?? host)"
        if host.contains(":"), !base.contains("[") { base = "\(scheme)://[\(host)]" }
        if let port = components.port { base += ":\(port)" }
        var subdomain: String?
        let lowered = host.lowercased()
        if lowered.hasSuffix(".syncromsp.com") {
            subdomain = String(lowered.dropLast(".syncromsp.com".count))
        }
        return SyncroEndpoint(baseURL: base + path, subdomain: subdomain)
    }

    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The endpoint from flags and environment: `--base-url`/`SYNCRO_BASE_URL` win over `--subdomain`/`SYNCRO_SUBDOMAIN`.
    package static func resolve(
        subdomain: String?, baseURL: String?, environment: [String: String]
    ) throws(ConnectionSettingsError) -> SyncroEndpoint {
        if let baseURL = baseURL ?? environment["SYNCRO_BASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let endpoint = try forBaseURL(baseURL)
            if let subdomain = subdomain ?? environment["SYNCRO_SUBDOMAIN"].flatMap({ $0.isEmpty ? nil : $0 }) {
                return SyncroEndpoint(baseURL: endpoint.baseURL, subdomain: try normalizeSubdomain(subdomain))
            }
            return endpoint
        }
        if let subdomain = subdomain ?? environment["SYNCRO_SUBDOMAIN"] {
            return try forSubdomain(subdomain)
        }
        throw .subdomainMissing
    }
}
