import RecordFormats
import SyncroCatalog

/// Reads the records of one export file, in any of the export formats, one at a time.
///
/// JSON arrays, JSON Lines and XML go through the streaming readers of `RecordFormats`; CSV rows are turned back
/// into records by `CSVRecordDecoder`. Memory holds one record whatever the file's size. Every problem in the file
/// is a `RecordFileError` with its line (and column where known). Not `Sendable`: keep it inside one task.
package final class ExportRecordReader {
    private enum Source {
        case json(JSONStreamReader)
        case xml(XMLRecordReader)
        case csv(CSVReader, CSVRecordDecoder)
    }

    package let path: String
    package let entity: ExportEntity
    package let format: ExportFormat
    /// Records returned so far.
    package private(set) var recordCount = 0
    private let source: Source

    /// Opens `path` as an export file of `entity` in `format`, reading a CSV header or the XML root at once.
    ///
    /// With `keys`, a caller that reads only those keys of each record lets CSV records be decoded without the
    /// others (see `CSVRecordDecoder`); records of other formats are whole.
    package init(path: String, entity: ExportEntity, format: ExportFormat, keeping keys: [String]? = nil) throws {
        self.path = path
        self.entity = entity
        self.format = format
        switch format {
        case .json:
            source = .json(try JSONStreamReader(path: path, layout: .array))
        case .jsonl:
            source = .json(try JSONStreamReader(path: path, layout: .lines))
        case .xml:
            let reader = try XMLRecordReader(path: path)
            if let holds = reader.entity, holds != entity.rawValue {
                throw ConvertError.contentEntityMismatch(path, named: entity, holds: holds)
            }
            source = .xml(reader)
        case .csv:
            let reader = try CSVReader(path: path)
            guard let header = try reader.header() else {
                throw RecordFileError(
                    path: path, line: 1, column: 1, code: "csv.empty",
                    message: "the file is empty; an export CSV starts with a header row, so export the file again")
            }
            source = .csv(reader, try CSVRecordDecoder(entity: entity, header: header, path: path, keeping: keys))
        }
    }

    /// The CSV reader and decoder of a CSV file, for a caller that reads cells straight from its rows
    /// (`nextRawRow()`) rather than as records; nil for other formats.
    package var csvDecoder: CSVRecordDecoder? {
        guard case .csv(_, let decoder) = source else { return nil }
        return decoder
    }

    /// The next row of a CSV file, its cells as bytes (see `csvDecoder`); the row counts as a record.
    package func nextRawRow() throws -> CSVRawRow? {
        guard case .csv(let reader, _) = source else {
            preconditionFailure("nextRawRow() reads CSV files only; check csvDecoder first")
        }
        let row = try reader.nextRawRow()
        if row != nil { recordCount += 1 }
        return row
    }

    /// Where the CSV row returned last begins, in bytes from the start of the file (`CSVReader.rowOffset`); 0 for
    /// other formats.
    package var rowOffset: Int {
        guard case .csv(let reader, _) = source else { return 0 }
        return reader.rowOffset
    }

    /// The next record, or nil at the end of the file.
    package func next() throws -> JSONObject? {
        let record: JSONObject?
        switch source {
        case .json(let reader):
            record = try reader.nextObject()
        case .xml(let reader):
            guard let next = try reader.next() else { return nil }
            guard next.element == entity.recordName else {
                throw RecordFileError(
                    path: path, line: next.line, column: 1, code: "xml.structure",
                    message: "a <\(next.element)> in a file of \(entity.rawValue); "
                        + "every record must be a <\(entity.recordName)>, so check that the file is named after "
                        + "what it holds")
            }
            record = next.fields
        case .csv(let reader, let decoder):
            record = try reader.nextRawRow().map { decoder.record(from: $0) }
        }
        if record != nil { recordCount += 1 }
        return record
    }
}
