import Foundation
import RecordFormats
import Snapshot
import Synchronization

/// Reads a snapshot on a thread of its own (`ReadAhead`), a batch of elements ahead of the comparison, so that on
/// two cores decoding the next tickets overlaps comparing the last ones.
///
/// The first element (the header) is read on the caller's thread and nothing more until the caller asks for a
/// second one: a comparison that stops at the header (another account's snapshot) reads no further, and its
/// diagnostics are exactly those of reading the header. The reader is touched by one thread at a time: the caller
/// before the reading thread starts, that thread after, the caller again once it has finished.
final class SnapshotPrefetch {
    private let reader: SnapshotReader
    private let batchSize: Int
    private let batchesAhead: Int
    private var readAhead: ReadAhead<SnapshotElement>?
    private var headerRead = false
    /// The reader's `bytesRead` after the batch filled last, published by the reading thread.
    private let published = PublishedCount()

    init(reader: SnapshotReader, batchSize: Int = 256, batchesAhead: Int = 4) {
        self.reader = reader
        self.batchSize = batchSize
        self.batchesAhead = batchesAhead
    }

    /// The next element in file order, or nil at the end.
    func next() -> SnapshotElement? {
        if !headerRead {
            headerRead = true
            return reader.next()
        }
        let readAhead = self.readAhead ?? start()
        // The snapshot reader logs its problems and never throws.
        return try? readAhead.next()
    }

    /// About how many bytes of the snapshot have been read (ahead of the elements handed out): for progress.
    var bytesRead: Int { readAhead == nil ? reader.bytesRead : published.value.load(ordering: .relaxed) }

    /// The reader's diagnostics: waits for the reading thread to stop first.
    var diagnostics: [Diagnostic] {
        readAhead?.waitUntilFinished()
        return reader.diagnostics
    }

    /// Stops the reading thread after its current batch and waits for it.
    func cancel() {
        readAhead?.cancel()
    }

    private func start() -> ReadAhead<SnapshotElement> {
        let reader = UncheckedReader(reader: self.reader)
        let published = self.published
        let started = ReadAhead<SnapshotElement>(
            name: "syncro-fusion.snapshot-reader", batchSize: batchSize, batchesAhead: batchesAhead,
            afterBatch: { published.value.store(reader.reader.bytesRead, ordering: .relaxed) },
            produce: { reader.reader.next() })
        readAhead = started
        return started
    }

    /// A count one thread publishes and another reads.
    private final class PublishedCount: Sendable {
        let value = Atomic<Int>(0)
    }

    /// The reader handed to the reading thread, which alone uses it until it finishes (see the type's comment).
    private struct UncheckedReader: @unchecked Sendable {
        let reader: SnapshotReader
    }
}
