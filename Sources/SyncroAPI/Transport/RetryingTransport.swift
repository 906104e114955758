import Foundation
import Logging

/// Retries failed exchanges under a ``RetryPolicy``, pausing the shared ``RateLimiter`` after a 429.
///
/// It returns the last response when attempts run out (the client turns it into an error) and rethrows the last
/// transport error. It never retries a POST after the request may have reached the server.
package struct RetryingTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let policy: RetryPolicy
    package let limiter: RateLimiter
    package let statistics: RequestStatistics
    private let clock: any SleepClock
    private let random: @Sendable () -> Double
    private let logger: Logger

    package init(
        base: any HTTPTransport, policy: RetryPolicy, limiter: RateLimiter, statistics: RequestStatistics,
        clock: any SleepClock = SystemSleepClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger = Logger(label: "syncro-fusion.http")
    ) {
        self.base = base
        self.policy = policy
        self.limiter = limiter
        self.statistics = statistics
        self.clock = clock
        self.random = random
        self.logger = logger
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 1
        while true {
            let outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await base.send(request))
            } catch {
                outcome = .failure(error)
            }
            let willRetry = attempt < policy.maximumAttempts
            guard let delay = await retryDelay(for: outcome, request: request, retry: attempt, willRetry: willRetry),
                willRetry
            else { return try outcome.get() }
            statistics.record { $0.retries += 1 }
            logger.warning(
                "\(request.method.rawValue) \(request.path): \(Self.describe(outcome)); retrying in \(Self.seconds(delay)) (attempt \(attempt + 1) of \(policy.maximumAttempts))"
            )
            try await clock.sleep(until: clock.now + delay)
            attempt += 1
        }
    }

    /// The wait before the next attempt, or nil when this outcome must not be retried.
    /// Counts the outcome in the statistics and, for a 429 that will be retried, pauses the shared limiter.
    private func retryDelay(
        for outcome: Result<HTTPResponse, any Error>, request: HTTPRequest, retry: Int, willRetry: Bool
    ) async -> Duration? {
        let idempotent = policy.retryableMethods.contains(request.method)
        switch outcome {
        case .success(let response):
            if response.status == 429 {
                statistics.record { $0.rateLimited += 1 }
                let delay = retryAfter(response) ?? policy.rateLimitBackoff.delay(beforeRetry: retry, random: random())
                if willRetry { await limiter.pause(for: delay) }
                return .zero  // the limiter now holds every request back; the next acquire waits
            }
            if response.status >= 500 {
                statistics.record { $0.serverErrors += 1 }
                if response.status == 504, response.isHTML, !request.retriesGatewayTimeouts { return nil }
                return idempotent ? policy.serverErrorBackoff.delay(beforeRetry: retry, random: random()) : nil
            }
            return nil
        case .failure(let error):
            guard let transportError = error as? TransportError else { return nil }
            statistics.record { $0.connectionErrors += 1 }
            switch transportError {
            case .connectionFailed:
                return policy.serverErrorBackoff.delay(beforeRetry: retry, random: random())
            case .connectionDropped, .timedOut:
                return idempotent ? policy.serverErrorBackoff.delay(beforeRetry: retry, random: random()) : nil
            case .responseTooLarge:
                return nil
            }
        }
    }

    private func retryAfter(_ response: HTTPResponse) -> Duration? {
        guard let text = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces), let seconds = Int(text),
            seconds >= 0
        else { return nil }
        return min(.seconds(seconds), policy.maximumRetryAfter)
    }

    private static func describe(_ outcome: Result<HTTPResponse, any Error>) -> String {
        switch outcome {
        case .success(let response): response.isHTML ? "HTTP \(response.status) (HTML page)" : "HTTP \(response.status)"
        case .failure(let error): String(describing: error)
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}
