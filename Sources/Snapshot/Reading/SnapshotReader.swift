import Foundation

/// Reads a snapshot in any of its formats one record at a time, checking it against `docs/snapshot-format.md`.
///
/// Open a `.json` file, a `.xml` file or a directory holding `snapshot.csv`; `next()` yields the header and
/// relationship first, then customers, contacts, assets and tickets (each with its comments) in file order. The
/// JSON and XML readers hold one record at a time, never the file's text. The CSV reader streams the record files
/// but first indexes the child files (`customer_tags.csv`, `ticket_tags.csv`, `comments.csv`, ...) by parent key,
/// keeping only where each row starts and reading the rows back as their parent streams by, so its memory grows
/// with the number of child rows (a few integers each), never with their text.
///
/// Every problem is collected in `diagnostics`: a record with an error is reported and skipped; a fatal problem
/// (a syntax error, a DTD, an unknown major version, an unreadable file) ends the stream. When the header itself
/// is invalid, the records are still checked and reported but none is yielded. A snapshot with any error
/// diagnostic is invalid (`SNAPSHOT_INVALID`). Not `Sendable`: keep it inside one task.
package final class SnapshotReader {
    /// The path that was opened.
    package let path: String
    /// The format read, nil when the path could not be recognised.
    package let format: SnapshotFormat?

    private let log = DiagnosticLog()
    private let source: (any SnapshotSource)?
    private let decoder: SnapshotRecordDecoder
    /// Whether the key indexes have been sized from the share of the file read (`sizeKeyIndexes()`).
    private var keyIndexesSized = false

    /// Opens `path`; a missing or unrecognisable path becomes a diagnostic, not an error. For tests that compare
    /// the two ways of reading JSON tickets: `fastTickets: false` reads every one through the general path (see
    /// `SnapshotRecordDecoder.plainTicket`), and a small `jsonChunkSize` makes tickets straddle read chunks.
    ///
    /// `keySizing`: from what file size, and after how many bytes read at least, the key indexes are sized once
    /// (`sizeKeyIndexes()`); tests lower both to compare the two ways on small files.
    package init(
        path: String, fastTickets: Bool = true, jsonChunkSize: Int = 1 << 20,
        keySizing: KeySizing = .standard
    ) {
        self.path = path
        self.keySizing = keySizing
        format = SnapshotFormat.detect(path: path)
        let decoder = SnapshotRecordDecoder(log: log)
        self.decoder = decoder
        switch format {
        case .json?:
            source = JSONSnapshotSource(
                path: path, decoder: decoder, fastTickets: fastTickets, chunkSize: jsonChunkSize)
        case .csv?:
            source = CSVSnapshotSource(directory: path, decoder: decoder, keySizing: keySizing)
        case .xml?:
            source = XMLSnapshotSource(path: path, decoder: decoder)
        case nil:
            source = nil
            log.error(
                DiagnosticCode.unreadable,
                "the path does not exist or is not a .json file, an .xml file or a directory holding snapshot.csv; "
                    + "check the path",
                at: DiagnosticLocation(file: path))
        }
        totalBytes = Self.size(of: path, format: format)
    }

    private static func size(of path: String, format: SnapshotFormat?) -> Int {
        guard format == .csv else { return format == nil ? 0 : byteSize(ofFile: path) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.reduce(0) {
            $0 + byteSize(ofFile: (path as NSString).appendingPathComponent($1))
        }
    }

    /// The size of the snapshot's files in bytes (a CSV directory's `.csv` files together); 0 when unknown.
    package let totalBytes: Int

    /// How many of `totalBytes` have been read so far: for a progress display, not exact (files are read a chunk
    /// ahead, and a CSV directory's child rows are read twice but counted once).
    package var bytesRead: Int { source?.bytesRead ?? 0 }

    /// Every problem found so far, in the order found.
    package var diagnostics: [Diagnostic] { log.diagnostics }

    /// The next element, or nil at the end (or after a fatal problem).
    package func next() -> SnapshotElement? {
        let element = source?.next()
        if !keyIndexesSized, case .ticket? = element { sizeKeyIndexes() }
        return element
    }

    private let keySizing: KeySizing

    /// Where the tickets start (about: the bytes read when the first one came), for `sizeKeyIndexes()`.
    private var ticketsStart: Int?

    /// Once a thirty-second of a large JSON or XML snapshot's tickets has been read (at least 8 MiB, so that the
    /// read-ahead chunk is a small part of it: `keySizing`), sizes the ticket and comment key indexes for the whole
    /// file from their counts so far (`SnapshotRecordDecoder.reserveTicketAndCommentKeys(readShare:)`). The share
    /// counts from the first ticket, as customers, contacts and assets come before. A CSV directory sizes its own
    /// (`CSVSnapshotSource`).
    private func sizeKeyIndexes() {
        guard format == .json || format == .xml, keySizing.applies(to: totalBytes) else {
            keyIndexesSized = true
            return
        }
        let start = ticketsStart ?? bytesRead
        ticketsStart = start
        guard let share = keySizing.share(read: bytesRead - start, of: totalBytes - start) else { return }
        keyIndexesSized = true
        decoder.reserveTicketAndCommentKeys(readShare: share)
    }

    /// Calls `body` with each remaining element in order.
    package func visit(_ body: (SnapshotElement) throws -> Void) rethrows {
        while let element = next() { try body(element) }
    }
}
