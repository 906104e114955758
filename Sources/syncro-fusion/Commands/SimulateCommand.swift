import ArgumentParser
import Foundation
import SyncroSimulator

/// `syncro-fusion simulate`: the local Syncro API simulator.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the local Syncro API simulator on 127.0.0.1.",
        discussion: """
            The first line on stdout is exactly "listening on http://127.0.0.1:PORT/api/v1". Control endpoints \
            outside /api/v1: GET /_sim/requests, GET /_sim/state, POST /_sim/reset. Stops on SIGINT or SIGTERM.

            EXAMPLES:
              syncro-fusion simulate --port 8765
              syncro-fusion simulate --port 0 --dataset samples/dataset.json
              syncro-fusion simulate --generate customers=200,tickets=5000,seed=7
              syncro-fusion simulate --faults 429=0.02,500=0.01 --latency-ms 20..80 \\
                  --seed 1
              syncro-fusion simulate --tokens samples/tokens.json --subdomain acme \\
                  --rate-limit 60 --retry-after 5
              syncro-fusion simulate --without ticket_comments
            """
    )

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port: Int = 0

    @Option(help: "Load this JSON dataset (the shape of samples/dataset.json).")
    var dataset: String?

    @Option(help: "Generate a deterministic dataset, e.g. customers=200,tickets=5000,comments=4,assets=400,seed=7.")
    var generate: String?

    @Option(help: "Load tokens and their Syncro permission names from this file (default: the bundled sample tokens).")
    var tokens: String?

    @Option(
        name: .customLong("rate-limit"), parsing: .unconditional,
        help: ArgumentHelp("Requests per minute per client IP address.", valueName: "n"))
    var rateLimitText = "180"

    /// The simulator's `--rate-limit` values accepted.
    static let rateLimitRange = 1...1_000_000

    @Option(name: .customLong("latency-ms"), help: "Add a random delay per request, in milliseconds: A..B.")
    var latencyMilliseconds: String?

    @Option(help: "Inject failures, e.g. 429=0.02,500=0.01,drop=0.01,html504=0.005,slow=0.01.")
    var faults: String?

    @Option(help: "The subdomain GET /me reports.")
    var subdomain: String = "demo"

    @Option(name: .customLong("retry-after"), help: "Send Retry-After: N with every 429 (Syncro documents none).")
    var retryAfter: Int?

    @Option(help: "Seed the random latency and faults, for repeatable runs.")
    var seed: UInt64?

    @Option(
        name: .customLong("closed-statuses"), help: "Statuses that status=\"Not Closed\" excludes, comma-separated.")
    var closedStatuses: String = "Resolved"

    @Option(
        name: .customLong("without"),
        help: ArgumentHelp(
            "Serve the account without these newer endpoints (older accounts answer 404 there); repeatable or "
                + "comma-separated. Accepted: \(OptionalEndpoint.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "endpoint"))
    var withheldEndpoints: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        _ = try RequestsPerMinute.parse(rateLimitText, range: Self.rateLimitRange)
        if let retryAfter, retryAfter < 0 { throw ValidationError("--retry-after must be 0 or more seconds.") }
        if dataset != nil, generate != nil { throw ValidationError("Give --dataset or --generate, not both.") }
        if let latencyMilliseconds, Self.parseLatency(latencyMilliseconds) == nil {
            throw ValidationError(
                "--latency-ms must be A..B with 0 <= A <= B, e.g. 200..600 (got \"\(latencyMilliseconds)\").")
        }
        do {
            _ = try OptionalEndpoint.parse(withheldEndpoints)
        } catch {
            throw ValidationError("--without: \(error.localizedDescription)")
        }
    }

    static func parseLatency(_ text: String) -> ClosedRange<Int>? {
        let parts = text.components(separatedBy: "..")
        if parts.count == 1, let value = Int(parts[0]), value >= 0 { return value...value }
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), low >= 0, low <= high else {
            return nil
        }
        return low...high
    }

    func run() async throws {
        do {
            let data: SimulatorDataset
            if let dataset {
                data = try SimulatorDataset.load(contentsOf: dataset)
            } else if let generate {
                data = SimulatorDataset.generate(try GeneratorSpec.parse(generate))
            } else {
                data = try SimulatorDataset.load(contentsOf: Self.defaultDatasetPath())
            }
            let tokenSet = try tokens.map { try SimulatorTokens.load(contentsOf: $0) } ?? SimulatorTokens.samples
            var configuration = SimulatorConfiguration()
            configuration.port = port
            configuration.rateLimitPerMinute = try RequestsPerMinute.parse(rateLimitText, range: Self.rateLimitRange)
            configuration.subdomain = subdomain
            configuration.latencyMilliseconds = latencyMilliseconds.flatMap(Self.parseLatency)
            if let faults { configuration.faults = try FaultSpec.parse(faults) }
            configuration.retryAfterSeconds = retryAfter
            configuration.randomSeed = seed
            configuration.closedStatuses = Set(
                closedStatuses.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            )
            for endpoint in try OptionalEndpoint.parse(withheldEndpoints) { configuration.withhold(endpoint) }
            let simulator = SyncroSimulator(dataset: data, tokens: tokenSet, configuration: configuration)
            try await simulator.run(handleSignals: true) { port in
                FileHandle.standardOutput.write(Data("listening on http://127.0.0.1:\(port)/api/v1\n".utf8))
            }
        } catch {
            throw CommandFailure.report(error)
        }
    }

    /// `samples/dataset.json` beside the executable's package, for `make demo` without arguments.
    static func defaultDatasetPath() throws -> String {
        let candidates = [
            FileManager.default.currentDirectoryPath + "/samples/dataset.json",
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appendingPathComponent("../../../samples/dataset.json").standardized.path,
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ValidationError(
                "No dataset given and samples/dataset.json not found: pass --dataset PATH or --generate SPEC.")
        }
        return found
    }
}
