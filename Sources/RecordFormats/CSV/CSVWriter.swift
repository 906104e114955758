/// Streams rows into a CSV file that appears under its final name only when finished.
///
/// The first row is the header (`columns`); every row must have one field per column. Bytes go through an
/// `AtomicFileWriter`, so memory stays flat and a failed export leaves no partial file. Not `Sendable`: keep it
/// inside one task.
package final class CSVWriter {
    package let columns: [String]
    /// Data rows written so far (the header is not counted).
    package private(set) var rowCount = 0

    private let output: AtomicFileWriter
    private let encoder: CSVRowEncoder

    /// Creates the temporary file and writes the byte-order mark (if the profile has one) and the header row.
    package init(
        path: String, columns: [String], profile: CSVProfile = .standard, numericColumns: Set<String> = []
    ) throws(FileIOError) {
        self.columns = columns
        output = try AtomicFileWriter(path: path)
        encoder = CSVRowEncoder(profile: profile, columns: columns, numericColumns: numericColumns)
        let encoder = encoder
        try output.appendToBuffer { bytes in
            if profile.writesByteOrderMark { bytes.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            encoder.append(columns.map { Optional($0) }, to: &bytes)
        }
    }

    /// The final path of the file.
    package var path: String { output.path }

    /// Appends one row; it must have exactly one field per column.
    package func writeRow(_ fields: some Collection<String?>) throws {
        try writeFields(fields)
    }

    /// Appends one row; it must have exactly one field per column. The array form, specialised in this module (see
    /// `CSVRowEncoder.append(_:to:)`).
    package func writeRow(_ fields: [String?]) throws {
        try writeFields(fields)
    }

    @inline(__always)
    private func writeFields(_ fields: some Collection<String?>) throws {
        guard fields.count == columns.count else {
            throw RecordFileError(
                path: output.path, line: rowCount + 2, column: 1, code: "csv.row-width",
                message:
                    "row \(rowCount + 1) has \(fields.count) fields but the header has \(columns.count) columns; "
                    + "map every record to the same columns")
        }
        let encoder = encoder
        try output.appendToBuffer { encoder.append(fields, to: &$0) }
        rowCount += 1
    }

    /// Flushes, syncs and renames the file into place; returns its summary (records = data rows).
    @discardableResult
    package func finish() throws(FileIOError) -> FileSummary {
        try output.commit(records: rowCount)
    }

    /// Deletes the temporary file without touching the final path.
    package func abandon() {
        output.abandon()
    }
}
