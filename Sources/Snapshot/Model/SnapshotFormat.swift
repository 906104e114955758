import Foundation

/// The three encodings of a snapshot (`docs/snapshot-format.md`).
package enum SnapshotFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON document, `*.json`.
    case json
    /// A directory of CSV files holding `snapshot.csv`.
    case csv
    /// One XML document, `*.xml`.
    case xml

    /// The format of an existing path: a directory is CSV, otherwise the extension decides, then the first
    /// non-blank byte (`{` JSON, `<` XML); nil when none of these tells.
    package static func detect(path: String) -> SnapshotFormat? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .csv
        }
        if let format = inferred(fromPath: path), format != .csv { return format }
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let prefix = (try? handle.read(upToCount: 512)) ?? Data()
        let first = prefix.drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        switch first {
        case UInt8(ascii: "{"): return .json
        case UInt8(ascii: "<"): return .xml
        default: return nil
        }
    }

    /// The format a path to be written names: `.json`, `.xml`, otherwise a CSV directory.
    package static func inferred(fromPath path: String) -> SnapshotFormat? {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".json") { return .json }
        if lowered.hasSuffix(".xml") { return .xml }
        return .csv
    }
}
