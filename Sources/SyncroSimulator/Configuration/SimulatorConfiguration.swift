import Foundation
import Logging
import RecordFormats

/// Everything about the simulator's behaviour that the reference leaves uncertain, with defaults that follow
/// the observed behaviour of live accounts.
///
/// Each property names the quirk it controls. The defaults reproduce the documented or most likely Syncro
/// behaviour; tests and scripts change them to probe a client's handling of the alternatives.
package struct SimulatorConfiguration: Sendable {
    /// The address to bind; the simulator is meant for loopback only.
    package var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free port (reported through `onListening`).
    package var port: Int = 0

    /// Requests allowed per client IP within `rateLimitWindow` (Syncro documents 180 per minute per IP).
    package var rateLimitPerMinute: Int = 180
    /// The length of the sliding rate-limit window; tests use short windows with an injected clock.
    package var rateLimitWindow: Duration = .seconds(60)
    /// The `Retry-After` value sent with a 429, or nil to send none (Syncro documents none).
    package var retryAfterSeconds: Int? = nil
    /// The body of a 429 response.
    package var rateLimitBody: JSONValue = ["error": "Rate limit exceeded"]

    /// A random delay added to every API request, in milliseconds, or nil for none.
    package var latencyMilliseconds: ClosedRange<Int>? = nil
    /// Random failures injected into API requests.
    package var faults: FaultSpec = FaultSpec()
    /// How long a `slow` fault holds the response back.
    package var slowFaultDelay: Duration = .seconds(5)
    /// The seed of the random source behind latency and faults; nil seeds from the system.
    package var randomSeed: UInt64? = nil

    /// The subdomain `GET /me` reports.
    package var subdomain: String = "demo"
    /// Default page sizes per endpoint.
    package var pageSizes: SimulatorPageSizes = SimulatorPageSizes()
    /// The largest `per_page` honoured; larger values are clamped to it.
    package var perPageMaximum: Int = 100
    /// Whether `per_page` is honoured at all; when false every endpoint uses its default size.
    package var honoursPerPage: Bool = true
    /// The `meta` keys of each list endpoint.
    package var metaKeys: SimulatorMetaKeys = SimulatorMetaKeys()

    /// The statuses that `status=Not Closed` excludes.
    ///
    /// The reference infers "every status except Resolved, and possibly also except Invoiced"; the default
    /// takes the narrower, primary reading.
    package var closedStatuses: Set<String> = ["Resolved"]
    /// Whether `GET /tickets` rows carry every comment by default (pre-March-2026 behaviour) instead of only the
    /// first; `all_comments=true|false` overrides it per request.
    package var listsAllCommentsByDefault: Bool = false
    /// The key of the admin flag in user objects embedded in ticket list rows (`admin?` per two independent
    /// clients); a ticket detail's user has the documented `admin`.
    package var embeddedUserAdminKey: String = "admin?"
    /// The body sent for a missing or unknown token (Syncro's is undocumented).
    package var unauthorizedBody: JSONValue = ["error": "Not authorized"]
    /// Whether ticket detail responses add `contact_id` and `ticket_type_id`, which list rows carry but the
    /// OpenAPI detail example omits.
    package var ticketDetailIncludesListKeys: Bool = true
    /// Whether `GET /ticket_comments` (the newer API's bulk comments list) is served; when false the path answers
    /// like an unknown route, 404 `{"error":"Not Found"}`, as older accounts do.
    package var servesTicketComments: Bool = true

    /// The monotonic clock behind the rate limiter; inject a manual one so tests never sleep.
    package var now: @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    /// The wall clock behind `created_at` and `updated_at` of writes.
    package var wallClock: @Sendable () -> Date = { Date() }
    /// How the simulator waits for latency and `slow` faults; inject a no-op in tests.
    package var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// The server's logger. It is quiet by default, so the CLI's first stdout line stays the `listening on` line
    /// and shutdown does not report the cancelled connections as errors.
    package var logger: Logger = {
        var logger = Logger(label: "syncro-simulator")
        logger.logLevel = .critical
        return logger
    }()

    package init() {}

    /// Serves the account without `endpoint`, as an older account that lacks it.
    package mutating func withhold(_ endpoint: OptionalEndpoint) {
        switch endpoint {
        case .ticketComments: servesTicketComments = false
        }
    }

    /// Whether the account serves `route`; a route it does not serve answers like an unknown path.
    package func serves(_ route: SimulatorRoute) -> Bool {
        switch route {
        case .listTicketComments: servesTicketComments
        default: true
        }
    }
}
