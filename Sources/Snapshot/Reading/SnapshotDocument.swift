/// What the JSON and XML snapshot sources share apart from syntax: the open reader, the header as it is gathered,
/// the decoder's verdict on it, and handing the header out once, before any record.
struct SnapshotDocument<Reader> {
    let path: String
    let decoder: SnapshotRecordDecoder
    /// Nil when the file could not be opened; that is logged and the document is finished.
    let reader: Reader?
    /// Whether the first step (the root's opening) has been read.
    var started = false
    /// Set at the end of the file and after a fatal problem; `next()` then yields nothing more.
    var finished = false
    var header: RawRecord
    var relationship: RawRecord?
    /// The decoder's verdict on the header, nil until the header is resolved.
    private(set) var outcome: SnapshotRecordDecoder.HeaderOutcome?
    private var headerDelivered = false

    /// Opens the reader with `open`; a failure is logged as fatal, not thrown.
    init(path: String, decoder: SnapshotRecordDecoder, open: (String) throws -> Reader) {
        self.path = path
        self.decoder = decoder
        header = RawRecord(location: DiagnosticLocation(file: path, line: 1, column: 1))
        do {
            reader = try open(path)
        } catch {
            decoder.log.fatal(error, path: path)
            reader = nil
            finished = true
        }
    }

    var log: DiagnosticLog { decoder.log }

    /// Records are yielded only under a valid header; under an invalid one they are still checked.
    var headerIsValid: Bool {
        if case .valid? = outcome { return true }
        return false
    }

    /// Decides the header once, from what has been gathered so far; a fatal verdict finishes the document.
    mutating func resolveHeader() {
        guard outcome == nil else { return }
        outcome = decoder.header(header, relationship: relationship)
        if case .fatal? = outcome { finished = true }
    }

    /// The header element the first time it is asked for after a valid verdict; nil otherwise.
    mutating func takeHeader() -> SnapshotElement? {
        guard case .valid(let header, let relationship)? = outcome, !headerDelivered else { return nil }
        headerDelivered = true
        return .header(header, relationship)
    }
}
