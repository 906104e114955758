import RecordFormats
import Testing

/// `ReadAhead` runs a producer on a thread of its own; the caller must see exactly what it produced, in order,
/// then its error in its place, and stopping early must not leave the thread behind.
@Suite("Reading ahead on a second thread")
struct ReadAheadTests {
    private struct Broken: Error, Equatable {
        var at: Int
    }

    /// A producer of 0, 1, … that throws at `failAt` (if given) or ends after `count`; not thread-safe on purpose.
    private final class Counter: @unchecked Sendable {
        var produced = 0
        let count: Int
        let failAt: Int?

        init(count: Int, failAt: Int? = nil) {
            self.count = count
            self.failAt = failAt
        }

        func next() throws -> Int? {
            if produced == failAt { throw Broken(at: produced) }
            guard produced < count else { return nil }
            produced += 1
            return produced - 1
        }
    }

    @Test("every element in order, over many small batches", arguments: [1, 3, 64])
    func order(batchSize: Int) throws {
        let counter = Counter(count: 5_000)
        let ahead = ReadAhead(name: "test", batchSize: batchSize, batchesAhead: 2) { try counter.next() }
        var seen: [Int] = []
        while let element = try ahead.next() { seen.append(element) }
        #expect(seen == Array(0..<5_000))
        #expect(try ahead.next() == nil)
    }

    @Test("an error arrives after every element produced before it")
    func error() throws {
        let counter = Counter(count: 5_000, failAt: 1_234)
        let ahead = ReadAhead(name: "test", batchSize: 100) { try counter.next() }
        var seen: [Int] = []
        do {
            while let element = try ahead.next() { seen.append(element) }
            Issue.record("no error")
        } catch let error as Broken {
            #expect(error == Broken(at: 1_234))
        }
        #expect(seen == Array(0..<1_234))
    }

    @Test("cancelling midway stops the thread; waiting for the end returns")
    func cancel() throws {
        let counter = Counter(count: 1_000_000)
        let ahead = ReadAhead(name: "test", batchSize: 16, batchesAhead: 1) { try counter.next() }
        for _ in 0..<100 { _ = try ahead.next() }
        ahead.cancel()
        ahead.waitUntilFinished()
        // At most the batch in hand, the waiting one and the one being filled were produced.
        #expect(counter.produced <= 100 + 3 * 16)
    }
}
