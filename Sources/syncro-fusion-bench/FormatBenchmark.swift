import Foundation
import RecordFormats

/// Writes the same records to each format from memory and compares records per second with Python's csv and json.
struct FormatBenchmark {
    struct Row {
        var format: String
        var swiftSeconds: Double
        var pythonSeconds: Double?
        var records: Int
        var swiftPerSecond: Double { Double(records) / swiftSeconds }
        var ratio: Double? { pythonSeconds.map { $0 / swiftSeconds } }
    }

    let records: Int

    /// The i-th benchmark record: a small ticket with text that needs escaping in every format.
    static func record(_ index: Int) -> JSONObject {
        [
            "id": .int(100_000 + index), "number": .int(index),
            "subject": .string("Printer \"jam\", floor \(index % 9) <b>&</b>"),
            "status": .string(index % 3 == 0 ? "Resolved" : "In Progress"), "customer_id": .int(index % 500),
            "updated_at": .string("2026-11-28T23:00:00.123Z"), "hidden": .bool(index % 2 == 0),
        ]
    }

    /// Times each format `runs` times on each side (Swift, then Python) and keeps the medians: one run of either
    /// side varies by 10–15 % on this machine (page cache, writeback), as much as the margin being measured.
    func run(runs: Int = 3) throws -> [Row] {
        let data = (0..<records).map(Self.record)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-formats-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let columns = ["id", "number", "subject", "status", "customer_id", "updated_at", "hidden"]
        let writers: [(format: String, write: () throws -> Void)] = [
            (
                "csv",
                {
                    let writer = try CSVWriter(path: directory + "/t.csv", columns: columns)
                    for record in data { try writer.writeRow(Self.fields(record)) }
                    try writer.finish()
                }
            ),
            (
                "jsonl",
                {
                    let writer = try JSONStreamWriter(path: directory + "/t.jsonl", layout: .lines)
                    for record in data { try writer.write(record) }
                    _ = try writer.finish()
                }
            ),
            (
                "json",
                {
                    let writer = try JSONStreamWriter(path: directory + "/t.json", layout: .array)
                    for record in data { try writer.write(record) }
                    _ = try writer.finish()
                }
            ),
            (
                "xml",
                {
                    let writer = try XMLRecordWriter(
                        path: directory + "/t.xml", entity: "tickets", recordElement: "ticket")
                    for record in data { try writer.write(record) }
                    _ = try writer.finish()
                }
            ),
        ]
        return try writers.map { format, write in
            let swiftTimes = try (0..<runs).map { _ in try time(write) }
            let pythonTimes =
                format == "xml" ? [] : (0..<runs).compactMap { _ in python(format, directory: directory) }
            return Row(
                format: format, swiftSeconds: Self.median(swiftTimes),
                pythonSeconds: pythonTimes.isEmpty ? nil : Self.median(pythonTimes), records: records)
        }
    }

    /// The middle value (the mean of the two middle values for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// A record's CSV fields: its values in order, as the Python side writes `r.values()`.
    static func fields(_ record: JSONObject) -> [String?] {
        record.values.map { value -> String? in
            switch value {
            case .string(let text): text
            case .number(let text): text
            case .bool(let flag): flag ? "true" : "false"
            default: nil
            }
        }
    }

    /// Where the CSV writer's time goes, each part alone on one core.
    struct CSVBreakdown {
        var bytes: Int
        /// Records to `[String?]` fields only.
        var fieldsSeconds: Double
        /// Fields and RFC 4180 encoding into memory (no hashing, no file).
        var encodeSeconds: Double
        /// SHA-256 of the file's bytes, in 1 MiB updates.
        var hashSeconds: Double
        /// `write(2)` of the file's bytes, 1 MiB at a time, into a new file.
        var writeSeconds: Double
    }

    /// Times each stage of the CSV path separately. `CSVWriter` runs encoding on the caller's thread and hashing
    /// plus writing on a queue of its own, so on two cores its time is about the larger of the two.
    func csvBreakdown() throws -> CSVBreakdown {
        let data = (0..<records).map(Self.record)
        let columns = ["id", "number", "subject", "status", "customer_id", "updated_at", "hidden"]
        var count = 0
        let fieldsSeconds = try time {
            for record in data { count &+= Self.fields(record).count }
        }
        let encoder = CSVRowEncoder(profile: .standard, columns: columns)
        var chunks: [[UInt8]] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        let encodeSeconds = try time {
            for record in data {
                encoder.append(Self.fields(record), to: &buffer)
                if buffer.count >= 1 << 20 {
                    chunks.append(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        chunks.append(buffer)
        var digest = SHA256()
        let hashSeconds = try time {
            for chunk in chunks { chunk.withUnsafeBytes { digest.update($0) } }
        }
        _ = digest.finalize()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-write-\(getpid())").path
        defer { unlink(path) }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        let writeSeconds = try time {
            for chunk in chunks { _ = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } }
            close(descriptor)
        }
        return CSVBreakdown(
            bytes: chunks.reduce(0) { $0 + $1.count }, fieldsSeconds: fieldsSeconds, encodeSeconds: encodeSeconds,
            hashSeconds: hashSeconds, writeSeconds: writeSeconds)
    }

    private func time(_ body: () throws -> Void) throws -> Double {
        let start = ContinuousClock.now
        try body()
        return (ContinuousClock.now - start).seconds
    }

    /// Times Python writing the same records (built before the timer starts), or nil without python3.
    private func python(_ format: String, directory: String) -> Double? {
        let script = """
            import csv, json, sys, time
            n = \(records)
            data = [{"id": 100000 + i, "number": i, "subject": 'Printer "jam", floor %d <b>&</b>' % (i % 9),
                     "status": "Resolved" if i % 3 == 0 else "In Progress", "customer_id": i % 500,
                     "updated_at": "2026-11-28T23:00:00.123Z", "hidden": i % 2 == 0} for i in range(n)]
            fmt = sys.argv[1]
            start = time.perf_counter()
            with open(sys.argv[2], "w", newline="") as f:
                if fmt == "csv":
                    w = csv.writer(f, lineterminator="\\n")
                    w.writerow(list(data[0].keys()))
                    for r in data:
                        w.writerow(["true" if v is True else "false" if v is False else v for v in r.values()])
                elif fmt == "jsonl":
                    for r in data:
                        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
                        f.write("\\n")
                else:
                    f.write("[\\n")
                    for i, r in enumerate(data):
                        if i: f.write(",\\n")
                        f.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")))
                    f.write("\\n]\\n")
            print(time.perf_counter() - start)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, format, directory + "/py.\(format)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
