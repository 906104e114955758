import SyncroAPI
import Testing

@Suite("Account and base URL")
struct SyncroEndpointTests {
    @Test(
        "pasted subdomains and URLs normalise to the bare name",
        arguments: [
            ("acme", "acme"), ("ACME", "acme"), ("acme.syncromsp.com", "acme"), ("https://acme.syncromsp.com", "acme"),
            ("https://Acme.SyncroMSP.com/tickets?x=1", "acme"), ("http://acme-it.syncromsp.com/", "acme-it"),
            ("a1-b2", "a1-b2"),
        ]
    )
    func normalises(given: String, expected: String) throws {
        #expect(try SyncroEndpoint.normalizeSubdomain(given) == expected)
        #expect(try SyncroEndpoint.forSubdomain(given).baseURL == "https://\(expected).syncromsp.com/api/v1")
    }

    @Test(
        "bad subdomains are refused with a sentence naming the problem",
        arguments: [
            ("acme corp", "contains a space"), (" acme", "extra spaces"), ("acme ", "extra spaces"), ("", "empty"),
            ("acme_corp", "\"_\""), ("acme.example.com", "not a syncromsp.com address"), (".syncromsp.com", "empty"),
            ("-acme", "hyphen"), ("ftp://acme.syncromsp.com", "not a web address"),
            ("a.b.syncromsp.com", "more than one label"),
        ]
    )
    func refusesBadSubdomains(given: String, fragment: String) {
        #expect {
            _ = try SyncroEndpoint.normalizeSubdomain(given)
        } throws: { error in
            guard let error = error as? ConnectionSettingsError, error.isSubdomainProblem else { return false }
            return (error.errorDescription ?? "").contains(fragment)
        }
    }

    @Test("plain http is accepted only for loopback hosts")
    func loopbackOnly() throws {
        #expect(try SyncroEndpoint.forBaseURL("http://127.0.0.1:8080/api/v1").baseURL == "http://127.0.0.1:8080/api/v1")
        #expect(try SyncroEndpoint.forBaseURL("http://localhost:9000").baseURL == "http://localhost:9000/api/v1")
        #expect(
            try SyncroEndpoint.forBaseURL("https://proxy.example.com/syncro/").baseURL
                == "https://proxy.example.com/syncro")
        #expect(try SyncroEndpoint.forBaseURL("https://acme.syncromsp.com/api/v1").subdomain == "acme")
        #expect(throws: ConnectionSettingsError.self) { try SyncroEndpoint.forBaseURL("http://10.0.0.5/api/v1") }
        #expect(throws: ConnectionSettingsError.self) { try SyncroEndpoint.forBaseURL("http://127.0.0.1.example.com/") }
        #expect(throws: ConnectionSettingsError.self) { try SyncroEndpoint.forBaseURL("https://user:pw@host/api/v1") }
        #expect(throws: ConnectionSettingsError.self) { try SyncroEndpoint.forBaseURL("acme.syncromsp.com") }
    }

    @Test("base URL wins over subdomain; the environment fills in missing flags")
    func resolution() throws {
        let env = ["SYNCRO_SUBDOMAIN": "fromenv", "SYNCRO_BASE_URL": "http://127.0.0.1:1/api/v1"]
        let both = try SyncroEndpoint.resolve(subdomain: nil, baseURL: nil, environment: env)
        #expect(both.baseURL == "http://127.0.0.1:1/api/v1")
        #expect(both.subdomain == "fromenv")
        let flag = try SyncroEndpoint.resolve(subdomain: "flag", baseURL: nil, environment: ["SYNCRO_SUBDOMAIN": "env"])
        #expect(flag.baseURL == "https://flag.syncromsp.com/api/v1")
        #expect(throws: ConnectionSettingsError.subdomainMissing) {
            try SyncroEndpoint.resolve(subdomain: nil, baseURL: nil, environment: [:])
        }
    }
}
