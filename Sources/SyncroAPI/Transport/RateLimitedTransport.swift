/// Makes every request (every retry included) wait for a slot of the shared ``RateLimiter``.
package struct RateLimitedTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let limiter: RateLimiter
    package let statistics: RequestStatistics

    package init(base: any HTTPTransport, limiter: RateLimiter, statistics: RequestStatistics) {
        self.base = base
        self.limiter = limiter
        self.statistics = statistics
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await limiter.acquire()
        statistics.record { $0.requests += 1 }
        return try await base.send(request)
    }
}
