import Foundation
import RecordFormats
import TestSupport
import Testing

/// `syncro-fusion check` run as a binary against the simulator, as the setup guide's Test Connection.
@Suite("check, end to end")
struct CheckCommandTests {
    private func run(_ account: SimulatedAccount, token: String, _ extra: [String] = []) async throws
        -> CommandRunner.Outcome
    {
        try await CommandRunner(environment: ["SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": token])
            .run(["check", "--rate-limit", "3000"] + extra)
    }

    @Test("the setup guide's token passes every verifiable check")
    func fullToken() async throws {
        try await SimulatedAccount.with { account in
            let token = SampleTokens.full.secret
            let outcome = try await run(account, token: token)
            #expect(outcome.status == 0, "\(outcome.all)")
            #expect(outcome.stdout.contains("Result: OK"))
            #expect(outcome.stdout.contains("Tickets - List/Search"))
            #expect(outcome.stdout.contains("not verifiable read-only"))
            #expect(!outcome.stdout.contains("FAILED"))
            #expect(!outcome.all.contains(token))
        }
    }

    @Test("a token without Tickets - List/Search fails naming that permission, with the guide's advice")
    func missingTicketPermission() async throws {
        try await SimulatedAccount.with { account in
            let token = SampleTokens.noTickets.secret
            let outcome = try await run(account, token: token)
            #expect(outcome.status == 1)
            let failing = outcome.stdout.split(separator: "\n").filter { $0.contains("FAILED") }
            #expect(failing.contains { $0.contains("Tickets - List/Search") })
            #expect(outcome.stdout.contains("Permission Denied"))
            #expect(outcome.stdout.contains("Review the security group permissions match those listed in Step 1.3"))
            #expect(!outcome.stdout.contains("Authentication Failed"))
            #expect(!outcome.all.contains(token))
        }
    }

    @Test("a wrong token gets the authentication advice")
    func wrongToken() async throws {
        try await SimulatedAccount.with { account in
            let token = "sfdemo-wrong-0123456789abcdef0123456789abcdef"
            let outcome = try await run(account, token: token)
            #expect(outcome.status == 1)
            #expect(outcome.stdout.contains("Authentication Failed"))
            #expect(outcome.stdout.contains("Verify the API token was copied completely without extra characters"))
            #expect(!outcome.stdout.contains("Permission Denied"))
            #expect(!outcome.all.contains(token))
        }
    }

    @Test("a subdomain with a space gets the invalid-subdomain advice naming the space; nothing is sent")
    func subdomainWithSpace() async throws {
        let token = SampleTokens.full.secret
        let outcome = try await CommandRunner(environment: ["SYNCRO_API_TOKEN": token]).run([
            "check", "--subdomain", "acme corp",
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("Invalid Subdomain"))
        #expect(outcome.stdout.contains("contains a space"))
        #expect(outcome.stdout.contains("Ensure there are no extra spaces or characters"))
        #expect(!outcome.all.contains(token))
    }

    @Test("--format json prints one object with every check")
    func jsonFormat() async throws {
        try await SimulatedAccount.with { account in
            let outcome = try await run(account, token: SampleTokens.readOnly.secret, ["--format", "json"])
            let report = try JSONValue.parse(outcome.stdout)
            let checks = try #require(report["checks"]?.arrayValue)
            #expect(report["ok"] == .bool(outcome.status == 0))
            #expect(checks.contains { $0["name"] == "Tickets - List/Search" && $0["status"] == "ok" })
            #expect(checks.contains { $0["name"] == "Tickets - Create" && $0["status"] == "not_verifiable" })
        }
    }

    @Test("--probe-writes tests write permissions with requests the simulator rejects, and writes nothing")
    func probeWrites() async throws {
        try await SimulatedAccount.with { account in
            let before = try await account.state()
            let ticketID = try #require(before["tickets"]?.arrayValue?.first?["id"]?.intValue)
            let full = try await run(account, token: SampleTokens.full.secret, ["--probe-writes", String(ticketID)])
            #expect(full.status == 0, "\(full.all)")
            #expect(!full.stdout.contains("not verifiable"))
            let readOnly = try await run(
                account, token: SampleTokens.readOnly.secret, ["--probe-writes", String(ticketID)])
            #expect(readOnly.status == 1)
            #expect(
                readOnly.stdout.split(separator: "\n").contains {
                    $0.contains("FAILED") && $0.contains("Tickets - Edit")
                })
            #expect(try await account.state() == before)
        }
    }

    @Test("white space around the token is trimmed with a warning, never echoed")
    func tokenWhitespace() async throws {
        try await SimulatedAccount.with { account in
            let token = SampleTokens.full.secret
            let outcome = try await run(account, token: token + "\n")
            #expect(outcome.status == 0, "\(outcome.all)")
            #expect(outcome.stderr.contains("newline"))
            #expect(!outcome.all.contains(token))
        }
    }

    @Test("no token is one clear sentence and exit 1")
    func noToken() async throws {
        let outcome = try await CommandRunner(environment: ["SYNCRO_BASE_URL": "http://127.0.0.1:9/api/v1"]).run([
            "check"
        ])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("set SYNCRO_API_TOKEN or pass --token-file"))
    }

    @Test("an unreachable server is a plain network failure")
    func unreachable() async throws {
        let outcome = try await CommandRunner(environment: [
            "SYNCRO_BASE_URL": "http://127.0.0.1:9/api/v1", "SYNCRO_API_TOKEN": "abc",
        ])
        .run(["check"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("could not be sent"))
        #expect(outcome.stdout.contains("Network"))
    }

    @Test("bad usage exits 64")
    func badUsage() async throws {
        let outcome = try await CommandRunner().run(["check", "--rate-limit", "0"])
        #expect(outcome.status == 64)
    }
}
