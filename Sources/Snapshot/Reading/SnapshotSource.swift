import RecordFormats

/// A format reader behind `SnapshotReader`: yields elements in order, logging every problem.
///
/// `next()` never throws: a problem it can read past is logged and the record skipped; a fatal one is logged
/// and ends the stream.
protocol SnapshotSource: AnyObject {
    func next() -> SnapshotElement?
    /// How many bytes of the snapshot's files have been read so far (for progress; approximate).
    var bytesRead: Int { get }
}

extension DiagnosticLog {
    /// Logs an error a format reader threw: a syntax error keeps its code and position, anything else (an
    /// unreadable file) is `snapshot.unreadable` at `path`.
    func fatal(_ error: any Error, path: String) {
        if let error = error as? RecordFileError {
            self.error(
                error.code, error.message,
                at: DiagnosticLocation(file: error.path, line: error.line, column: error.column))
        } else {
            let reason = (error as? FileIOError)?.description ?? "\(error)"
            self.error(DiagnosticCode.unreadable, reason, at: DiagnosticLocation(file: path))
        }
    }
}
