/// Monotonic time and sleeping, injected so that tests can assert exact schedules without waiting.
package protocol SleepClock: Sendable {
    /// Time since an arbitrary fixed origin.
    var now: Duration { get }
    /// Suspends until `now` reaches `deadline` (returns at once when it already has).
    func sleep(until deadline: Duration) async throws
}

/// The real clock: `ContinuousClock`, measured from the moment the value was made.
package struct SystemSleepClock: SleepClock {
    private let origin = ContinuousClock.now

    package init() {}

    package var now: Duration { ContinuousClock.now - origin }

    package func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline, tolerance: .milliseconds(1))
    }
}
