/// A snapshot source that reads one document file (JSON or XML) with a streaming reader, step by step.
///
/// The conforming type supplies the syntax in `step(_:)`; `next()` turns a thrown error into a fatal diagnostic
/// and ends the stream at the first nil, as `SnapshotSource` promises.
protocol SnapshotDocumentSource: SnapshotSource {
    associatedtype Reader
    var document: SnapshotDocument<Reader> { get set }
    /// Reads on to the next element to yield; nil at the end of the document or after a fatal problem.
    func step(_ reader: Reader) throws -> SnapshotElement?
}

extension SnapshotDocumentSource {
    func next() -> SnapshotElement? {
        guard !document.finished, let reader = document.reader else { return nil }
        do {
            if let element = try step(reader) { return element }
        } catch {
            document.log.fatal(error, path: document.path)
        }
        document.finished = true
        return nil
    }
}
