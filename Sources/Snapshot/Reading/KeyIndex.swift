/// Remembers where each value of one unique key was first seen, to report both locations of a duplicate.
///
/// Memory is one entry per record (the key and a 12-byte location), so a million tickets cost tens of megabytes;
/// file names are kept once in a small table rather than per entry.
struct KeyIndex<Key: Hashable> {
    private struct Stored {
        var file: UInt16
        var line: UInt32
        var column: UInt32
    }

    private var seen: [Key: Stored] = [:]
    private var files: [String] = []

    /// Records `key` at `location`; returns where it was seen before, if it was.
    mutating func insert(_ key: Key, at location: DiagnosticLocation) -> DiagnosticLocation? {
        if let previous = seen[key] {
            return DiagnosticLocation(
                file: files[Int(previous.file)], line: previous.line == 0 ? nil : Int(previous.line),
                column: previous.column == 0 ? nil : Int(previous.column))
        }
        let fileIndex: Int
        if let index = files.lastIndex(of: location.file) {
            fileIndex = index
        } else {
            files.append(location.file)
            fileIndex = files.count - 1
        }
        seen[key] = Stored(
            file: UInt16(truncatingIfNeeded: fileIndex), line: UInt32(clamping: location.line ?? 0),
            column: UInt32(clamping: location.column ?? 0))
        return nil
    }

    /// Whether `key` has been seen.
    func contains(_ key: Key) -> Bool { seen[key] != nil }
}
