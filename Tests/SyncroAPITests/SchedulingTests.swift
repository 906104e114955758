import Foundation
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

/// The schedule consecutive processes share through a file (`SharedRateSchedule`).
@Suite("Shared rate schedule")
struct SharedRateScheduleTests {
    @Test("a run that starts right after another continues its even spacing instead of starting afresh")
    func consecutiveRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let schedule = SharedRateSchedule.forHost("127.0.0.1:8765", in: directory)
        #expect(schedule.path.hasSuffix("/rate-127.0.0.1_8765"))
        #expect(schedule.read() == nil)

        // The first run hands out 60 slots at 60 a minute on a clock that stands still (as if all were asked at
        // once): the next free slot it leaves is a minute (and the margin) from now.
        let first = RateLimiter(requestsPerMinute: 60, clock: StillClock(), shared: schedule)
        for _ in 0..<60 { try await first.acquire() }
        await first.saveSchedule()
        let left = try #require(schedule.read())
        #expect(abs(left.timeIntervalSinceNow - 60.5) < 2)

        // The next run waits for that slot before its first request.
        let clock = VirtualClock()
        let second = RateLimiter(requestsPerMinute: 60, clock: clock, shared: schedule)
        try await second.acquire()
        #expect(clock.now > .seconds(58) && clock.now < .seconds(62))

        // A run without the file starts at once.
        let alone = VirtualClock()
        try await RateLimiter(requestsPerMinute: 60, clock: alone).acquire()
        #expect(alone.now == .zero)
    }
}

/// A clock that never moves: every slot is asked at the same instant.
private struct StillClock: SleepClock {
    var now: Duration { .zero }
    func sleep(until deadline: Duration) async throws {}
}
