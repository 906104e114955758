/// The rows of one CSV child file (tags, ticket assets, properties, comments) grouped by their parent's key.
///
/// Parents take their rows as they stream by; whatever is left when the parent file ends references no parent
/// and is reported with its file and line (referential integrity).
struct ChildIndex<Key: Hashable & Comparable> {
    struct Row {
        var line: Int
        /// The property name, for `ticket_properties.csv`.
        var name: String?
        var value: RawValue
    }

    /// The child file's path.
    let file: String
    private var rows: [Key: [Row]] = [:]

    init(file: String) {
        self.file = file
    }

    mutating func append(_ row: Row, to key: Key) {
        rows[key, default: []].append(row)
    }

    /// Removes and returns the rows of `key` (empty when it has none).
    mutating func take(_ key: Key) -> [Row] {
        rows.removeValue(forKey: key) ?? []
    }

    /// Reports every row no parent took, in file order.
    func reportDangling(to log: DiagnosticLog, keyColumn: String, parentFile: String, parent: String) {
        let dangling = rows.flatMap { key, rows in rows.map { (key, $0.line) } }.sorted { $0.1 < $1.1 }
        for (key, line) in dangling {
            log.error(
                DiagnosticCode.danglingRow,
                "the row references \(keyColumn) \(key) but \(parentFile) has no such \(parent); "
                    + "remove the row or add the \(parent)",
                at: DiagnosticLocation(file: file, line: line))
        }
    }
}
