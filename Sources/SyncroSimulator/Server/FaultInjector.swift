import RecordFormats

/// Decides, per API request, the added latency and the fault to inject, from seeded randomness and scripted
/// faults.
///
/// Scripted faults come first, in the order they were added; then one draw against `FaultSpec`. Latency is a
/// uniform draw from the configured range. The same seed and request sequence always give the same decisions.
package actor FaultInjector {
    /// What happens to one request.
    package struct Decision: Sendable, Equatable {
        package var latency: Duration?
        package var fault: FaultSpec.Kind?
    }

    private let spec: FaultSpec
    private let latency: ClosedRange<Int>?
    private var random: SplitMix64
    private var scripted: [ScriptedFault] = []

    package init(spec: FaultSpec, latencyMilliseconds: ClosedRange<Int>?, seed: UInt64) {
        self.spec = spec
        self.latency = latencyMilliseconds
        self.random = SplitMix64(seed: seed)
    }

    package func decide(method: String, path: String) -> Decision {
        var decision = Decision()
        if let latency {
            decision.latency = .milliseconds(random.int(in: latency))
        }
        if let index = scripted.firstIndex(where: { $0.matches(method: method, path: path) }) {
            decision.fault = scripted[index].kind
            scripted[index].remaining -= 1
            if scripted[index].remaining <= 0 { scripted.remove(at: index) }
        } else if !spec.isEmpty {
            decision.fault = spec.fault(forDraw: random.unit())
        }
        return decision
    }

    package func add(_ faults: [ScriptedFault]) {
        scripted += faults
    }

    package func pending() -> [ScriptedFault] {
        scripted
    }

    package func clear() {
        scripted = []
    }
}
