/// An exponential delay schedule: `initial × multiplier^(retry − 1)`, capped at `maximum`, spread by ± `jitter`.
package struct Backoff: Sendable, Equatable {
    package var initial: Duration
    package var multiplier: Double
    package var maximum: Duration
    /// The fraction by which a delay may be moved up or down at random (0.25 = ±25 %).
    package var jitter: Double

    package init(initial: Duration, multiplier: Double = 2, maximum: Duration, jitter: Double = 0) {
        self.initial = initial
        self.multiplier = multiplier
        self.maximum = maximum
        self.jitter = jitter
    }

    /// The delay before retry number `retry` (1 for the first retry); `random` is uniform in 0..<1.
    package func delay(beforeRetry retry: Int, random: Double) -> Duration {
        var seconds = Double(initial.components.seconds) + Double(initial.components.attoseconds) / 1e18
        for _ in 1..<max(1, retry) { seconds *= multiplier }
        let cap = Double(maximum.components.seconds) + Double(maximum.components.attoseconds) / 1e18
        seconds = min(seconds, cap)
        seconds *= 1 + jitter * (2 * random - 1)
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}

/// When and how often a request is tried again.
///
/// Defaults (6 attempts in all):
///
/// | retry | after 5xx, HTML 504, dropped connection | after 429 without `Retry-After` |
/// |---:|---:|---:|
/// | 1 | 1 s ± 25 % | 15 s |
/// | 2 | 2 s ± 25 % | 30 s |
/// | 3 | 4 s ± 25 % | 60 s |
/// | 4 | 8 s ± 25 % | 60 s |
/// | 5 | 16 s ± 25 % | 60 s |
///
/// A 429 with `Retry-After: N` waits N seconds (at most `maximumRetryAfter`). A 429 is retried for every method,
/// because the server refused the request before doing anything. Everything else is retried only for the
/// idempotent methods in `retryableMethods` (GET and PUT): a POST that met a 5xx or a broken connection may have
/// created its record, so it is never re-sent blindly; its failure surfaces as "outcome unknown".
///
/// A connection that cannot be opened (refused, unknown host) while nothing has answered yet (no response at all
/// since the client was made) is most likely a wrong address or a server that is down, not a passing hiccup: it
/// gets `unansweredAttempts` (3) attempts after 0.5 s and 1 s (± 25 %), under 2 s in all, so a wrong
/// `--base-url` fails in seconds. Once the server has answered once, the same failure gets the full schedule above.
package struct RetryPolicy: Sendable, Equatable {
    package var maximumAttempts: Int
    package var serverErrorBackoff: Backoff
    package var rateLimitBackoff: Backoff
    package var maximumRetryAfter: Duration
    package var retryableMethods: Set<HTTPRequest.Method>
    /// Attempts in all for a connection that cannot be opened before the server ever answered (capped by
    /// `maximumAttempts`).
    package var unansweredAttempts: Int
    package var unansweredBackoff: Backoff

    package init(
        maximumAttempts: Int = 6,
        serverErrorBackoff: Backoff = Backoff(initial: .seconds(1), maximum: .seconds(30), jitter: 0.25),
        rateLimitBackoff: Backoff = Backoff(initial: .seconds(15), maximum: .seconds(60)),
        maximumRetryAfter: Duration = .seconds(300),
        retryableMethods: Set<HTTPRequest.Method> = [.get, .put],
        unansweredAttempts: Int = 3,
        unansweredBackoff: Backoff = Backoff(initial: .milliseconds(500), maximum: .seconds(1), jitter: 0.25)
    ) {
        self.maximumAttempts = maximumAttempts
        self.serverErrorBackoff = serverErrorBackoff
        self.rateLimitBackoff = rateLimitBackoff
        self.maximumRetryAfter = maximumRetryAfter
        self.retryableMethods = retryableMethods
        self.unansweredAttempts = unansweredAttempts
        self.unansweredBackoff = unansweredBackoff
    }

    /// No retries at all.
    package static let none = RetryPolicy(maximumAttempts: 1)
}
