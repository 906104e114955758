import Synchronization
import SyncroAPI
import TestSupport
import Testing

/// The retry schedule as the client runs it, on a virtual clock against a scripted transport.
@Suite("Retry schedule")
struct RetryScheduleTests {
    /// Answers each request with the next scripted outcome (the last one repeats), counting the attempts.
    final class ScriptedTransport: HTTPTransport {
        private let state: Mutex<(outcomes: [Result<HTTPResponse, TransportError>], sent: Int)>

        init(_ outcomes: [Result<HTTPResponse, TransportError>]) { state = Mutex((outcomes, 0)) }

        var sent: Int { state.withLock { $0.sent } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let outcome = state.withLock { state in
                state.sent += 1
                return state.outcomes.count > 1 ? state.outcomes.removeFirst() : state.outcomes[0]
            }
            return try outcome.get()
        }
    }

    static let refused = Result<HTTPResponse, TransportError>.failure(.connectionFailed("the connection was refused"))
    static let ok = Result<HTTPResponse, TransportError>.success(HTTPResponse(status: 200, body: Array("{}".utf8)))

    private func client(_ transport: ScriptedTransport, clock: VirtualClock) -> SyncroClient {
        var configuration = ClientConfiguration()
        configuration.rateLimitPerMinute = 60_000
        configuration.clock = clock
        configuration.random = { 0.5 }  // no jitter
        return SyncroClient(
            endpoint: SyncroEndpoint(baseURL: "http://127.0.0.1:9/api/v1", subdomain: nil), token: SampleTokens.full,
            base: transport, configuration: configuration)
    }

    @Test("a refused connection before anything answered: 3 attempts, 0.5 s and 1 s apart, then one error")
    func unansweredFailsFast() async throws {
        let clock = VirtualClock()
        let transport = ScriptedTransport([Self.refused])
        let error = await #expect(throws: SyncroAPIError.self) { try await client(transport, clock: clock).me() }
        #expect(transport.sent == 3)
        #expect(clock.now == .milliseconds(1500))
        #expect(error?.kind == .unreachable)
        let sentence = error?.errorDescription ?? ""
        #expect(sentence.contains("nothing answered at 127.0.0.1:9 (the connection was refused)"), "\(sentence)")
        #expect(!sentence.contains("Syncro said"))
    }

    @Test("once the server has answered, a refused connection gets the full schedule: 1, 2, 4, 8, 16 s")
    func answeredKeepsFullPolicy() async throws {
        let clock = VirtualClock()
        let transport = ScriptedTransport([Self.ok, Self.refused])
        let client = client(transport, clock: clock)
        _ = try await client.me()
        clock.advance(by: .seconds(1))  // past the limiter's next slot, so only retries wait
        let start = clock.now
        await #expect(throws: SyncroAPIError.self) { try await client.me() }
        #expect(transport.sent == 1 + 6)
        #expect(clock.now - start == .seconds(1 + 2 + 4 + 8 + 16))
    }

    @Test("a 429 waits the limiter's real pause, and pause(for:) reports it")
    func rateLimitWait() async throws {
        let clock = VirtualClock()
        let tooMany = Result<HTTPResponse, TransportError>.success(HTTPResponse(status: 429))
        let transport = ScriptedTransport([tooMany, Self.ok])
        _ = try await client(transport, clock: clock).me()
        #expect(transport.sent == 2)
        #expect(clock.sleeps.last == .seconds(15))

        let limiter = RateLimiter(requestsPerMinute: 60, safetyMargin: .zero, clock: VirtualClock())
        #expect(await limiter.pause(for: .seconds(15)) == .seconds(15))
        // A second 429 meanwhile: the longer pause stands, and the shorter one reports it.
        #expect(await limiter.pause(for: .seconds(5)) == .seconds(15))
    }

    @Test("the retry warning shows a wait rounded to a tenth of a second")
    func waitText() {
        #expect(RetryingTransport.seconds(.seconds(15)) == "15 s")
        #expect(RetryingTransport.seconds(.milliseconds(1_234)) == "1.2 s")
        #expect(RetryingTransport.seconds(.zero) == "0 s")
    }
}
