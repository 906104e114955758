/// Where the rows of one CSV child file are, grouped by their parent's key: each row's byte offset and line, never
/// its text.
///
/// The rows of one key form a list threaded through one flat array (no array per key), so a row costs three
/// integers and a key one dictionary entry: about 40 MB for a million tickets with two comments each, where the
/// comments' text would be gigabytes. Parents take their rows as they stream by; whatever is left when the parent
/// file ends references no parent.
struct ChildIndex<Key: Hashable> {
    private struct Entry {
        var row: CSVTable.RowLocator
        /// The index of the key's next row in `entries`, or -1 after its last.
        var next: Int
    }

    private var entries: [Entry] = []
    /// Each key's first and last row in `entries`.
    private var lists: [Key: (first: Int, last: Int)] = [:]

    mutating func append(_ row: CSVTable.RowLocator, to key: Key) {
        let index = entries.count
        entries.append(Entry(row: row, next: -1))
        if let list = lists[key] {
            entries[list.last].next = index
            lists[key] = (list.first, index)
        } else {
            lists[key] = (index, index)
        }
    }

    /// Removes and returns where the rows of `key` are, in file order (empty when it has none).
    mutating func take(_ key: Key) -> [CSVTable.RowLocator] {
        guard let list = lists.removeValue(forKey: key) else { return [] }
        return rows(from: list.first)
    }

    /// The rows no parent took, with their keys, in file order.
    var remaining: [(key: Key, row: CSVTable.RowLocator)] {
        lists.flatMap { key, list in rows(from: list.first).map { (key, $0) } }.sorted { $0.row.offset < $1.row.offset }
    }

    private func rows(from first: Int) -> [CSVTable.RowLocator] {
        var rows: [CSVTable.RowLocator] = []
        var index = first
        while index >= 0 {
            rows.append(entries[index].row)
            index = entries[index].next
        }
        return rows
    }
}
