import Foundation

/// `make bench`: runs the benchmarks and writes a Markdown results table.
@main
struct BenchMain {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seconds = Int(environment["BENCH_SECONDS"] ?? "") ?? 120
        let output = environment["BENCH_OUTPUT"] ?? "bench-results/results.md"
        var report = "# syncro-fusion benchmarks\n\n"
        report += "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
        report +=
            "\(ProcessInfo.processInfo.physicalMemory >> 30) GiB; run \(ISO8601DateFormatter().string(from: Date())).\n\n"

        print("rate limit: \(seconds) s of load against the simulator's 180/min per-IP limit ...")
        let rows = try await RateLimitBenchmark(duration: .seconds(seconds), limit: 180).run()
        report += "## Rate limit (simulator: 180 requests per rolling 60 s per IP; \(seconds) s of load)\n\n"
        report += "| scenario | seconds | requests | 200 OK | 429 | requests/min |\n|---|---:|---:|---:|---:|---:|\n"
        for row in rows {
            report +=
                "| \(row.scenario) | \(String(format: "%.1f", row.seconds)) | \(row.requests) | \(row.ok) | \(row.tooMany) | \(String(format: "%.1f", row.perMinute)) |\n"
        }
        report +=
            "\nThe first row shows the simulator answering 429 past the limit; the second shows the client's own limiter keeping a client free of 429s.\n"
        print(report)
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(report.utf8).write(to: url)
        print("written to \(output)")
    }
}
