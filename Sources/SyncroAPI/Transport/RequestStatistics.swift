import Synchronization

/// Counters of what a client did on the wire: requests sent, 429s met, retries. Read for manifests and summaries.
package final class RequestStatistics: Sendable {
    private let counters = Mutex(Counters())

    package struct Counters: Sendable, Equatable {
        package var requests = 0
        package var rateLimited = 0
        package var retries = 0
        package var serverErrors = 0
        package var connectionErrors = 0
        /// Exchanges the server answered (any status): once there is one, something listens at the address.
        package var responses = 0
    }

    package init() {}

    package var snapshot: Counters { counters.withLock { $0 } }

    package func record(_ update: (inout Counters) -> Void) {
        counters.withLock { update(&$0) }
    }
}
