/// Where the rows of one CSV child file are, grouped by their parent's key: each row's byte offset and line, never
/// its text.
///
/// Rows are kept in file order, in runs: a run is consecutive rows with one key. A writer puts a parent's rows
/// together and in the parent file's order, so normally each key has one run and parents ask for them in run
/// order: `take(_:)` then finds the next run at a cursor, with no table of keys at all. A set of 64-bit key hashes
/// tells for certain that a key has no rows. Only when rows of one key are split over several runs (or two keys'
/// hashes meet), or a parent asks out of order, is a dictionary of the runs left built, once, and used from then
/// on: the same answers, at the cost of the table. A row costs two integers, a run its key, an integer, a flag and
/// a hash slot: about 70 MB for a million tickets with two comments each.
struct ChildIndex<Key: IndexKey & Hashable> {
    private var rows: [CSVTable.RowLocator] = []
    /// Each run's key and first row; run `r` is `rows[runStarts[r]..<runStarts[r + 1]]` (the last one runs to
    /// the end).
    private var runKeys: [Key] = []
    private var runStarts: [Int] = []
    private var taken: [Bool] = []
    /// Hashes of the keys of every run.
    private var hashes = HashSet64()
    /// Whether some key's hash starts more than one run: then a key's rows may be in several runs.
    private var repeated = false
    /// Runs before it are taken; the next one a parent streaming in file order asks for.
    private var cursor = 0
    /// The runs not yet taken by key, once a look-up out of order needed it.
    private var runsByKey: [Key: [Int]]?

    private static var seed: UInt64 { childIndexSeed }

    /// How many rows were indexed (taken or not).
    var rowCount: Int { rows.count }

    mutating func append(_ row: CSVTable.RowLocator, to key: Key) {
        if runKeys.last != key || rows.isEmpty {
            runKeys.append(key)
            runStarts.append(rows.count)
            taken.append(false)
            if !hashes.insert(key.indexHash(seed: Self.seed)) { repeated = true }
        }
        rows.append(row)
    }

    /// Removes and returns where the rows of `key` are, in file order (empty when it has none).
    mutating func take(_ key: Key) -> [CSVTable.RowLocator] {
        while cursor < taken.count, taken[cursor] { cursor += 1 }
        if !repeated, runsByKey == nil {
            if cursor < runKeys.count, runKeys[cursor] == key {
                taken[cursor] = true
                cursor += 1
                return Array(rows[range(of: cursor - 1)])
            }
            if !hashes.contains(key.indexHash(seed: Self.seed)) { return [] }
        }
        if runsByKey == nil {
            var byKey: [Key: [Int]] = [:]
            for run in runKeys.indices where !taken[run] { byKey[runKeys[run], default: []].append(run) }
            runsByKey = byKey
        }
        guard let runs = runsByKey?.removeValue(forKey: key) else { return [] }
        var result: [CSVTable.RowLocator] = []
        for run in runs where !taken[run] {
            taken[run] = true
            result += rows[range(of: run)]
        }
        return result
    }

    /// The rows no parent took, with their keys, in file order.
    var remaining: [(key: Key, row: CSVTable.RowLocator)] {
        runKeys.indices.filter { !taken[$0] }.flatMap { run in rows[range(of: run)].map { (runKeys[run], $0) } }
    }

    private func range(of run: Int) -> Range<Int> {
        runStarts[run]..<(run + 1 < runStarts.count ? runStarts[run + 1] : rows.count)
    }
}

/// The process's seed for `ChildIndex` hashes.
private let childIndexSeed = UInt64.random(in: .min ... .max)

/// A set of 64-bit hashes: open addressing, linear probing, no removal.
struct HashSet64 {
    private var slots: [UInt64] = []
    private(set) var count = 0

    /// Adds `hash`; false when it was there already.
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let value = hash == 0 ? 1 : hash
        var slot = Self.slot(value, capacity: slots.count)
        while slots[slot] != 0 {
            if slots[slot] == value { return false }
            slot = slot + 1 == slots.count ? 0 : slot + 1
        }
        slots[slot] = value
        count += 1
        return true
    }

    func contains(_ hash: UInt64) -> Bool {
        guard !slots.isEmpty else { return false }
        let value = hash == 0 ? 1 : hash
        var slot = Self.slot(value, capacity: slots.count)
        while slots[slot] != 0 {
            if slots[slot] == value { return true }
            slot = slot + 1 == slots.count ? 0 : slot + 1
        }
        return false
    }

    @inline(__always)
    private static func slot(_ value: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: value.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: max(64, old.count * 2))
        for value in old where value != 0 {
            var slot = Self.slot(value, capacity: slots.count)
            while slots[slot] != 0 { slot = slot + 1 == slots.count ? 0 : slot + 1 }
            slots[slot] = value
        }
    }
}
