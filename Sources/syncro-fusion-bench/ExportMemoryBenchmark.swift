import Foundation
import SyncroSimulator

/// Peak memory of the `syncro-fusion export` process (not the simulator) at two account sizes, to show it is flat.
struct ExportMemoryBenchmark {
    struct Row {
        var tickets: Int
        var peakMegabytes: Double
        var seconds: Double
        var exitStatus: Int32
    }

    let binary: String

    func run(tickets: Int) async throws -> Row {
        let dataset = SimulatorDataset.generate(
            GeneratorSpec(
                customers: max(10, tickets / 50), tickets: tickets, comments: 3, assets: max(10, tickets / 20), seed: 9)
        )
        var configuration = SimulatorConfiguration()
        configuration.rateLimitPerMinute = 100_000_000
        let simulator = SyncroSimulator(dataset: dataset, tokens: .samples, configuration: configuration)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-memory-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        return try await withRunningSimulator(simulator) { baseURL in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["export", "--out", directory, "--format", "csv", "--rate-limit", "100000", "--quiet"]
            process.environment = [
                "SYNCRO_BASE_URL": baseURL, "SYNCRO_API_TOKEN": SimulatorTokens.samples.tokens[0].token,
                "PATH": "/usr/bin:/bin",
            ]
            process.standardOutput = FileHandle.nullDevice
            let (seconds, peak) = try await Self.measure(process)
            return Row(tickets: tickets, peakMegabytes: peak, seconds: seconds, exitStatus: process.terminationStatus)
        }
    }

    /// Runs `process` to its end, polling its peak resident set size: (wall seconds, peak MB).
    static func measure(_ process: Process) async throws -> (seconds: Double, peakMegabytes: Double) {
        let start = ContinuousClock.now
        try process.run()
        let pid = process.processIdentifier
        var peak = 0.0
        while process.isRunning {
            peak = max(peak, peakResidentMegabytes(pid: pid) ?? 0)
            try await Task.sleep(for: .milliseconds(50))
        }
        return ((ContinuousClock.now - start).seconds, peak)
    }

    /// `VmHWM` of a live process: the peak resident set size so far.
    static func peakResidentMegabytes(pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Double($0) }.first
            return digits.map { $0 / 1024 }
        }
        return nil
    }
}
