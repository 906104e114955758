import Foundation
import Reconcile
import RecordFormats
import SyncroAPI
import SyncroSimulator

/// Apply throughput at a scaled rate limit with simulated latency: a plan of ticket updates and restored
/// comments (half each) on a generated account, run by the real engine with its journal, allowlist and
/// preconditions. Saturation is wall time ÷ (requests ÷ rate limit); every operation costs a re-read and a write.
struct ApplyBenchmark {
    struct Result {
        var operations: Int
        var rateLimit: Int
        var latency: ClosedRange<Int>
        var batchSize: Int
        var summary: ApplySummary
        var rateLimited: Int
        var seconds: Double
        var saturation: Double { seconds / (Double(summary.requests) / (Double(rateLimit) / 60)) }
    }

    let operations: Int
    let rateLimit: Int
    let latency: ClosedRange<Int>
    let batchSize: Int

    func run() async throws -> Result {
        let tickets = max(1, operations / 2)
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(customers: max(10, tickets / 50), tickets: tickets, comments: 1, assets: 10, seed: 11))
        var configuration = SimulatorConfiguration()
        configuration.rateLimitPerMinute = rateLimit
        configuration.latencyMilliseconds = latency
        configuration.randomSeed = 3
        let simulator = SyncroSimulator(dataset: dataset, tokens: .samples, configuration: configuration)
        let plan = Self.plan(dataset.tickets, operations: operations, rateLimit: rateLimit)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-apply-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        return try await withRunningSimulator(simulator) { baseURL in
            var clientConfiguration = ClientConfiguration()
            clientConfiguration.rateLimitPerMinute = rateLimit
            let token = APIToken(secret: SimulatorTokens.samples.tokens[0].token, source: "bench")
            let client = SyncroClient.live(
                endpoint: SyncroEndpoint(baseURL: baseURL, subdomain: nil), token: token,
                configuration: clientConfiguration, guarding: { AllowlistTransport(base: $0) })
            var options = ApplyOptions()
            options.batchSize = batchSize
            // A throughput measurement applies thousands of tickets on purpose.
            options.caps = .unlimited
            let journal = try ApplyJournal(path: directory + "/plan.journal")
            let start = ContinuousClock.now
            let summary = try await ApplyEngine(
                plan: plan, planPath: directory + "/plan.json", client: client, journal: journal, options: options
            ).run()
            let elapsed = ContinuousClock.now - start
            let rateLimited = client.statistics.snapshot.rateLimited
            try await client.shutdown()
            return Result(
                operations: plan.operations.count, rateLimit: rateLimit, latency: latency, batchSize: batchSize,
                summary: summary, rateLimited: rateLimited, seconds: elapsed.seconds)
        }
    }

    /// A priority change and a restored private note per ticket, until `operations` are planned.
    static func plan(_ tickets: [JSONObject], operations count: Int, rateLimit: Int) -> ReconciliationPlan {
        let scope = PlanOperation.KeyScope(relationshipID: "bench", subdomain: "demo")
        var operations: [PlanOperation] = []
        for ticket in tickets where operations.count < count {
            guard let id = ticket["id"]?.intValue else { continue }
            let updatedAt = ticket["updated_at"]?.stringValue
            let target: JSONValue = ticket["priority"] == "1 Urgent" ? "3 Low" : "1 Urgent"
            operations.append(
                .ticketUpdate(
                    code: .ticketField, gate: .auto, scope: scope, ticketID: id, field: "priority", target: target,
                    from: ["priority": ticket["priority"] ?? nil], to: ["priority": target], ticketUpdatedAt: updatedAt,
                    partnerID: nil, message: "priority differs"))
            guard operations.count < count else { break }
            operations.append(
                .commentPost(
                    code: .commentMissing, gate: .optIn, scope: scope, ticketID: id, partnerCommentID: "bench_\(id)",
                    ticketPartnerID: nil, text: "Restored note for ticket \(id).", hidden: true,
                    ticketUpdatedAt: updatedAt, message: "comment missing"))
        }
        return ReconciliationPlan(
            createdAt: Date(), snapshotID: "bench", syncroSubdomain: "demo", relationshipID: "bench",
            allowed: ["add-comments"], estimate: .forOperations(operations.count, rateLimitPerMinute: rateLimit),
            operations: operations)
    }
}
