import Foundation
import RecordFormats
import Synchronization

/// Reads `tickets.csv` row by row into raw records joined with their child rows, for `CSVSnapshotSource` to decode:
/// the half of reading a CSV snapshot that can run on a thread of its own (through `ReadAhead`).
///
/// Reading a ticket row means reading its comment, tag, asset and property rows back from their files and building
/// the raw record; decoding it means checking every field and key. Each takes about half the time, so on two cores
/// they overlap. Diagnostics stay in file order: the width problems of a row, which the table finds as it reads,
/// go to this reader's own log and travel with the row, and the source logs them just before it decodes the row,
/// where reading both on one thread put them. The child files' rows were all checked when they were indexed, so
/// reading them back logs nothing.
///
/// Once the thread has started it alone uses the table and the child files, until it has finished.
final class CSVTicketRows: @unchecked Sendable {
    /// A ticket row: its raw record, the problems found reading it, and where in the file it starts.
    struct Row: @unchecked Sendable {
        var record: RawRecord
        var problems: [Diagnostic]
        var offset: Int
    }

    /// The columns of `tickets.csv`, looked up once: the plain ones, and the `exp_*` and `cur_*` ones with their
    /// fields.
    private struct Columns {
        let plain: CSVTable.Columns
        let expected: [(field: String, column: String, index: Int)]
        let current: [(field: String, column: String, index: Int)]
        let key: Int?

        init(_ table: CSVTable) {
            plain = table.columns(CSVLayout.ticketColumns.filter { !CSVSnapshotSource.isValueColumn($0) })
            expected = CSVLayout.expectedColumnFields.compactMap { field in
                table.index(of: "exp_\(field)").map { (field, "exp_\(field)", $0) }
            }
            current = CSVLayout.currentColumnFields.compactMap { field in
                table.index(of: "cur_\(field)").map { (field, "cur_\(field)", $0) }
            }
            key = table.index(of: "partner_ticket_id")
        }
    }

    private let table: CSVTable
    private let tags: CSVChildFile<String>?
    private let assets: CSVChildFile<String>?
    private let properties: CSVChildFile<String>?
    private let comments: CSVChildFile<String>?
    private let columns: Columns
    private let log = DiagnosticLog()
    /// The table's `bytesRead` after the batch filled last, for the source's progress.
    private let published = Atomic<Int>(0)

    /// Takes over `table` (switching its width problems to this reader's log) and the ticket child files.
    init(
        table: CSVTable, tags: CSVChildFile<String>?, assets: CSVChildFile<String>?,
        properties: CSVChildFile<String>?, comments: CSVChildFile<String>?
    ) {
        self.table = table
        self.tags = tags
        self.assets = assets
        self.properties = properties
        self.comments = comments
        columns = Columns(table)
        fileSize = byteSize(ofFile: table.path)
        table.log = log
    }

    /// The size of `tickets.csv` in bytes (0 when unknown).
    let fileSize: Int

    /// About how many bytes of `tickets.csv` have been read; any thread.
    var bytesRead: Int { published.load(ordering: .relaxed) }

    /// On the reading thread, after each batch.
    func publishProgress() {
        published.store(table.bytesRead, ordering: .relaxed)
    }

    /// What was logged after the last row: only once the reading thread has finished.
    func takeProblems() -> [Diagnostic] {
        log.takeAll()
    }

    /// The next ticket row, nil at the end of the file.
    func next() throws -> Row? {
        guard let row = try table.nextRow() else { return nil }
        let offset = table.rowOffset
        let record = try record(row)
        return Row(record: record, problems: log.takeAll(), offset: offset)
    }

    private func record(_ row: CSVRow) throws -> RawRecord {
        let location = table.location(row)
        var record = table.record(row, columns.plain)
        var expected = RawRecord(location: location, spell: { "exp_\($0)" })
        expected.reserveCapacity(columns.expected.count + 3)
        for (field, column, index) in columns.expected {
            if let value = table.value(row, at: index) { expected.set(field, value, at: location, spelling: column) }
        }
        var current = RawRecord(location: location, spell: { "cur_\($0)" })
        current.reserveCapacity(columns.current.count)
        for (field, column, index) in columns.current {
            if let value = table.value(row, at: index), case .text = value {
                current.set(field, value, at: location, spelling: column)
            }
        }
        let key = table.cell(row, at: columns.key) ?? ""
        try tags?.attach(key, as: "tags", to: &expected, at: location)
        try assets?.attach(key, as: "asset_ids", to: &expected, at: location)
        if let properties {
            var map = RawRecord(location: location)
            for row in try properties.take(key) {
                map.set(row.name ?? "", row.value, at: DiagnosticLocation(file: properties.path, line: row.line))
            }
            expected.set("properties", .record(map), at: location, spelling: properties.path)
        }
        if !expected.isEmpty { record.set("expected", .record(expected), at: location) }
        if !current.isEmpty { record.set("partner_current", .record(current), at: location) }
        try comments?.attach(key, as: "comments", to: &record, at: location)
        return record
    }
}
