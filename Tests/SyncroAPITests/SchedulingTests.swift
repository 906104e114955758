import SyncroAPI
import TestSupport
import Testing

@Suite("Rate limiter and backoff schedules")
struct SchedulingTests {
    @Test("the default backoff table is exact without jitter")
    func backoffTable() {
        let policy = RetryPolicy()
        var server = policy.serverErrorBackoff
        server.jitter = 0
        #expect(
            (1...6).map { server.delay(beforeRetry: $0, random: 0.5) }
                == [1, 2, 4, 8, 16, 30].map { Duration.seconds($0) })
        #expect(
            (1...5).map { policy.rateLimitBackoff.delay(beforeRetry: $0, random: 0.9) }
                == [15, 30, 60, 60, 60].map { Duration.seconds($0) })
        // ±25 % jitter at the extremes of the random draw.
        #expect(policy.serverErrorBackoff.delay(beforeRetry: 3, random: 0) == .seconds(3))
        #expect(policy.serverErrorBackoff.delay(beforeRetry: 3, random: 1) == .seconds(5))
    }

    @Test("requests are spaced evenly, in call order, with no burst")
    func spacing() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 60, safetyMargin: .zero, clock: clock)
        for _ in 0..<4 { try await limiter.acquire() }
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(3)])
        #expect(limiter.minimumDuration(forRequests: 181) == .seconds(180))
    }

    @Test("the default 180 per minute never allows more than 180 starts in any 60 seconds")
    func defaultWindow() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 180, clock: clock)
        var starts: [Duration] = []
        for _ in 0..<600 {
            try await limiter.acquire()
            starts.append(clock.now)
        }
        var worst = 0
        var low = 0
        for high in starts.indices {
            while starts[high] - starts[low] >= .seconds(60) { low += 1 }
            worst = max(worst, high - low + 1)
        }
        #expect(worst <= 180)
        #expect(worst >= 178)
    }

    @Test("a pause after a 429 holds back every later request")
    func pause() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 60, safetyMargin: .zero, clock: clock)
        try await limiter.acquire()
        await limiter.pause(for: .seconds(30))
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(clock.sleeps == [.seconds(30), .seconds(31)])
    }

    @Test("concurrent callers get distinct slots")
    func concurrent() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(requestsPerMinute: 120, safetyMargin: .zero, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { try await limiter.acquire() } }
            try await group.waitForAll()
        }
        #expect(Set(clock.sleeps).count == 9)
        #expect(clock.sleeps.max() == .milliseconds(4500))
    }
}
