import RecordFormats
import SyncroCatalog

/// Writes the records of one export file in any of the export formats; the file appears only when finished.
///
/// JSON arrays, JSON Lines and XML take records as they are. CSV maps each record to fixed columns, which the
/// caller must know before the first row (the header): see `ExportConverter`. Not `Sendable`: keep it inside one
/// task.
package final class ExportRecordWriter {
    private enum Output {
        case json(JSONStreamWriter)
        case xml(XMLRecordWriter)
        case csv(CSVWriter, [CSVColumn])
    }

    private let output: Output

    /// Creates the temporary file beside `path`; `csvColumns` and `csvProfile` apply to CSV only.
    package init(
        path: String, entity: ExportEntity, format: ExportFormat, csvColumns: [CSVColumn] = [],
        csvProfile: CSVProfile = .standard
    ) throws {
        switch format {
        case .json: output = .json(try JSONStreamWriter(path: path, layout: .array))
        case .jsonl: output = .json(try JSONStreamWriter(path: path, layout: .lines))
        case .xml:
            output = .xml(try XMLRecordWriter(path: path, entity: entity.rawValue, recordElement: entity.recordName))
        case .csv:
            // Plain numbers stay as they are in numeric columns under the Excel profile, as in an export.
            let numeric = Set(csvColumns.filter { $0.kind == .number }.map(\.header))
            let writer = try CSVWriter(
                path: path, columns: csvColumns.map(\.header), profile: csvProfile, numericColumns: numeric)
            output = .csv(writer, csvColumns)
        }
    }

    /// Appends one record.
    package func write(_ record: JSONObject) throws {
        switch output {
        case .json(let writer): try writer.write(record)
        case .xml(let writer): try writer.write(record)
        case .csv(let writer, let columns): try writer.writeRow(columns.map { $0.cell(for: record) })
        }
    }

    /// Closes the container, commits the file under its final name and returns its summary.
    package func finish() throws -> FileSummary {
        switch output {
        case .json(let writer): try writer.finish()
        case .xml(let writer): try writer.finish()
        case .csv(let writer, _): try writer.finish()
        }
    }

    /// Deletes the temporary file without touching the final path.
    package func abandon() {
        switch output {
        case .json(let writer): writer.abandon()
        case .xml(let writer): writer.abandon()
        case .csv(let writer, _): writer.abandon()
        }
    }
}
