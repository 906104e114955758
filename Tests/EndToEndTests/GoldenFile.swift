import Foundation
import Testing

/// Human outputs pinned by files under `Tests/EndToEndTests/Golden/`.
///
/// `RECORD_GOLDEN=1 swift test --filter GoldenOutputTests` (re-)records every golden file from the program's
/// output; a plain run compares and, on a difference, names the first line that differs with the lines around it.
/// Outputs are normalised first (`normalised(_:)`) so that what changes from run to run (the simulator's port,
/// temporary paths, times and durations) does not.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// The golden file's text.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// Compares `output` with the golden file `name`, or records it when recording.
    static func expect(
        _ output: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let path = directory.appendingPathComponent(name)
        if isRecording {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try output.write(to: path, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: path, encoding: .utf8) else {
            Issue.record(
                "no golden file \(name): run with RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if let difference = firstDifference(golden, output) {
            Issue.record(
                "\(name) differs (RECORD_GOLDEN=1 re-records it if the change is intended):\n\(difference)",
                sourceLocation: sourceLocation)
        }
    }

    /// The first differing line of two texts with two lines of context, or nil when they are equal.
    static func firstDifference(_ expected: String, _ actual: String) -> String? {
        guard expected != actual else { return nil }
        let want = expected.components(separatedBy: "\n")
        let got = actual.components(separatedBy: "\n")
        let index = Array(zip(want, got)).firstIndex { $0 != $1 } ?? min(want.count, got.count)
        let context = max(0, index - 2)
        var lines = ["at line \(index + 1):"]
        for line in want[context..<index] { lines.append("    \(line)") }
        lines.append("  - \(index < want.count ? want[index] : "(end of file)")")
        lines.append("  + \(index < got.count ? got[index] : "(end of output)")")
        return lines.joined(separator: "\n")
    }

    /// `text` with the parts that vary between runs replaced: the simulator's base URL by the README's
    /// (`http://127.0.0.1:8765/api/v1`), each of `paths` by its placeholder, a plan's creation time and hash (the
    /// hash covers the time) by `<time>` and `<hash>`, and durations (`in 0.4 s`, `, 0.1 s)`) by `<n> s`. Times in
    /// the data itself stay.
    static func normalised(_ text: String, baseURL: String? = nil, paths: [String: String] = [:]) -> String {
        var text = text
        if let baseURL { text = text.replacingOccurrences(of: baseURL, with: "http://127.0.0.1:8765/api/v1") }
        for (path, placeholder) in paths.sorted(by: { $0.key.count > $1.key.count }) {
            text = text.replacingOccurrences(of: path, with: placeholder)
        }
        let patterns = [
            (#"(created +)\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)"#, "$1<time>"),
            (#"sha256:[0-9a-f]{64}"#, "sha256:<hash>"),
            (#"\bin \d+(\.\d+)? (s|ms)\b"#, "in <n> s"),
            (#", \d+(\.\d+)? s\)"#, ", <n> s)"),
        ]
        for (pattern, replacement) in patterns {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text
    }
}
