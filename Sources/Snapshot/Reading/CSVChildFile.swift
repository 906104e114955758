import RecordFormats

/// One child file of a CSV snapshot (tags, ticket assets, properties, comments) whose rows its parents read back
/// by key.
///
/// Opening reads the file once from start to end: every row is decoded then, so its problems (a wrong width, a
/// missing key, a bad value) are reported with file and line in file order, and of a valid row only where it
/// starts is kept (`ChildIndex`). Memory grows with the number of child rows, a few integers each, never with their
/// text. A parent streaming by reads its rows back from the file, in file order; when child rows come in parent
/// order (as the writer puts them) they come from the reader's buffer, without a system call per row. Not
/// `Sendable`.
final class CSVChildFile<Key: CompactableKey & Hashable> {
    /// A child row read back: its line, its name (a property's) and its value.
    struct Row {
        var line: Int
        var name: String?
        var value: RawValue
    }

    /// What a row says: its parent's key and its value; nil for a row with an error (already in the log).
    typealias Decode = (CSVTable, CSVRow) -> (key: Key, name: String?, value: RawValue)?
    /// A row's parent key as indexing reads it, logging what `Decode` would; nil for a row with an error.
    typealias ReadKey = (CSVTable, CSVRawRow) -> Key?

    private let table: CSVTable
    private let decode: Decode
    private var index = ChildIndex<Key>()

    /// The child file's path.
    var path: String { table.path }
    /// How many bytes were read to index it: the whole file.
    let bytesIndexed: Int
    /// How many valid rows it has.
    var rowCount: Int { index.rowCount }

    /// Reads `table` through, decoding each row with `decode` and remembering where the valid ones are.
    ///
    /// `indexKey`, when given, reads a row's key in place of `decode` on this first pass: for a file whose rows are
    /// checked in full only once their parent reads them (comments), so the first pass needs only the key.
    init(table: CSVTable, indexKey: ReadKey? = nil, decode: @escaping Decode) throws {
        self.table = table
        self.decode = decode
        let key = indexKey ?? { table, row in decode(table, CSVRow(fields: row.strings, line: row.line))?.key }
        while let row = try table.nextRawRow() {
            guard let key = key(table, row) else { continue }
            index.append(CSVTable.RowLocator(offset: table.rowOffset, line: row.line), to: key)
        }
        bytesIndexed = table.bytesRead
    }

    /// Removes and returns the rows of `key`, read back from the file in file order (empty when it has none).
    func take(_ key: Key) throws -> [Row] {
        try index.take(key).map { locator in
            // The row decoded without a problem when it was indexed, so decoding it again logs nothing; it can only
            // fail if the file changed in between.
            guard let row = try table.row(at: locator), let child = decode(table, row), child.key == key else {
                throw RecordFileError(
                    path: path, line: locator.line, column: 1, code: "csv.changed",
                    message: "the row is not what it was when the file was first read; "
                        + "leave the snapshot unchanged while it is read, then read it again")
            }
            return Row(line: row.line, name: child.name, value: child.value)
        }
    }

    /// Gives `record` the rows of `key` as the list `field`.
    func attach(_ key: Key, as field: String, to record: inout RawRecord, at location: DiagnosticLocation) throws {
        record.set(field, .list(try take(key).map(\.value)), at: location, spelling: path)
    }

    /// Reports every row no parent took, in file order.
    func reportDangling(to log: DiagnosticLog, keyColumn: String, parentFile: String, parent: String) {
        for (key, row) in index.remaining {
            log.error(
                DiagnosticCode.danglingRow,
                "the row references \(keyColumn) \(key) but \(parentFile) has no such \(parent); "
                    + "remove the row or add the \(parent)",
                at: DiagnosticLocation(file: path, line: row.line))
        }
    }
}
