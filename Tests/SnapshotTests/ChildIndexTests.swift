import RecordFormats
import Testing

@testable import Snapshot

/// `ChildIndex` answers from runs at a cursor while rows and parents come in the same order, and from a table
/// otherwise; either way it must give what a plain list per key gives.
@Suite("ChildIndex: where each parent's child rows are")
struct ChildIndexTests {
    /// The obvious index: every key's rows in a dictionary, taken once.
    private struct Reference {
        var rows: [(key: String, row: CSVTable.RowLocator)] = []
        var taken = Set<String>()

        mutating func take(_ key: String) -> [CSVTable.RowLocator] {
            guard taken.insert(key).inserted else { return [] }
            return rows.filter { $0.key == key }.map(\.row)
        }

        var remaining: [(key: String, row: CSVTable.RowLocator)] { rows.filter { !taken.contains($0.key) } }
    }

    /// Rows for `keys` in file order, each key's rows `perKey` at a time.
    private static func check(rowKeys: [String], takes: [String]) {
        var index = ChildIndex<String>()
        var reference = Reference()
        for (offset, key) in rowKeys.enumerated() {
            let row = CSVTable.RowLocator(offset: offset * 10, line: offset + 2)
            index.append(row, to: key)
            reference.rows.append((key, row))
        }
        for key in takes {
            #expect(index.take(key) == reference.take(key), "take \(key)")
        }
        #expect(index.remaining.map(\.key) == reference.remaining.map(\.key))
        #expect(index.remaining.map(\.row) == reference.remaining.map(\.row))
    }

    @Test("rows grouped and asked for in the same order, some parents without rows, some rows without parents")
    func inOrder() {
        let keys = (0..<500).map { "P\($0)" }
        let rowKeys = keys.enumerated().flatMap { index, key in Array(repeating: key, count: index % 4) }
        Self.check(rowKeys: rowKeys + ["orphan", "orphan"], takes: keys)
    }

    @Test("parents out of order, a key asked for twice, a key never seen")
    func outOfOrder() {
        let keys = (0..<300).map { "P\($0)" }
        let rowKeys = keys.flatMap { [$0, $0] }
        var takes = Array(keys[..<100]) + Array(keys[100...].reversed())
        takes.insert("P5", at: 50)
        takes.insert("nobody", at: 10)
        Self.check(rowKeys: rowKeys, takes: takes)
    }

    @Test("one key's rows split over several runs, asked for in file order")
    func splitRuns() {
        let keys = (0..<200).map { "P\($0)" }
        var rowKeys = keys
        rowKeys += keys.filter { $0.hasSuffix("7") }
        rowKeys.insert("P3", at: 120)
        Self.check(rowKeys: rowKeys, takes: keys)
    }

    @Test("random rows and takes against the plain index", arguments: 0..<20)
    func random(seed: UInt64) {
        Self.random(seed: seed) { "K\($0)" }
    }

    @Test(
        "random rows and takes against the plain index, keys too long for a compact form among short ones",
        arguments: 0..<10)
    func randomLongKeys(seed: UInt64) {
        Self.random(seed: seed) { $0 % 3 == 0 ? "K\($0)" : "partner-ticket.\($0)" }
    }

    @Test("customer ids as keys: in four bytes, or whole when negative or past 2^32")
    func integerKeys() {
        var index = ChildIndex<Int>()
        let keys = [5, 5, -3, 1 << 40, 7, 1 << 40, 0]
        for (offset, key) in keys.enumerated() {
            index.append(CSVTable.RowLocator(offset: offset * 10, line: offset + 2), to: key)
        }
        #expect(index.take(5).map(\.line) == [2, 3])
        #expect(index.take(1 << 40).map(\.line) == [5, 7])
        #expect(index.take(-3).map(\.line) == [4])
        #expect(index.take(8).isEmpty)
        #expect(index.remaining.map(\.key) == [7, 0])
        #expect(index.remaining.map(\.row.offset) == [40, 60])
    }

    /// Random rows and takes over keys named by `name`, against the plain index.
    private static func random(seed: UInt64, name: (Int) -> String) {
        var generator = SplitMix64(seed: seed)
        let keyCount = 1 + Int(generator.next() % 60)
        var rowNumbers: [Int] = []
        for _ in 0..<Int(generator.next() % 400) {
            // Mostly the key of the row before or the next key, sometimes any key.
            let last = rowNumbers.last ?? 0
            let choice = generator.next() % 10
            let key =
                choice < 5 ? last : choice < 9 ? min(last + 1, keyCount - 1) : Int(generator.next() % UInt64(keyCount))
            rowNumbers.append(key)
        }
        var takes: [Int] = []
        for _ in 0..<Int(generator.next() % 120) {
            let choice = generator.next() % 10
            let next = takes.last.map { $0 + 1 } ?? 0
            takes.append(choice < 8 ? next : Int(generator.next() % UInt64(keyCount + 3)))
        }
        check(rowKeys: rowNumbers.map(name), takes: takes.map(name))
    }

    @Test("the hash set says no only for hashes never added")
    func hashSet() {
        var set = HashSet64()
        let refused = stride(from: UInt64(0), to: 20_000, by: 3).filter { !set.insert($0 &* 0x9E37_79B9) }
        #expect(refused.isEmpty)
        let zeroAgain = set.insert(0)
        let threeAgain = set.insert(3 &* 0x9E37_79B9)
        #expect(!zeroAgain && !threeAgain)
        let wrong = (UInt64(0)..<20_000).filter { set.contains($0 &* 0x9E37_79B9) != ($0 % 3 == 0) }
        #expect(wrong.isEmpty)
        #expect(set.count == 6_667)
    }
}
