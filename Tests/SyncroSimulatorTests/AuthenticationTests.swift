import RecordFormats
import SyncroSimulator
import Testing

@Suite("Authentication and permissions")
struct AuthenticationTests {
    @Test(
        "The token is accepted as Bearer, raw Authorization and api_key", arguments: [AuthStyle.bearer, .raw, .query])
    func tokenForms(style: AuthStyle) async throws {
        try await Harness.withSimulator { client in
            let result = try await client.get("/tickets", auth: style)
            #expect(result.status == 200)
            #expect(result.json?.count("tickets") == 12)
        }
    }

    @Test("A missing or unknown token gets 401 with the configured body")
    func unknownToken() async throws {
        try await Harness.withSimulator { client in
            let missing = try await client.get("/tickets", token: nil)
            #expect(missing.status == 401)
            #expect(missing.json == ["error": "Not authorized"])
            let unknown = try await client.get("/me", token: "sfdemo-nope")
            #expect(unknown.status == 401)
        }
        try await Harness.withSimulator(
            configuration: Harness.configured { $0.unauthorizedBody = ["error": "Invalid token"] }
        ) { client in
            let unknown = try await client.get("/customers", token: "wrong", auth: .raw)
            #expect(unknown.status == 401)
            #expect(unknown.json == ["error": "Invalid token"])
        }
    }

    @Test("A missing permission gets 401 with Syncro's message, never 403")
    func missingPermission() async throws {
        try await Harness.withSimulator { client in
            for path in ["/tickets", "/tickets/1001", "/tickets/1001/comments"] {
                let result = try await client.get(path, token: Harness.noTicketsToken)
                #expect(result.status == 401, "\(path)")
                #expect(result.json == Harness.permissionDenied, "\(path)")
            }
            let create = try await client.send(
                "POST", "/tickets", token: Harness.readOnlyToken, body: ["customer_id": 101, "subject": "x"]
            )
            #expect(create.status == 401)
            #expect(create.json == Harness.permissionDenied)
            let comment = try await client.send(
                "POST", "/tickets/1001/comment", token: Harness.readOnlyToken, body: ["subject": "s", "body": "b"]
            )
            #expect(comment.status == 401)
        }
    }

    @Test("The permission is checked before the record is looked up")
    func permissionBeforeLookup() async throws {
        try await Harness.withSimulator { client in
            let denied = try await client.get("/tickets/0", token: Harness.noTicketsToken)
            #expect(denied.status == 401)
            let missing = try await client.get("/tickets/0", token: Harness.fullToken)
            #expect(missing.status == 404)
            #expect(missing.json == ["message": "Not found"])
        }
    }

    @Test("Endpoints without a listed permission answer any valid token")
    func openEndpoints() async throws {
        try await Harness.withSimulator { client in
            for path in ["/me", "/users", "/users/1", "/settings", "/tickets/settings"] {
                let result = try await client.get(path, token: Harness.noTicketsToken)
                #expect(result.status == 200, "\(path)")
            }
        }
    }

    @Test("The wildcard permission grants everything")
    func wildcard() async throws {
        let tokens = SimulatorTokens([SimulatorToken(token: "all-access-token", name: "Admin", permissions: ["*"])])
        try await Harness.withSimulator(tokens: tokens) { client in
            let result = try await client.get("/customer_assets", token: "all-access-token")
            #expect(result.status == 200)
        }
    }

    @Test("A Single-Customer User's token sees only its customer; others are 404 Not found")
    func singleCustomerScope() async throws {
        let tokens = SimulatorTokens([
            SimulatorToken(token: "portal-user-token", name: "Harbor portal", permissions: ["*"], customerID: 102)
        ])
        try await Harness.withSimulator(tokens: tokens) { client in
            let token = "portal-user-token"
            let tickets = try #require(try await client.get("/tickets", token: token).json?["tickets"]?.arrayValue)
            #expect(Set(tickets.compactMap { $0["customer_id"]?.intValue }) == [102])
            #expect(try await client.get("/tickets/1002", token: token).status == 200)
            let other = try await client.get("/tickets/1001", token: token)
            #expect(other.status == 404)
            #expect(other.json == ["message": "Not found"])
            #expect(try await client.get("/customers", token: token).json?.count("customers") == 1)
            #expect(try await client.get("/customers/101", token: token).status == 404)
            #expect(try await client.get("/contacts/201", token: token).status == 404)
            #expect(try await client.get("/customer_assets", token: token).json?.count("assets") == 2)
            #expect(try await client.get("/customer_assets/301", token: token).status == 404)
        }
    }
}
