import Synchronization
import SyncroAPI

/// A clock whose sleeps return at once and move virtual time forward, recording every deadline asked for.
///
/// Tests assert the exact schedule a rate limiter or retry policy produced, without waiting for it.
package final class VirtualClock: SleepClock {
    private struct State {
        var now: Duration = .zero
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())

    package init() {}

    package var now: Duration { state.withLock { $0.now } }

    /// Every deadline passed to `sleep(until:)`, in call order.
    package var sleeps: [Duration] { state.withLock { $0.sleeps } }

    package func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(deadline)
            state.now = max(state.now, deadline)
        }
    }

    /// Moves time forward without a sleep, as if work took `duration`.
    package func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }
}
