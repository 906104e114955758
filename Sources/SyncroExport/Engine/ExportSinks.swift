import RecordFormats
import SyncroCatalog

/// The record sinks of the JSON, JSON Lines and XML formats (CSV maps records to columns instead).
enum ExportSinks {
    static func make(format: ExportFormat, path: String, entity: ExportEntity) throws -> any RecordSink {
        switch format {
        case .json: try JSONStreamWriter(path: path, layout: .array)
        case .jsonl: try JSONStreamWriter(path: path, layout: .lines)
        case .xml: try XMLRecordWriter(path: path, entity: entity.rawValue, recordElement: entity.recordName)
        case .csv: throw ExportError.stagingFailed("CSV files are written row by row through CSVWriter")
        }
    }
}
