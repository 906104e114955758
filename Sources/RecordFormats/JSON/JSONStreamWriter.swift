/// Streams JSON records into a `.json` array file or a `.jsonl` file that appears only when finished.
///
/// Each record is serialised compactly by `JSONWriter` (key order and number literals kept) and goes through an
/// `AtomicFileWriter`, so memory holds one record and a 1 MiB buffer whatever the record count. Not `Sendable`:
/// keep it inside one task.
package final class JSONStreamWriter: RecordSink {
    package let layout: JSONStreamLayout
    /// Records written so far.
    package private(set) var recordCount = 0

    private let output: AtomicFileWriter
    private var json = JSONWriter()

    /// Creates the temporary file next to `path`.
    package init(path: String, layout: JSONStreamLayout) throws(FileIOError) {
        self.layout = layout
        output = try AtomicFileWriter(path: path)
    }

    /// The final path of the file.
    package var path: String { output.path }

    /// Appends one record.
    package func write(_ record: JSONObject) throws {
        try write(value: .object(record))
    }

    /// Appends any JSON value as the next element (or line).
    package func write(value: JSONValue) throws(FileIOError) {
        let first = recordCount == 0
        let layout = layout
        try output.appendToBuffer { buffer in
            // Let the JSON writer append straight into the file buffer instead of copying each record.
            swap(&buffer, &json.bytes)
            defer { swap(&buffer, &json.bytes) }
            switch layout {
            case .array:
                json.bytes.append(contentsOf: first ? [UInt8(ascii: "["), 0x0A] : [UInt8(ascii: ","), 0x0A])
                json.write(value)
            case .lines:
                json.write(value)
                json.bytes.append(0x0A)
            }
        }
        recordCount += 1
    }

    /// Closes the array (if any), then flushes, syncs and renames the file into place.
    @discardableResult
    package func finish() throws -> FileSummary {
        if layout == .array, !output.isCommitted {
            try output.write(recordCount == 0 ? "[]\n" : "\n]\n")
        }
        return try output.commit(records: recordCount)
    }

    /// Deletes the temporary file without touching the final path.
    package func abandon() {
        output.abandon()
    }
}
