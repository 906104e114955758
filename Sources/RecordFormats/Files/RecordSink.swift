/// A destination that takes JSON records one at a time and ends as one complete file.
///
/// Implemented by the JSON array, JSON Lines and XML writers, so an export can stream records into any of them.
/// CSV is not a sink: it takes rows, because the caller maps records to columns.
package protocol RecordSink {
    /// Appends one record.
    mutating func write(_ record: JSONObject) throws
    /// Closes the container, commits the file under its final name and returns its summary.
    mutating func finish() throws -> FileSummary
}
