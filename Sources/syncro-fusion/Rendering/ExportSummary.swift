import Foundation
import SyncroExport

/// The one-line summary an export prints on stdout when it succeeds.
enum ExportSummary {
    static func line(_ manifest: ExportManifest, directory: String) -> String {
        let counts = manifest.entities.compactMap { entity in manifest.counts[entity].map { "\($0) \(entity.rawValue)" }
        }
        let seconds = (manifest.finishedAt ?? manifest.startedAt).timeIntervalSince(manifest.startedAt)
        var line = "exported \(counts.joined(separator: ", ")) to \(directory) as \(manifest.format.rawValue)"
        line += String(format: " in %.1f s", seconds)
        line +=
            ": \(manifest.requests) requests, \(manifest.rateLimited) rate-limited (429), \(manifest.retries) retries"
        let unchanged = manifest.unchanged.values.reduce(0, +)
        if unchanged > 0 { line += ", \(unchanged) unchanged records skipped" }
        return line
    }
}
