import Foundation
import RecordFormats
import SyncroAPI
import SyncroCatalog
import SyncroExport
import SyncroSimulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `sync --mirror` at a scaled rate limit with 200–600 ms latency, run as the real binary against the simulator:
/// a first full sync, the same sync killed ten times, a nightly run after changes and deletions, and an
/// `export --mirror` of a large mirror.
struct SyncBenchmark {
    let binary: String

    struct FirstSync {
        var tickets: Int
        var comments: Int
        var requests: Int
        var minimum: Int
        var seconds: Double
        var rateLimit: Int
        var rateLimited: Int
        var floorSeconds: Double { Double(requests) / (Double(rateLimit) / 60) }
    }

    struct Kills {
        var kills: Int
        var requests: Int
        var uninterrupted: Int
        /// The most requests one process can have in flight: its limiter's concurrency.
        var inFlight: Int
        var sameRecords: Bool
        var wastedPerKill: Double { Double(requests - uninterrupted) / Double(kills) }
    }

    struct Nightly {
        var changed: Int
        var deleted: Int
        var requests: Int
        var minimum: Int
        var changesMirrored: Bool
        var deletionsMirrored: Bool
    }

    struct MirrorExportRun {
        var tickets: Int
        var comments: Int
        var seconds: Double
        var peakMegabytes: Double
        var requests: Int
        var exitStatus: Int32
    }

    static let administrator = "bench-administrator-0123456789abcdef"

    private func environment(_ baseURL: String, state: String) -> [String: String] {
        [
            "SYNCRO_BASE_URL": baseURL, "SYNCRO_API_TOKEN": SimulatorTokens.samples.tokens[0].token,
            "XDG_STATE_HOME": state, "PATH": "/usr/bin:/bin",
        ]
    }

    /// Runs `sync` (or any command) as a child; `killAfter` sends SIGKILL after that long.
    private func runChild(_ arguments: [String], environment: [String: String], killAfter: Duration? = nil)
        async throws -> (seconds: Double, status: Int32)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        try process.run()
        if let killAfter {
            try await Task.sleep(for: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return ((ContinuousClock.now - start).seconds, process.terminationStatus)
    }

    private func control(_ root: String, _ method: String, _ path: String) async throws -> JSONValue {
        guard let url = URL(string: root + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, _) = try await URLSession.shared.data(for: request)
        return data.isEmpty ? .null : try JSONValue.parse(Array(data))
    }

    private func requestLog(_ root: String) async throws -> [JSONValue] {
        let body = try await control(root, "GET", "/_sim/requests")
        return body.arrayValue ?? []
    }

    /// The minimum of a pass: ticket pages, comment pages, each other list's pages, the users' pairs and details.
    static func minimum(tickets: Int, comments: Int, dataset: SimulatorDataset) -> Int {
        let others = [ExportEntity.customers, .contacts, .assets, .products].reduce(0) {
            $0 + $1.listRequests(records: dataset.json[$1.rawValue]?.arrayValue?.count ?? 0)
        }
        return ExportEntity.tickets.listRequests(records: tickets) + max(1, (comments + 99) / 100) + others + 1
            + dataset.users.count
    }

    func run(tickets: Int, rateLimit: Int, latency: ClosedRange<Int>) async throws -> (
        FirstSync, Kills, Nightly
    ) {
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(
                customers: max(10, tickets / 50), tickets: tickets, comments: 3, assets: max(10, tickets / 20), seed: 5)
        )
        let comments = dataset.tickets.reduce(0) { $0 + ($1["comments"]?.arrayValue?.count ?? 0) }
        var configuration = SimulatorConfiguration()
        configuration.rateLimitPerMinute = rateLimit
        configuration.latencyMilliseconds = latency
        configuration.randomSeed = 3
        let tokens = SimulatorTokens(
            SimulatorTokens.samples.tokens + [
                SimulatorToken(token: Self.administrator, name: "Administrator", permissions: [SyncroPermission.all])
            ])
        let simulator = SyncroSimulator(dataset: dataset, tokens: tokens, configuration: configuration)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-sync-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        return try await withRunningSimulator(simulator) { baseURL in
            let root = String(baseURL.dropLast("/api/v1".count))
            let rate = ["--rate-limit", String(rateLimit), "--quiet"]

            // 1. The first full sync, without details.
            let first = work + "/first.mirror"
            var environment = environment(baseURL, state: work + "/state-first")
            _ = try await control(root, "DELETE", "/_sim/requests")
            let run = try await runChild(["sync", "--mirror", first] + rate, environment: environment)
            let log = try await requestLog(root)
            let firstSync = FirstSync(
                tickets: tickets, comments: comments, requests: log.count,
                minimum: Self.minimum(tickets: tickets, comments: comments, dataset: dataset), seconds: run.seconds,
                rateLimit: rateLimit, rateLimited: log.filter { $0["status"]?.intValue == 429 }.count)

            // 2. The same, killed ten times at random moments of the first ~90 % of its run, then to the end.
            let killed = work + "/killed.mirror"
            environment = self.environment(baseURL, state: work + "/state-killed")
            try await Task.sleep(for: .seconds(61))  // the simulator's window forgets the first sync
            _ = try await control(root, "DELETE", "/_sim/requests")
            var random = SystemRandomNumberGenerator()
            let slice = max(0.5, run.seconds * 0.9 / 10)
            for _ in 0..<10 {
                let after = Duration.milliseconds(Int(Double.random(in: 0.3...slice, using: &random) * 1000))
                _ = try await runChild(["sync", "--mirror", killed] + rate, environment: environment, killAfter: after)
            }
            _ = try await runChild(["sync", "--mirror", killed] + rate, environment: environment)
            let killedRequests = try await requestLog(root).count
            let same = try Self.sameRecords(first, killed, in: work)
            let kills = Kills(
                kills: 10, requests: killedRequests, uninterrupted: firstSync.requests,
                inFlight: min(256, max(4, rateLimit / 60 + 4)) * 2, sameRecords: same)

            // 3. A nightly run after 1 % of the tickets changed and 0.1 % were deleted (with --full-scan, which
            // lists every ticket id to notice the deletions).
            try await Task.sleep(for: .seconds(61))
            let ids = dataset.tickets.compactMap { $0["id"]?.intValue }
            let changedIDs = stride(from: 0, to: ids.count, by: 100).map { ids[$0] }
            let deletedIDs = stride(from: 50, to: ids.count, by: 1000).map { ids[$0] }
            for id in changedIDs { try await write("PUT", "/tickets/\(id)", body: ["status": "Scheduled"], baseURL) }
            for id in deletedIDs { try await write("DELETE", "/tickets/\(id)", body: nil, baseURL) }
            try await Task.sleep(for: .seconds(61))
            _ = try await control(root, "DELETE", "/_sim/requests")
            environment = self.environment(baseURL, state: work + "/state-nightly")
            _ = try await runChild(["sync", "--mirror", first, "--full-scan"] + rate, environment: environment)
            let nightlyRequests = try await requestLog(root).count
            let changedComments = Set(changedIDs).subtracting(deletedIDs).reduce(0) { sum, id in
                sum + (dataset.tickets.first { $0["id"]?.intValue == id }?["comments"]?.arrayValue?.count ?? 0)
            }
            let store = try StagingStore.openMirror(path: first)
            let deletionsMirrored = try store.deletedCount(.tickets) == deletedIDs.count
            let changesMirrored = try changedIDs.filter { !deletedIDs.contains($0) }.allSatisfy {
                try store.record(.tickets, id: $0)?["status"] == "Scheduled"
            }
            store.close()
            let nightly = Nightly(
                changed: changedIDs.count, deleted: deletedIDs.count, requests: nightlyRequests,
                minimum: Self.minimum(tickets: tickets - deletedIDs.count, comments: changedComments, dataset: dataset),
                changesMirrored: changesMirrored, deletionsMirrored: deletionsMirrored)
            return (firstSync, kills, nightly)
        }
    }

    /// A write as an administrator (the tool never sends DELETE; the benchmark plays Syncro's users).
    private func write(_ method: String, _ path: String, body: JSONValue?, _ baseURL: String) async throws {
        guard let url = URL(string: baseURL + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(Self.administrator)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let body { request.httpBody = Data(body.serializedBytes) }
        while true {
            let (_, response) = try await URLSession.shared.data(for: request)
            // The simulator's rate limit applies to these writes too.
            if (response as? HTTPURLResponse)?.statusCode == 429 {
                try await Task.sleep(for: .seconds(1))
                continue
            }
            return
        }
    }

    /// Whether two mirrors hold the same records (exported as JSON Lines, compared byte for byte).
    static func sameRecords(_ a: String, _ b: String, in work: String) throws -> Bool {
        var same = true
        for (mirror, directory) in [(a, work + "/export-a"), (b, work + "/export-b")] {
            var options = ExportOptions(outputDirectory: directory)
            options.format = .jsonl
            _ = try MirrorExport.run(mirror: mirror, options: options)
        }
        for entity in ExportEntity.defaults {
            let name = "/\(entity.rawValue).jsonl"
            same =
                same
                && FileManager.default.contentsEqual(
                    atPath: work + "/export-a" + name, andPath: work + "/export-b" + name)
        }
        return same
    }

    /// `export --mirror` of a large mirror to CSV: the mirror is made by a sync without latency first.
    func exportFromMirror(tickets: Int) async throws -> MirrorExportRun {
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(
                customers: max(10, tickets / 50), tickets: tickets, comments: 3, assets: max(10, tickets / 20), seed: 7)
        )
        let comments = dataset.tickets.reduce(0) { $0 + ($1["comments"]?.arrayValue?.count ?? 0) }
        var configuration = SimulatorConfiguration()
        configuration.rateLimitPerMinute = 100_000_000
        let simulator = SyncroSimulator(dataset: dataset, tokens: .samples, configuration: configuration)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("bench-mirror-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        return try await withRunningSimulator(simulator) { baseURL in
            let root = String(baseURL.dropLast("/api/v1".count))
            let mirror = work + "/large.mirror"
            let environment = environment(baseURL, state: work + "/state")
            _ = try await runChild(
                ["sync", "--mirror", mirror, "--rate-limit", "100000", "--quiet"], environment: environment)
            _ = try await control(root, "DELETE", "/_sim/requests")
            // The export itself: no simulator address, no token.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["export", "--mirror", mirror, "--out", work + "/csv", "--format", "csv", "--quiet"]
            process.environment = ["PATH": "/usr/bin:/bin", "XDG_STATE_HOME": work + "/state"]
            process.standardOutput = FileHandle.nullDevice
            let (seconds, peak) = try await ExportMemoryBenchmark.measure(process)
            return MirrorExportRun(
                tickets: tickets, comments: comments, seconds: seconds, peakMegabytes: peak,
                requests: try await requestLog(root).count, exitStatus: process.terminationStatus)
        }
    }
}
