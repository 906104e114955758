import Foundation
import SyncroAPI
import SyncroCatalog
import SyncroExport
import SyncroSimulator

/// Export throughput of every entity (`--entities all --details all`) at a scaled rate limit with simulated latency: how close the
/// export runs to the limit, and whether it makes more requests than the minimum.
struct ExportBenchmark {
    struct Result {
        var tickets: Int
        /// Records of every entity in the account (comments are inside the tickets).
        var records: Int
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
        // The minimum: /me, one detail per ticket, the users' pairs and details, and each list's pages (one empty
        // page more where the endpoint sends no total_pages).
        let state = dataset.json
        let minimum = ExportEntity.allCases.reduce(1 + tickets + 1 + dataset.users.count) { sum, entity in
            switch entity.definition.source {
            case .list, .ticketsWithDetails:
                sum + entity.listRequests(records: state[entity.rawValue]?.arrayValue?.count ?? 0)
            case .ticketComments, .derivedTags, .userPairs:
                sum
            }
        }
        let records = ExportEntity.allCases.reduce(0) { $0 + (state[$1.rawValue]?.arrayValue?.count ?? 0) }
        return try await withRunningSimulator(simulator) { baseURL in
            var clientConfiguration = ClientConfiguration()
            clientConfiguration.rateLimitPerMinute = rateLimit
            // Every entity needs every read permission.
            let secret = SimulatorTokens.samples.tokens.first { $0.token.contains("-migration-") }?.token ?? ""
            let token = APIToken(secret: secret, source: "bench")
            let client = SyncroClient.live(
                endpoint: SyncroEndpoint(baseURL: baseURL, subdomain: nil), token: token,
                configuration: clientConfiguration
            )
            let start = ContinuousClock.now
            var options = ExportOptions(outputDirectory: directory)
            options.format = .csv
            options.entities = ExportEntity.allCases
            // Every ticket's detail: the export's most expensive read, one request per ticket.
            options.details = .all
            let manifest = try await Exporter(client: client, options: options).run()
            let elapsed = ContinuousClock.now - start
            try await client.shutdown()
            return Result(
                tickets: tickets, records: records, rateLimit: rateLimit, latency: latency, requests: manifest.requests,
                minimumRequests: minimum, rateLimited: manifest.rateLimited, seconds: elapsed.seconds
            )
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
