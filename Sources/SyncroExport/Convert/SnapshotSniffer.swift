import Foundation

/// Recognises a Support Fusion snapshot (`docs/snapshot-format.md`) given where an export was expected.
///
/// Only the start of a file is read (64 KiB): a JSON snapshot is an object whose `schema` is
/// `sf-syncro-snapshot`, an XML snapshot has the root `sfSnapshot`, and a CSV snapshot is a directory holding
/// `snapshot.csv` (so a `tickets.csv` beside a `snapshot.csv` belongs to a snapshot too).
package enum SnapshotSniffer {
    static let schemaName = "sf-syncro-snapshot"
    static let xmlRoot = "sfSnapshot"
    static let csvMarker = "snapshot.csv"
    private static let prefixLength = 64 << 10

    /// Whether the directory at `path` is a CSV snapshot.
    package static func isSnapshotDirectory(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + csvMarker)
    }

    /// Whether `path` is a whole snapshot: a CSV snapshot directory, or a JSON or XML snapshot document whatever its
    /// extension. One file of a CSV snapshot is not (see `isSnapshotFile(_:format:)`).
    package static func isSnapshot(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue { return isSnapshotDirectory(path) }
        let bytes = prefix(of: path)
        return isJSONSnapshot(bytes) || rootElement(bytes) == xmlRoot
    }

    /// Whether the file at `path`, read as `format`, is (part of) a snapshot.
    package static func isSnapshotFile(_ path: String, format: ExportFormat) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        switch format {
        case .csv:
            return (path as NSString).lastPathComponent.lowercased() == csvMarker
                || isSnapshotDirectory(directory.isEmpty ? "." : directory)
        case .json, .jsonl:
            return isJSONSnapshot(prefix(of: path))
        case .xml:
            return rootElement(prefix(of: path)) == xmlRoot
        }
    }

    /// Whether JSON text starts an object whose `schema` member is the snapshot schema.
    static func isJSONSnapshot(_ bytes: [UInt8]) -> Bool {
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "{") else { return false }
        let text = String(decoding: bytes[start...], as: UTF8.self)
        return text.range(of: #""schema"\s*:\s*"\#(schemaName)""#, options: .regularExpression) != nil
    }

    /// The name of the root element of XML text, past the declaration, comments and any DOCTYPE.
    static func rootElement(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        var rest = text[...]
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            if rest.hasPrefix("?") {
                guard let end = rest.range(of: "?>") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("!--") {
                guard let end = rest.range(of: "-->") else { return nil }
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("!") {
                guard let end = rest.firstIndex(of: ">") else { return nil }
                rest = rest[rest.index(after: end)...]
            } else {
                let name = rest.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
                return name.isEmpty ? nil : String(name)
            }
        }
        return nil
    }

    /// The first bytes of a file; empty when it cannot be read (the reader then reports why).
    private static func prefix(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: prefixLength)) ?? Data())
    }
}
