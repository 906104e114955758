import Foundation
import Logging
import Synchronization

/// Retries failed exchanges under a ``RetryPolicy``, pausing the shared ``RateLimiter`` after a 429.
///
/// It returns the last response when attempts run out (the client turns it into an error) and rethrows the last
/// transport error. It never retries a POST after the request may have reached the server.
///
/// Retries are logged sparingly: a request's first retry is a warning with the real wait (after a 429, the
/// limiter's pause); its later retries, and the same trouble met by other requests within ``RetryWarnings/window``,
/// are debug lines, counted into the next warning. A connection that cannot be opened before the server ever
/// answered is logged at debug level only: the error that ends the run says it.
package struct RetryingTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let policy: RetryPolicy
    package let limiter: RateLimiter
    package let statistics: RequestStatistics
    private let clock: any SleepClock
    private let random: @Sendable () -> Double
    private let logger: Logger
    private let warnings = RetryWarnings()

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

    /// What to do after a failed attempt.
    private struct Retry {
        /// The wait before the next attempt (after a 429: the limiter's pause, which the next slot waits out).
        var delay: Duration
        /// Attempts in all that this kind of failure gets.
        var attempts: Int
        /// True after a 429: the wait is the shared limiter's, not this request's own sleep.
        var throughLimiter = false
        /// True for a connection that could not be opened before anything ever answered.
        var unanswered = false
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 1
        while true {
            let outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await base.send(request))
                statistics.record { $0.responses += 1 }
            } catch {
                outcome = .failure(error)
            }
            guard let retry = retry(after: outcome, request: request, attempt: attempt), attempt < retry.attempts
            else { return try outcome.get() }
            statistics.record { $0.retries += 1 }
            var wait = retry.delay
            if retry.throughLimiter { wait = await limiter.pause(for: retry.delay) }
            log(outcome, request: request, wait: wait, attempt: attempt, of: retry)
            if !retry.throughLimiter { try await clock.sleep(until: clock.now + wait) }
            attempt += 1
        }
    }

    /// The retry this outcome calls for, or nil when it must not be retried. Counts the outcome in the statistics.
    private func retry(after outcome: Result<HTTPResponse, any Error>, request: HTTPRequest, attempt: Int) -> Retry? {
        let idempotent = policy.retryableMethods.contains(request.method)
        let full = policy.maximumAttempts
        switch outcome {
        case .success(let response):
            if response.status == 429 {
                statistics.record { $0.rateLimited += 1 }
                let delay =
                    retryAfter(response) ?? policy.rateLimitBackoff.delay(beforeRetry: attempt, random: random())
                return Retry(delay: delay, attempts: full, throughLimiter: true)
            }
            if response.status >= 500 {
                statistics.record { $0.serverErrors += 1 }
                if response.status == 504, response.isHTML, !request.retriesGatewayTimeouts { return nil }
                guard idempotent else { return nil }
                return Retry(
                    delay: policy.serverErrorBackoff.delay(beforeRetry: attempt, random: random()), attempts: full)
            }
            return nil
        case .failure(let error):
            guard let transportError = error as? TransportError else { return nil }
            statistics.record { $0.connectionErrors += 1 }
            switch transportError {
            case .connectionFailed:
                if statistics.snapshot.responses == 0 {
                    return Retry(
                        delay: policy.unansweredBackoff.delay(beforeRetry: attempt, random: random()),
                        attempts: min(full, policy.unansweredAttempts), unanswered: true)
                }
                return Retry(
                    delay: policy.serverErrorBackoff.delay(beforeRetry: attempt, random: random()), attempts: full)
            case .connectionDropped, .timedOut:
                guard idempotent else { return nil }
                return Retry(
                    delay: policy.serverErrorBackoff.delay(beforeRetry: attempt, random: random()), attempts: full)
            case .responseTooLarge:
                return nil
            }
        }
    }

    private func log(
        _ outcome: Result<HTTPResponse, any Error>, request: HTTPRequest, wait: Duration, attempt: Int, of retry: Retry
    ) {
        let trouble = Self.describe(outcome)
        var line =
            "\(request.method.rawValue) \(request.path): \(trouble); retrying in \(Self.seconds(wait)) "
            + "(attempt \(attempt + 1) of \(retry.attempts))"
        guard !retry.unanswered, attempt == 1, let held = warnings.admit(trouble, at: clock.now) else {
            logger.debug("\(line)")
            return
        }
        if held > 0 { line += "; \(held) more retr\(held == 1 ? "y" : "ies") after \(trouble) were not shown" }
        logger.warning("\(line); later retries of this request are logged only at debug level (--verbose)")
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
        case .failure(let error as TransportError): error.reason
        case .failure(let error): String(describing: error)
        }
    }

    /// `15 s`, `1.5 s`: a wait as the retry warning shows it, rounded to a tenth of a second.
    package static func seconds(_ duration: Duration) -> String {
        let tenths =
            (duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000 + 50)
            / 100
        return tenths % 10 == 0 ? "\(tenths / 10) s" : "\(Double(tenths) / 10) s"
    }
}

/// Which retry warnings a client shows: the first of each kind of trouble (`HTTP 503`, a refused connection), then
/// the next only `window` later, with the count of those held back in between.
final class RetryWarnings: Sendable {
    static let window: Duration = .seconds(10)
    private let shown = Mutex<[String: (at: Duration, held: Int)]>([:])

    /// Nil when a warning about `trouble` was shown less than `window` ago (this one is counted instead);
    /// otherwise how many were held back since the last one shown.
    func admit(_ trouble: String, at now: Duration) -> Int? {
        shown.withLock { shown in
            if let last = shown[trouble], now - last.at < Self.window {
                shown[trouble]?.held += 1
                return nil
            }
            let held = shown[trouble]?.held ?? 0
            shown[trouble] = (now, 0)
            return held
        }
    }
}
