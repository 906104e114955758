import Foundation
import RecordFormats

/// One CSV file of a snapshot directory: its header checked against the specified columns, and its rows.
///
/// Columns are found by name, so their order does not matter and unknown columns are ignored (forward
/// compatibility). A row with too many or too few fields is reported and read as far as it goes. A row read once
/// can be read again from where it starts (`row(at:)`). Not `Sendable`.
final class CSVTable {
    /// Where a row starts: its byte offset in the file and its line.
    struct RowLocator: Hashable {
        var offset: Int
        var line: Int
    }

    let path: String
    private let reader: CSVReader
    /// Where width problems go: the source's log, or a ticket-reading thread's own (`CSVTicketRows`).
    var log: DiagnosticLog
    private var columns: [String: Int] = [:]
    private var reportedWidthProblems = 0

    /// Opens `name` in `directory`; nil (and no diagnostic) when the file does not exist, nil with a diagnostic
    /// when it cannot be read or lacks one of `required`.
    init?(directory: String, name: String, required: [String], log: DiagnosticLog) throws {
        path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        self.log = log
        reader = try CSVReader(path: path, fieldCountPolicy: .report)
        guard let header = try reader.header() else {
            log.error(
                DiagnosticCode.missingColumn,
                "the file is empty; it needs a header row with the columns "
                    + required.joined(separator: ","),
                at: DiagnosticLocation(file: path, line: 1))
            return nil
        }
        var complete = true
        for (index, column) in header.enumerated() {
            if columns[column] != nil {
                log.error(
                    DiagnosticCode.duplicateColumn, "the column '\(column)' appears twice in the header; remove one",
                    at: DiagnosticLocation(file: path, line: 1))
                complete = false
            }
            columns[column] = index
        }
        let known = Set(CSVLayout.columns(of: name))
        for column in required where columns[column] == nil {
            let unknown = header.filter { !known.contains($0) }
            let found = Misspelling.closest(to: column, among: unknown).map { " (found '\($0)': is it misspelt?)" }
            log.error(
                DiagnosticCode.missingColumn, "the header has no '\(column)' column\(found ?? ""); add it",
                at: DiagnosticLocation(file: path, line: 1))
            complete = false
        }
        guard complete else { return nil }
    }

    /// Whether the header has `column`.
    func has(_ column: String) -> Bool { columns[column] != nil }

    /// The next row, or nil at the end of the file; width problems go to the log.
    func nextRow() throws -> CSVRow? {
        try nextRawRow().map { CSVRow(fields: $0.strings, line: $0.line) }
    }

    /// `nextRow()` with the cells left as bytes, for a caller that reads only some of them.
    func nextRawRow() throws -> CSVRawRow? {
        let row = try reader.nextRawRow()
        let problems = reader.diagnostics
        while reportedWidthProblems < problems.count {
            let problem = problems[reportedWidthProblems]
            log.error(problem.code, problem.message, at: DiagnosticLocation(file: path, line: problem.line))
            reportedWidthProblems += 1
        }
        return row
    }

    /// How many bytes of the file have been read so far (for progress).
    var bytesRead: Int { reader.bytesRead }

    /// The byte offset where the row `nextRow()` returned last starts.
    var rowOffset: Int { reader.rowOffset }

    /// The row that starts at `locator`, read again; nil when the file ends there. Its width problems were
    /// reported when `nextRow()` first read it, so none is reported now.
    func row(at locator: RowLocator) throws -> CSVRow? {
        try reader.row(at: locator.offset, line: locator.line)
    }

    /// Some columns by name, looked up in the header once for many rows (`columns(_:)`).
    struct Columns {
        let names: [String]
        /// The index of each name's column; nil where the header lacks it.
        let indexes: [Int?]
    }

    /// `names` looked up in the header, for reading many rows without a look-up per cell.
    func columns(_ names: [String]) -> Columns {
        Columns(names: names, indexes: names.map { columns[$0] })
    }

    /// The index of `column` in the header, nil when it has none.
    func index(of column: String) -> Int? { columns[column] }

    /// The cell of `column` in `row`; nil when the column or the cell is missing.
    func cell(_ row: CSVRow, _ column: String) -> String? {
        cell(row, at: columns[column])
    }

    /// The cell at column `index` in `row`; nil when there is no such column or the row is too short.
    func cell(_ row: CSVRow, at index: Int?) -> String? {
        guard let index, index < row.fields.count else { return nil }
        return row.fields[index]
    }

    /// The cell as a raw value: an empty cell is null.
    func value(_ row: CSVRow, _ column: String) -> RawValue? {
        value(row, at: columns[column])
    }

    /// The cell at column `index` as a raw value: an empty cell is null.
    func value(_ row: CSVRow, at index: Int?) -> RawValue? {
        guard let text = cell(row, at: index) else { return nil }
        return text.isEmpty ? .null : .text(text)
    }

    func location(_ row: CSVRow) -> DiagnosticLocation {
        DiagnosticLocation(file: path, line: row.line)
    }

    /// A record of the row's cells in the columns `names`, each under its column's name; absent columns are
    /// left out.
    func record(_ row: CSVRow, _ names: [String]) -> RawRecord {
        record(row, columns(names))
    }

    /// A record of the raw row's cells in `columns`, as `record(_:_:)` makes it of the same row.
    func record(_ row: CSVRawRow, _ columns: Columns) -> RawRecord {
        record(line: row.line, count: row.count, columns, cell: row.string)
    }

    /// A record of the row's cells in `columns`, each under its column's name; absent columns are left out.
    func record(_ row: CSVRow, _ columns: Columns) -> RawRecord {
        record(line: row.line, count: row.fields.count, columns) { row.fields[$0] }
    }

    /// A record of the cells in `columns` of a row of `count` cells read by `cell`: an empty cell is null.
    private func record(line: Int, count: Int, _ columns: Columns, cell: (Int) -> String) -> RawRecord {
        let location = DiagnosticLocation(file: path, line: line)
        var record = RawRecord(location: location)
        // Sized once: growing it cell by cell reallocated each row's arrays three or four times.
        record.reserveCapacity(columns.names.count)
        for (name, index) in zip(columns.names, columns.indexes) {
            guard let index, index < count else { continue }
            let text = cell(index)
            record.set(name, text.isEmpty ? .null : .text(text), at: location, spelling: name)
        }
        return record
    }
}
