import Foundation

/// Runs a sequential producer (a file reader) on a thread of its own, a few batches ahead of the caller, so that
/// on two cores reading the next records overlaps using the last ones.
///
/// The thread starts on the first `next()`. At most `batchesAhead` batches wait, so memory stays bounded. Batches
/// go back to the producing thread once used and are freed there: glibc's `free` of memory another thread
/// allocated takes that thread's arena lock, which costs more than the overlap gains. An error the producer
/// throws reaches the caller after every element produced before it.
///
/// It is a `Thread`, not a task: the callers are synchronous loops, and blocking a cooperative-pool thread on a
/// two-core machine starves the pool. `next()`, `cancel()` and `waitUntilFinished()` belong to one caller thread;
/// the producer runs only on the reading thread once that has started, with every hand-over under `condition`,
/// which is why the unchecked `Sendable` is sound.
package final class ReadAhead<Element>: @unchecked Sendable {
    private let name: String
    private let batchSize: Int
    private let batchesAhead: Int
    private let produce: () throws -> Element?
    private let afterBatch: () -> Void
    private let condition = NSCondition()
    /// Filled batches waiting for the caller, oldest first.
    private var ready: [[Element]] = []
    /// Batches the caller has finished with, to be freed by the reading thread.
    private var spent: [[Element]] = []
    private var failure: (any Error)?
    private var finished = false
    private var cancelled = false
    private var started = false
    private var current: [Element] = []
    private var index = 0

    /// `produce` gives the next element, nil at the end; `afterBatch` runs on the reading thread after each batch
    /// is filled (to publish progress, say).
    package init(
        name: String, batchSize: Int = 256, batchesAhead: Int = 4, afterBatch: @escaping () -> Void = {},
        produce: @escaping () throws -> Element?
    ) {
        self.name = name
        self.batchSize = max(1, batchSize)
        self.batchesAhead = max(1, batchesAhead)
        self.afterBatch = afterBatch
        self.produce = produce
    }

    /// The next element in the producer's order, or nil at the end; throws what the producer threw, in its place.
    package func next() throws -> Element? {
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
        guard !ready.isEmpty else {
            if let failure {
                self.failure = nil
                throw failure
            }
            return nil
        }
        current = ready.removeFirst()
        condition.broadcast()
        index = 1
        return current[0]
    }

    /// Waits for the reading thread to reach the end (or its cancellation); at once if it never started.
    package func waitUntilFinished() {
        guard started else { return }
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Stops the reading thread after its current batch and waits for it.
    package func cancel() {
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
        thread.name = name
        thread.start()
    }

    /// The reading thread: fills batches until the end, an error, the caller's cancellation, or enough are waiting.
    private func readAhead() {
        var batch: [Element] = []
        var atEnd = false
        var error: (any Error)?
        while !atEnd {
            batch.reserveCapacity(batchSize)
            do {
                while batch.count < batchSize {
                    guard let element = try produce() else {
                        atEnd = true
                        break
                    }
                    batch.append(element)
                }
            } catch let thrown {
                error = thrown
                atEnd = true
            }
            afterBatch()
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
        failure = error
        finished = true
        // Whatever the caller still returns after the end is freed with this object, on its thread; that is at
        // most the last batch or two.
        spent.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
