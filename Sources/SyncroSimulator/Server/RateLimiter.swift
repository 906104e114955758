/// A sliding-window request limit per client IP, shared by every token, as Syncro limits per IP address.
///
/// A request is admitted when fewer than `limit` admitted requests from the same IP fall within the last
/// `window`; rejected requests do not count. With the defaults, 180 requests per 60 s:
///
/// | requests from one IP in the last 60 s | next request |
/// |---|---|
/// | 0–179 | admitted |
/// | 180 | 429 until the oldest one leaves the window |
///
/// The clock is injected, so tests move time instead of sleeping.
package actor RateLimiter {
    private let limit: Int
    private let window: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private var admitted: [String: [ContinuousClock.Instant]] = [:]

    package init(limit: Int, window: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// Whether a request from `client` may proceed; counts it when it may.
    package func admit(_ client: String) -> Bool {
        guard limit > 0 else { return true }
        let current = now()
        var times = admitted[client] ?? []
        let expired = times.prefix { current - $0 >= window }.count
        if expired > 0 { times.removeFirst(expired) }
        guard times.count < limit else {
            admitted[client] = times
            return false
        }
        times.append(current)
        admitted[client] = times
        return true
    }

    /// Forgets every counted request.
    package func reset() {
        admitted = [:]
    }
}
