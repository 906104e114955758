import Foundation
import Snapshot
import Synchronization

/// Reads a snapshot on a thread of its own, a batch of elements ahead of the comparison, so that on two cores
/// decoding the next tickets overlaps comparing the last ones.
///
/// The first element (the header) is read on the caller's thread and nothing more until the caller asks for a
/// second one: a comparison that stops at the header (another account's snapshot) reads no further, and its
/// diagnostics are exactly those of reading the header. At most `batchesAhead` batches wait, so memory stays
/// bounded. Batches go back to the reading thread once compared and are freed there: glibc's `free` of memory
/// another thread allocated takes that thread's arena lock, which costs more than the overlap gains.
///
/// `next()` and `diagnostics` belong to one caller thread; the reader is touched by one thread at a time (the
/// caller before the thread starts, the thread after, the caller again once the thread has finished), with every
/// hand-over under `condition`, which is why the unchecked `Sendable` is sound.
final class SnapshotPrefetch: @unchecked Sendable {
    private let reader: SnapshotReader
    private let batchSize: Int
    private let batchesAhead: Int
    private let condition = NSCondition()
    /// Filled batches waiting for the caller, oldest first.
    private var ready: [[SnapshotElement]] = []
    /// Batches the caller has finished with, to be freed by the reading thread.
    private var spent: [[SnapshotElement]] = []
    private var finished = false
    private var cancelled = false
    private var started = false
    private var current: [SnapshotElement] = []
    private var index = 0
    private var headerRead = false
    /// The reader's `bytesRead` after the batch filled last, published by the reading thread.
    private let bytesPublished = Atomic<Int>(0)

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
        if !started { start() }
        if index < current.count {
            index += 1
            return current[index - 1]
        }
        condition.lock()
        defer { condition.unlock() }
        if !current.isEmpty { spent.append(current) }
        current = []
        index = 0
        condition.broadcast()
        while ready.isEmpty && !finished { condition.wait() }
        guard !ready.isEmpty else { return nil }
        current = ready.removeFirst()
        condition.broadcast()
        index = 1
        return current[0]
    }

    /// About how many bytes of the snapshot have been read (ahead of the elements handed out): for progress.
    var bytesRead: Int { started ? bytesPublished.load(ordering: .relaxed) : reader.bytesRead }

    /// The reader's diagnostics: waits for the reading thread to stop first.
    var diagnostics: [Diagnostic] {
        if started {
            condition.lock()
            while !finished { condition.wait() }
            condition.unlock()
        }
        return reader.diagnostics
    }

    /// Stops the reading thread after its current batch and waits for it.
    func cancel() {
        guard started else { return }
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func start() {
        started = true
        let thread = Thread { [self] in readAhead() }
        thread.name = "syncro-fusion.snapshot-reader"
        thread.start()
    }

    /// The reading thread: fills batches until the end, the caller's cancellation, or enough are waiting.
    private func readAhead() {
        var batch: [SnapshotElement] = []
        var atEnd = false
        while !atEnd {
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize {
                guard let element = reader.next() else {
                    atEnd = true
                    break
                }
                batch.append(element)
            }
            bytesPublished.store(reader.bytesRead, ordering: .relaxed)
            condition.lock()
            while ready.count >= batchesAhead && !cancelled { condition.wait() }
            var freed = spent
            spent = []
            if cancelled {
                atEnd = true
            } else if !batch.isEmpty {
                ready.append(batch)
            }
            condition.broadcast()
            condition.unlock()
            // Freed here, on the thread that allocated them.
            freed.removeAll()
            batch = []
        }
        condition.lock()
        finished = true
        // Whatever the caller still returns after the end is freed with this object, on its thread; that is at
        // most the last batch or two.
        spent.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
