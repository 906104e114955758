import Foundation

/// The one client-side limit on request starts, shared by every concurrent request of a process.
///
/// It spaces requests evenly (a generic cell-rate algorithm with no burst): request *k* may start no earlier than
/// *k* × interval after the first, where interval = (60 s + `safetyMargin`) ÷ `requestsPerMinute`. Even spacing keeps
/// every rolling 60-second window at or under the limit whatever algorithm the server counts with (sliding window,
/// fixed window or token bucket); the margin absorbs late wake-ups and network jitter.
///
/// | limit | interval | requests in any 60 s |
/// |---:|---:|---:|
/// | 180/min (default) | 336 ms | 178 |
/// | 60/min | 1.008 s | 59 |
///
/// A 429 from the server calls ``pause(for:)``, which holds back every request of the process, not just the one
/// that met it.
package actor RateLimiter {
    package nonisolated let requestsPerMinute: Int
    package nonisolated let interval: Duration
    private let clock: any SleepClock
    private var nextSlot: Duration
    /// The schedule shared with earlier and later runs against the same host, when there is one.
    private let shared: SharedRateSchedule?
    /// When the shared schedule was last written (on this limiter's clock).
    private var sharedWrittenAt: Duration?

    /// - Parameters:
    ///   - requestsPerMinute: the ceiling; values below 1 are treated as 1.
    ///   - safetyMargin: added to the 60-second window before dividing (default 0.5 s, under 1 % of throughput).
    ///   - shared: the host's schedule file: the first slot is no earlier than the next free slot an earlier run
    ///     left there.
    package init(
        requestsPerMinute: Int, safetyMargin: Duration = .milliseconds(500), clock: any SleepClock = SystemSleepClock(),
        shared: SharedRateSchedule? = nil
    ) {
        let limit = max(1, requestsPerMinute)
        self.requestsPerMinute = limit
        self.interval = (Duration.seconds(60) + safetyMargin) / limit
        self.clock = clock
        self.shared = shared
        var start = clock.now
        if let earlier = shared?.read() {
            start = start + .milliseconds(Int64(earlier.timeIntervalSinceNow * 1000))
        }
        self.nextSlot = start
    }

    /// Waits for this request's slot. Slots are handed out in call order, before any waiting.
    package func acquire() async throws {
        let now = clock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if let shared, sharedWrittenAt.map({ now - $0 >= .seconds(1) }) ?? true {
            // One second ahead: a process killed before the next write hands out no slot beyond it.
            sharedWrittenAt = now
            shared.write(wallClock(of: nextSlot + .seconds(1), now: now))
        }
        if slot > now {
            try await clock.sleep(until: slot)
        }
    }

    /// Writes the exact next free slot to the shared schedule (at the end of a run).
    package func saveSchedule() {
        guard let shared, sharedWrittenAt != nil else { return }
        let now = clock.now
        shared.write(wallClock(of: max(now, nextSlot), now: now))
    }

    private func wallClock(of instant: Duration, now: Duration) -> Date {
        let (seconds, attoseconds) = (instant - now).components
        return Date().addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Holds back every request not yet started until `duration` from now (after a 429), and returns how long the
    /// next request will actually wait: longer than `duration` when an earlier pause or queued slots reach further.
    @discardableResult
    package func pause(for duration: Duration) -> Duration {
        let now = clock.now
        nextSlot = max(nextSlot, now + duration)
        return nextSlot - now
    }

    /// The minimum time `requests` requests take at this limit, for estimates and progress lines.
    package nonisolated func minimumDuration(forRequests requests: Int) -> Duration {
        interval * max(0, requests - 1)
    }
}
