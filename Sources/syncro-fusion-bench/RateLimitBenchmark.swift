import Foundation
import SyncroAPI
import SyncroSimulator

/// Load against the simulator's per-IP limit: one client without a limiter of its own, one with the default.
///
/// Each client gets its own simulator (the limit is per client IP, and both clients share 127.0.0.1), runs for the
/// same wall time, and counts what the server answered.
struct RateLimitBenchmark {
    struct Row {
        var scenario: String
        var seconds: Double
        var requests: Int
        var ok: Int
        var tooMany: Int
        var perMinute: Double { Double(requests) / seconds * 60 }
    }

    let duration: Duration
    let limit: Int

    func run() async throws -> [Row] {
        async let unthrottled = scenario(
            name: "client limiter off, offering \(limit * 2)/min", clientLimit: 100_000, offeredPerMinute: limit * 2,
            workers: 4
        )
        async let throttled = scenario(
            name: "client limiter at \(limit)/min, 8 workers flat out", clientLimit: limit, offeredPerMinute: nil,
            workers: 8
        )
        return try await [unthrottled, throttled]
    }

    private func scenario(name: String, clientLimit: Int, offeredPerMinute: Int?, workers: Int) async throws -> Row {
        var configuration = SimulatorConfiguration()
        configuration.rateLimitPerMinute = limit
        let dataset = SimulatorDataset.generate(
            try GeneratorSpec.parse("customers=5,tickets=20,comments=2,assets=5,seed=1"))
        let simulator = SyncroSimulator(dataset: dataset, tokens: .samples, configuration: configuration)
        let token = APIToken(secret: SimulatorTokens.samples.tokens[0].token, source: "bench")
        return try await withRunningSimulator(simulator) { baseURL in
            var clientConfiguration = ClientConfiguration()
            clientConfiguration.rateLimitPerMinute = clientLimit
            clientConfiguration.retryPolicy = .none
            let client = SyncroClient.live(
                endpoint: SyncroEndpoint(baseURL: baseURL, subdomain: nil), token: token,
                configuration: clientConfiguration
            )
            let start = ContinuousClock.now
            let deadline = start + duration
            let pacing = offeredPerMinute.map { Duration.seconds(60) * workers / $0 }
            let counts = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for _ in 0..<workers {
                    group.addTask {
                        var ok = 0
                        var tooMany = 0
                        while ContinuousClock.now < deadline {
                            let began = ContinuousClock.now
                            do {
                                _ = try await client.me()
                                ok += 1
                            } catch let error as SyncroAPIError where error.kind == .rateLimited {
                                tooMany += 1
                            }
                            if let pacing { try await Task.sleep(until: began + pacing, clock: .continuous) }
                        }
                        return (ok, tooMany)
                    }
                }
                var total = (0, 0)
                for try await (ok, tooMany) in group { total = (total.0 + ok, total.1 + tooMany) }
                return total
            }
            let elapsed = ContinuousClock.now - start
            try await client.shutdown()
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Row(scenario: name, seconds: seconds, requests: counts.0 + counts.1, ok: counts.0, tooMany: counts.1)
        }
    }
}
