import Foundation
import SyncroAPI
import SyncroExport
import SyncroSimulator

/// Export throughput at a scaled rate limit with simulated latency: how close the export runs to the limit, and
/// whether it makes more requests than the minimum.
struct ExportBenchmark {
    struct Result {
        var tickets: Int
        var rateLimit: Int
        var latency: ClosedRange<Int>
        var requests: Int
        var minimumRequests: Int
        var rateLimited: Int
        var seconds: Double
        /// Wall time ÷ (requests ÷ rate limit): 1.0 is running exactly at the limit.
        var saturation: Double { seconds / (Double(requests) / (Double(rateLimit) / 60)) }
    }

    let tickets: Int
    let rateLimit: Int
    let latency: ClosedRange<Int>

    func run() async throws -> Result {
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(
                customers: max(10, tickets / 50), tickets: tickets, comments: 2, assets: max(10, tickets / 20), seed: 7)
        )
        var configuration = SimulatorConfiguration()
        configuration.rateLimitPerMinute = rateLimit
        configuration.latencyMilliseconds = latency
        configuration.randomSeed = 1
        let simulator = SyncroSimulator(dataset: dataset, tokens: .samples, configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-export-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let counts = (
            customers: dataset.customers.count, contacts: dataset.contacts.count, assets: dataset.assets.count,
            products: dataset.products.count, users: dataset.users.count
        )
        return try await withRunningSimulator(simulator) { baseURL in
            var clientConfiguration = ClientConfiguration()
            clientConfiguration.rateLimitPerMinute = rateLimit
            let token = APIToken(secret: SimulatorTokens.samples.tokens[0].token, source: "bench")
            let client = SyncroClient.live(
                endpoint: SyncroEndpoint(baseURL: baseURL, subdomain: nil), token: token,
                configuration: clientConfiguration
            )
            let start = ContinuousClock.now
            var options = ExportOptions(outputDirectory: directory)
            options.format = .csv
            let manifest = try await Exporter(client: client, options: options).run()
            let elapsed = ContinuousClock.now - start
            try await client.shutdown()
            func pages(_ count: Int) -> Int { max(1, (count + 99) / 100) }
            let minimum =
                1 + pages(tickets) + tickets + pages(counts.customers) + pages(counts.contacts) + pages(counts.assets)
                + pages(counts.products) + 1 + counts.users
            return Result(
                tickets: tickets, rateLimit: rateLimit, latency: latency, requests: manifest.requests,
                minimumRequests: minimum, rateLimited: manifest.rateLimited, seconds: elapsed.seconds
            )
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
