import Logging

/// How a ``SyncroClient`` talks: its rate, retries, time limits and page size.
package struct ClientConfiguration: Sendable {
    /// Requests per minute for the whole process (Syncro documents 180 per IP).
    package var rateLimitPerMinute: Int = 180
    package var retryPolicy = RetryPolicy()
    /// The limit for one exchange.
    package var timeout: Duration = .seconds(60)
    /// The largest response body accepted.
    package var maximumBodyBytes = 64 << 20
    /// The page size asked of list endpoints; Syncro honours up to 100.
    package var pageSize = 100
    /// The most pages one listing may walk; a guard against a server that never ends.
    package var maximumPages = 100_000
    /// Keep-alive connections to the API host; nil derives it from the rate limit (requests in one second, plus a
    /// margin), so concurrent pages and details are never queued behind a small pool.
    package var maximumConnections: Int?
    package var clock: any SleepClock = SystemSleepClock()
    /// The rate schedule shared with consecutive runs against the same host (the CLI sets it); nil shares none.
    package var sharedSchedule: SharedRateSchedule?
    package var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
    package var logger = Logger(label: "syncro-fusion.http")

    package init() {}

    /// The connection pool size in effect.
    package var effectiveMaximumConnections: Int {
        maximumConnections ?? min(256, max(8, rateLimitPerMinute / 60 + 4))
    }
}
