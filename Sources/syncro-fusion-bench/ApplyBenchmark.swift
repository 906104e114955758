import Foundation
import Reconcile
import RecordFormats
import Snapshot
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
        var operations: [PlanOperation] = []
        for ticket in tickets where operations.count < count {
            guard let id = ticket["id"]?.intValue else { continue }
            let updatedAt = ticket["updated_at"]?.stringValue
            let target: JSONValue = ticket["priority"] == "1 Urgent" ? "3 Low" : "1 Urgent"
            let updateKey = OperationKey.make(
                relationshipID: "bench", subdomain: "demo", entity: "ticket", id: String(id), kind: .updateTicket,
                field: "priority", target: target)
            operations.append(
                PlanOperation(
                    opKey: updateKey, code: .ticketField, gate: .auto, kind: .updateTicket, method: "PUT",
                    path: "/tickets/\(id)", body: ["priority": target], from: ["priority": ticket["priority"] ?? nil],
                    to: ["priority": target], ticketID: id, ticketUpdatedAt: updatedAt, message: "priority differs"))
            guard operations.count < count else { break }
            let partner = "bench_\(id)"
            let body = "Restored note for ticket \(id)."
            let commentKey = OperationKey.make(
                relationshipID: "bench", subdomain: "demo", entity: "comment", id: partner, kind: .addComment,
                field: "comment", target: .string(partner))
            let marker = ReferenceMarker(partnerID: partner, opKey: commentKey)
            operations.append(
                PlanOperation(
                    opKey: commentKey, code: .commentMissing, gate: .optIn, kind: .addComment, method: "POST",
                    path: "/tickets/\(id)/comment",
                    body: [
                        "subject": "Update", "body": .string(marker.appended(to: body)), "hidden": true,
                        "do_not_email": true,
                    ],
                    from: [:], to: ["body_sha256": .string(BodyHash.sha256(body)), "hidden": true], ticketID: id,
                    ticketUpdatedAt: updatedAt, partnerID: partner, marker: marker.line, message: "comment missing"))
        }
        return ReconciliationPlan(
            createdAt: Date(), snapshotID: "bench", syncroSubdomain: "demo", relationshipID: "bench",
            allowed: ["add-comments"], estimate: .forOperations(operations.count, rateLimitPerMinute: rateLimit),
            operations: operations)
    }
}
