/// What applying a plan costs: API calls (a re-read and a write per operation) and the least time they take at
/// the rate limit.
package struct PlanEstimate: Sendable, Hashable {
    package var requests: Int
    package var minSeconds: Double
    package var rateLimitPerMinute: Int

    package init(requests: Int, rateLimitPerMinute: Int) {
        self.requests = requests
        self.rateLimitPerMinute = rateLimitPerMinute
        minSeconds =
            rateLimitPerMinute > 0 ? (Double(requests) * 60 / Double(rateLimitPerMinute) * 10).rounded() / 10 : 0
    }

    package init(requests: Int, minSeconds: Double, rateLimitPerMinute: Int) {
        self.requests = requests
        self.minSeconds = minSeconds
        self.rateLimitPerMinute = rateLimitPerMinute
    }

    /// Two requests per operation: the precondition read and the write.
    package static func forOperations(_ count: Int, rateLimitPerMinute: Int) -> PlanEstimate {
        PlanEstimate(requests: count * 2, rateLimitPerMinute: rateLimitPerMinute)
    }
}
