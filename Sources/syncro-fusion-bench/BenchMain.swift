import Foundation

/// `make bench`: runs the benchmarks and writes a Markdown results table.
///
/// Sizes come from the environment so a quick run is possible: `BENCH_SECONDS` (rate-limit load, default 120),
/// `BENCH_EXPORT_TICKETS` (default 20000), `BENCH_EXPORT_RATE` (requests/min, default 12000),
/// `BENCH_MEMORY_TICKETS` (comma list, default 25000,100000), `BENCH_RECORDS` (default 1000000), `BENCH_FORMAT_RUNS`
/// (runs per format and side, the median kept; default 3),
/// `BENCH_DIFF_TICKETS` (default 1000000), `BENCH_DIFF_COMMENTS` (comments per ticket, default 2), `BENCH_DIFF_KEEP`
/// (a directory to generate the diff data into and keep, for profiling), `BENCH_DIFF_FORMATS` (snapshot formats
/// to diff, default json,csv: the CSV directory is what datacompy reads too), `BENCH_DIFF_RUNS` (runs of each
/// process, the median reported; default 3), `BENCH_PYTHON`
/// (an interpreter with datacompy, for the diff comparison), `BENCH_ONLY` (comma list of ratelimit, export, memory,
/// formats, diff, apply); `BENCH_APPLY_OPERATIONS` (default 2000), `BENCH_APPLY_RATE`
/// (requests/min, default 2400), `BENCH_APPLY_BATCH` (default 25).
@main
struct BenchMain {
    static func main() async throws {
        let environment = ProcessInfo.processInfo.environment
        func number(_ key: String, _ fallback: Int) -> Int { Int(environment[key] ?? "") ?? fallback }
        let only = Set(
            (environment["BENCH_ONLY"] ?? "ratelimit,export,sync,memory,formats,diff,apply").split(separator: ",").map(
                String.init)
        )
        let output = environment["BENCH_OUTPUT"] ?? "bench-results/results.md"
        let groups = ["ratelimit", "export", "sync", "memory", "formats", "diff", "apply"].filter(only.contains)
        let isGroupProcess = environment["BENCH_GROUP_PROCESS"] != nil
        var report = ""
        if !isGroupProcess {
            report += "# syncro-fusion benchmarks\n\n"
            report += "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            report +=
                "\(ProcessInfo.processInfo.physicalMemory >> 30) GiB; release build; run \(ISO8601DateFormatter().string(from: Date())).\n"
        }
        if !isGroupProcess, groups.count > 1 {
            // Each group in a fresh process of its own: Linux counts a spawned child's peak RSS from its parent's
            // peak at the spawn, so a child measured after a group that grew this process (formats holds a million
            // records) would report at least that much.
            for group in groups {
                report += try runGroup(group)
            }
            try write(report, to: output)
            return
        }

        if only.contains("ratelimit") {
            let seconds = number("BENCH_SECONDS", 120)
            print("rate limit: \(seconds) s of load against the simulator's 180/min per-IP limit ...")
            let rows = try await RateLimitBenchmark(duration: .seconds(seconds), limit: 180).run()
            report += "\n## Rate limit (simulator: 180 requests per rolling 60 s per IP; \(seconds) s of load)\n\n"
            report +=
                "| scenario | seconds | requests | 200 OK | 429 | requests/min |\n|---|---:|---:|---:|---:|---:|\n"
            for row in rows {
                report +=
                    "| \(row.scenario) | \(format(row.seconds, 1)) | \(row.requests) | \(row.ok) | \(row.tooMany) | \(format(row.perMinute, 1)) |\n"
            }
            report +=
                "\nRow 1: the simulator answers 429 past the limit. Row 2: the client's own limiter keeps it free of 429s.\n"
        }

        if only.contains("export") {
            let tickets = number("BENCH_EXPORT_TICKETS", 20_000)
            let rate = number("BENCH_EXPORT_RATE", 12_000)
            print("export: \(tickets) tickets at \(rate)/min with 200..600 ms latency ...")
            let result = try await ExportBenchmark(tickets: tickets, rateLimit: rate, latency: 200...600).run()
            report +=
                "\n## Export of every entity at a scaled rate limit (\(tickets) tickets, \(result.records) records besides comments, \(rate) requests/min, latency 200–600 ms, CSV, --entities all)\n\n"
            report += "| measure | value | target |\n|---|---:|---:|\n"
            report += "| wall time | \(format(result.seconds, 1)) s | |\n"
            report += "| requests made | \(result.requests) | |\n"
            report += "| wall time ÷ (requests ÷ rate limit) | \(format(result.saturation, 3)) | ≤ 1.05 |\n"
            report +=
                "| requests made ÷ minimum needed (\(result.minimumRequests)) | \(format(Double(result.requests) / Double(result.minimumRequests), 3)) | 1.0 |\n"
            report += "| 429s met | \(result.rateLimited) | 0 |\n"
        }

        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("syncro-fusion").path
        if only.contains("sync") {
            let tickets = number("BENCH_SYNC_TICKETS", 20_000)
            let rate = number("BENCH_SYNC_RATE", 600)
            print("sync: \(tickets) tickets at \(rate)/min with 200..600 ms latency: first sync, 10 kills, nightly ...")
            let bench = SyncBenchmark(binary: binary)
            let (first, kills, nightly) = try await bench.run(tickets: tickets, rateLimit: rate, latency: 200...600)
            report +=
                "\n## sync --mirror at a scaled rate limit (\(first.tickets) tickets, \(first.comments) comments, "
                + "\(rate) requests/min, latency 200–600 ms, no details, comments in bulk)\n\n"
            report += "| measure | value | target |\n|---|---:|---:|\n"
            report += "| first sync: wall time | \(format(first.seconds, 1)) s | |\n"
            report +=
                "| first sync: requests ÷ minimum (\(first.minimum)) | \(format(Double(first.requests) / Double(first.minimum), 3)) | ≤ 1.02 |\n"
            report +=
                "| first sync: wall time ÷ (requests ÷ rate limit) | \(format(first.seconds / first.floorSeconds, 3)) | ≤ 1.05 |\n"
            report += "| first sync: 429s met | \(first.rateLimited) | 0 |\n"
            report +=
                "| 10 SIGKILLs, then to the end: requests wasted per kill | \(format(kills.wastedPerKill, 1)) | ≤ in flight (at most \(kills.inFlight)) |\n"
            report +=
                "| 10 SIGKILLs: the same records as the uninterrupted sync | \(kills.sameRecords ? "yes" : "NO") | yes |\n"
            report +=
                "| nightly (--full-scan) after \(nightly.changed) changed and \(nightly.deleted) deleted tickets: requests ÷ minimum (\(nightly.minimum)) | \(format(Double(nightly.requests) / Double(nightly.minimum), 3)) | ≤ 1.05 |\n"
            report +=
                "| nightly: every change and deletion in the mirror | \(nightly.changesMirrored && nightly.deletionsMirrored ? "yes" : "NO") | yes |\n"
            let large = number("BENCH_MIRROR_TICKETS", 100_000)
            print("sync: export --mirror of \(large) tickets ...")
            let export = try await bench.exportFromMirror(tickets: large)
            report +=
                "| export --mirror of \(export.tickets) tickets / \(export.comments) comments to CSV: wall time | \(format(export.seconds, 1)) s | ≤ 10 s |\n"
            report += "| export --mirror: peak RSS | \(format(export.peakMegabytes, 1)) MB | < 200 MB |\n"
            report += "| export --mirror: requests | \(export.requests) | 0 |\n"
            report +=
                "\nThe ratios carry to Syncro's 180 requests a minute: the wall time is the requests at the limit, "
                + "whatever the limit.\n"
        }

        if only.contains("memory") {
            let sizes = (environment["BENCH_MEMORY_TICKETS"] ?? "25000,100000").split(separator: ",").compactMap {
                Int($0)
            }
            report +=
                "\n## Peak memory of the export process (CSV, comments all, no latency, simulator in another process)\n\n"
            report += "| tickets | peak RSS | wall time | exit |\n|---:|---:|---:|---:|\n"
            for size in sizes {
                print("memory: exporting \(size) tickets with \(binary) ...")
                let row = try await ExportMemoryBenchmark(binary: binary).run(tickets: size)
                report +=
                    "| \(row.tickets) | \(format(row.peakMegabytes, 1)) MB | \(format(row.seconds, 1)) s | \(row.exitStatus) |\n"
            }
            report += "\nTarget: under 200 MB and flat in size (records stream through a staging SQLite file).\n"
        }

        if only.contains("formats") {
            let records = number("BENCH_RECORDS", 1_000_000)
            print("formats: writing \(records) records per format ...")
            let runs = number("BENCH_FORMAT_RUNS", 3)
            let rows = try FormatBenchmark(records: records).run(runs: runs)
            report += "\n## Writing \(records) records from memory (median of \(runs) runs each side)\n\n"
            report +=
                "| format | syncro-fusion | records/s | Python (csv / json module) | × Python |\n|---|---:|---:|---:|---:|\n"
            for row in rows {
                let python = row.pythonSeconds.map { "\(format($0, 2)) s" } ?? "–"
                let ratio = row.ratio.map { "\(format($0, 1))×" } ?? "–"
                report +=
                    "| \(row.format) | \(format(row.swiftSeconds, 2)) s | \(format(row.swiftPerSecond, 0)) | \(python) | \(ratio) |\n"
            }
            report +=
                "\nTarget: at least 5× Python. Python has no standard streaming XML record writer to compare with.\n"
            let parts = try FormatBenchmark(records: records).csvBreakdown()
            let megabytes = Double(parts.bytes) / 1_048_576
            report += "\nWhere CSV time goes (\(format(megabytes, 0)) MB; each stage alone, one core):\n\n"
            report += "| stage | seconds | MB/s |\n|---|---:|---:|\n"
            for (stage, seconds) in [
                ("records to fields", parts.fieldsSeconds), ("fields + RFC 4180 encoding", parts.encodeSeconds),
                ("SHA-256", parts.hashSeconds), ("write(2)", parts.writeSeconds),
            ] {
                report += "| \(stage) | \(format(seconds, 3)) | \(format(megabytes / seconds, 0)) |\n"
            }
            report +=
                "\nCSVWriter encodes on the caller's thread and hashes + writes on its own queue, so on two cores it "
                + "takes about the larger of the encoding and SHA-256 + write(2).\n"
        }

        if only.contains("diff") {
            let tickets = number("BENCH_DIFF_TICKETS", 1_000_000)
            let comments = number("BENCH_DIFF_COMMENTS", 2)
            print("diff: generating \(tickets) tickets with \(comments) comments each ...")
            let result = try DiffBenchmark(
                binary: binary, tickets: tickets, commentsPerTicket: comments, python: environment["BENCH_PYTHON"],
                script: "scripts/diff_datacompy.py", keepIn: environment["BENCH_DIFF_KEEP"],
                formats: (environment["BENCH_DIFF_FORMATS"] ?? "json,csv").split(separator: ",").map(String.init),
                runs: max(1, number("BENCH_DIFF_RUNS", 3))
            ).run()
            report += diffSection(result)
            report += exportDiffSection(result)
        }

        if only.contains("apply") {
            let operations = number("BENCH_APPLY_OPERATIONS", 2_000)
            let rate = number("BENCH_APPLY_RATE", 2_400)
            let batch = number("BENCH_APPLY_BATCH", 25)
            print("apply: \(operations) operations at \(rate)/min with 200..600 ms latency, batches of \(batch) ...")
            let result = try await ApplyBenchmark(
                operations: operations, rateLimit: rate, latency: 200...600, batchSize: batch
            ).run()
            report +=
                "\n## Apply at a scaled rate limit (\(result.operations) operations, \(rate) requests/min, "
                + "latency 200–600 ms, batch size \(batch))\n\n"
            report += "| measure | value | target |\n|---|---:|---:|\n"
            report += "| wall time | \(format(result.seconds, 1)) s | |\n"
            report += "| requests (re-reads + writes + /me) | \(result.summary.requests) | |\n"
            report += "| writes | \(result.summary.writes) | |\n"
            report += "| wall time ÷ (requests ÷ rate limit) | \(format(result.saturation, 3)) | ≤ 1.10 |\n"
            report += "| outcome | \(result.summary.line) | all applied |\n"
            report += "| 429s met | \(result.rateLimited) | 0 |\n"
            report +=
                "\nEach operation re-reads its ticket, journals its intent durably (SQLite WAL, synchronous FULL), "
                + "writes, and journals the outcome; at most the batch size is in flight.\n"
        }

        try write(report, to: output)
    }

    private static func write(_ report: String, to output: String) throws {
        print(report)
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(report.utf8).write(to: url)
        print("written to \(output)")
    }

    /// Runs the benchmark group `group` in a new process of this program and returns its sections of the report.
    private static func runGroup(_ group: String) throws -> String {
        let part = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bench-\(group)-\(ProcessInfo.processInfo.processIdentifier).md"
        ).path
        defer { try? FileManager.default.removeItem(atPath: part) }
        let run = try ChildProcess.run(
            [CommandLine.arguments[0]],
            environment: ["BENCH_ONLY": group, "BENCH_GROUP_PROCESS": "1", "BENCH_OUTPUT": part],
            inheritStdout: true)
        guard run.exitStatus == 0 else {
            throw GroupFailure(group: group, status: run.exitStatus)
        }
        return try String(contentsOfFile: part, encoding: .utf8)
    }

    struct GroupFailure: LocalizedError {
        var group: String
        var status: Int32
        var errorDescription: String? { "The \(group) benchmark failed (exit \(status)); its output is above." }
    }

    /// `diff --base --current`: the benchmark's export against the next night's.
    static func exportDiffSection(_ result: DiffBenchmark.Result) -> String {
        guard let diff = result.exportDiff else { return "" }
        func describe(_ changes: DiffBenchmark.Overnight) -> String {
            "tickets +\(changes.ticketsAdded) −\(changes.ticketsRemoved) ~\(changes.ticketsChanged), "
                + "comments −\(changes.commentsRemoved)"
        }
        let found = diff.found.map(describe) ?? "report unreadable"
        return "\n## Export diff: the export against the next night's (`diff --base --current`, CSV)\n\n"
            + "| wall time | peak RSS | exit | found | planted |\n|---:|---:|---:|---|---|\n"
            + "| \(format(diff.run.seconds, 2)) s | \(format(diff.run.peakMegabytes, 0)) MB | \(diff.run.exitStatus) | "
            + "\(found) | \(describe(diff.planted)) |\n"
            + "\nBoth exports hold \(result.tickets) tickets and \(result.comments) comments give or take the "
            + "changes; the median of \(result.runs) runs. Expected: exit 2 and found = planted.\n"
    }

    static func diffSection(_ result: DiffBenchmark.Result) -> String {
        var text =
            "\n## Drift diff: \(result.tickets) tickets, \(result.comments) comments (snapshot and export generated "
            + "in \(format(result.generationSeconds, 1)) s, \(result.expectedFindings) findings planted)\n\n"
        text += "| run | wall time | peak RSS | exit | findings / rows differing |\n|---|---:|---:|---:|---:|\n"
        for diff in result.diffs {
            text +=
                "| syncro-fusion diff, \(diff.format) snapshot | \(format(diff.run.seconds, 2)) s | "
                + "\(format(diff.run.peakMegabytes, 0)) MB | \(diff.run.exitStatus) | \(diff.findings) |\n"
        }
        guard !result.datacompy.isEmpty else {
            return text + "\ndatacompy not run: \(result.datacompyNote ?? "unknown reason").\n"
        }
        for datacompy in result.datacompy {
            let files = datacompy.withComments ? "tickets.csv + comments.csv" : "tickets.csv only"
            let comments = datacompy.withComments ? " + \(datacompy.commentRowsDiffering) comment rows" : ""
            text +=
                "| datacompy, \(files) (\(format(datacompy.compareSeconds, 2)) s load + compare + report) | "
                + "\(format(datacompy.run.seconds, 2)) s | \(format(datacompy.run.peakMegabytes, 0)) MB | "
                + "\(datacompy.run.exitStatus) | \(datacompy.mismatchedRows) + \(datacompy.onlyInSnapshot) + "
                + "\(datacompy.onlyInExport)\(comments) |\n"
        }
        text += "\n| snapshot format | datacompy run | datacompy time ÷ ours (target ≥ 3) | "
        text += "our memory ÷ datacompy's (target ≤ 0.25) |\n|---|---|---:|---:|\n"
        for diff in result.diffs {
            for datacompy in result.datacompy {
                text +=
                    "| \(diff.format) | \(datacompy.withComments ? "tickets + comments" : "tickets only") | "
                    + "\(format(datacompy.run.seconds / diff.run.seconds, 2))× | "
                    + "\(format(diff.run.peakMegabytes / datacompy.run.peakMegabytes, 2)) |\n"
            }
        }
        text +=
            "\nBoth sides are whole processes measured by `wait4` (wall time, `ru_maxrss`), each run "
            + "\(result.runs) times after the generated files are synced to disk; the run with the median time is "
            + "shown. The diff compares "
            + "every managed field, tags, custom fields and comments (hashing each Syncro comment body); datacompy "
            + "compares the eight ticket fields of tickets.csv, and in its second run also each comment's "
            + "`hidden` and `subject` (the snapshot side holds body hashes, so bodies are not compared). Expected: "
            + "exit 2 (drift found) and the planted findings.\n"
        return text
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
