import RecordFormats
import SyncroSimulator
import Testing

@Suite("Rate limiting")
struct RateLimitTests {
    @Test("Past the limit within the window is 429 JSON without headers; after the window it is OK again")
    func slidingWindow() async throws {
        let time = ManualTime()
        try await Harness.withSimulator(
            configuration: Harness.configured {
                $0.rateLimitPerMinute = 5
                $0.rateLimitWindow = .seconds(10)
                $0.now = { time.now }
            }
        ) { client in
            for _ in 0..<3 { #expect(try await client.get("/users").status == 200) }
            // Shared across tokens and counting unauthenticated requests too.
            #expect(try await client.get("/users", token: Harness.readOnlyToken).status == 200)
            #expect(try await client.get("/users", token: "bogus").status == 401)
            let limited = try await client.get("/users")
            #expect(limited.status == 429)
            #expect(limited.json == ["error": "Rate limit exceeded"])
            #expect(limited.retryAfter == nil)
            // Control endpoints are not limited.
            #expect(try await client.control("GET", "/_sim/requests").status == 200)

            time.advance(by: .seconds(9))
            #expect(try await client.get("/users").status == 429)
            time.advance(by: .seconds(1))
            #expect(try await client.get("/users").status == 200)
        }
    }

    @Test("Retry-After is sent when configured")
    func retryAfter() async throws {
        try await Harness.withSimulator(
            configuration: Harness.configured {
                $0.rateLimitPerMinute = 1
                $0.retryAfterSeconds = 30
            }
        ) { client in
            #expect(try await client.get("/users").status == 200)
            let limited = try await client.get("/users")
            #expect(limited.status == 429)
            #expect(limited.retryAfter == "30")
        }
    }

    @Test("The limiter admits exactly the limit per window")
    func limiterUnit() async {
        let time = ManualTime()
        let limiter = RateLimiter(limit: 180, window: .seconds(60), now: { time.now })
        var admitted = 0
        for _ in 0..<200 where await limiter.admit("10.0.0.1") { admitted += 1 }
        #expect(admitted == 180)
        #expect(await limiter.admit("10.0.0.2"))
        time.advance(by: .seconds(60))
        #expect(await limiter.admit("10.0.0.1"))
    }
}
