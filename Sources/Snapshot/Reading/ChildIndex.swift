import RecordFormats

/// Where the rows of one CSV child file are, grouped by their parent's key: each row's byte offset and line, never
/// its text.
///
/// Rows are kept in file order, in runs: a run is consecutive rows with one key. A writer puts a parent's rows
/// together and in the parent file's order, so normally each key has one run and parents ask for them in run
/// order: `take(_:)` then finds the next run at a cursor, with no table of keys at all. A set of 64-bit key hashes,
/// made at the first `take(_:)` when the number of runs is known, tells for certain that a key has no rows. Only
/// when rows of one key are split over several runs (or two keys' hashes meet), or a parent asks out of order, is
/// a dictionary of the runs left built, once, and used from then on: the same answers, at the cost of the table.
/// Columns are compact: a row's offset and line take 4 bytes each (`IntColumn`), a run's key its compact form
/// (`CompactableKey`, 8 bytes for a short partner id) and its start 4 bytes, so a run with its hash slot and flag
/// costs about 24 bytes and a row 8: about 40 MB for a million tickets with two comments each.
struct ChildIndex<Key: CompactableKey & Hashable> {
    private var offsets = IntColumn()
    private var lines = IntColumn()
    /// Each run's key in its compact form; a key without one has the placeholder here and is in `longKeys`.
    private var runKeys: [Key.Compact] = []
    private var longKeys: [Int: Key] = [:]
    /// Each run's first row; run `r` is rows `runStarts[r]..<runStarts[r + 1]` (the last one runs to the end).
    private var runStarts = IntColumn()
    private var taken: [Bool] = []
    /// The key of the last run, to tell where a run ends.
    private var lastKey: Key?
    /// Hashes of the keys of every run, once the first `take(_:)` made them.
    private var hashes: HashSet64?
    /// Whether some key's hash starts more than one run: then a key's rows may be in several runs.
    private var repeated = false
    /// Runs before it are taken; the next one a parent streaming in file order asks for.
    private var cursor = 0
    /// The runs not yet taken by key, once a look-up out of order needed it.
    private var runsByKey: [Key: [Int]]?

    private static var seed: UInt64 { childIndexSeed }

    /// How many rows were indexed (taken or not).
    var rowCount: Int { offsets.count }

    mutating func append(_ row: CSVTable.RowLocator, to key: Key) {
        if lastKey != key || offsets.isEmpty {
            if let compact = key.compact {
                runKeys.append(compact)
            } else {
                longKeys[runKeys.count] = key
                runKeys.append(Key.Compact.placeholder)
            }
            runStarts.append(offsets.count)
            taken.append(false)
            lastKey = key
        }
        offsets.append(row.offset)
        lines.append(row.line)
    }

    /// Removes and returns where the rows of `key` are, in file order (empty when it has none).
    mutating func take(_ key: Key) -> [CSVTable.RowLocator] {
        if hashes == nil { hashRuns() }
        while cursor < taken.count, taken[cursor] { cursor += 1 }
        if !repeated, runsByKey == nil {
            if cursor < runKeys.count, run(cursor, is: key) {
                taken[cursor] = true
                cursor += 1
                return rows(of: cursor - 1)
            }
            if hashes?.contains(Self.hash(key)) == false { return [] }
        }
        if runsByKey == nil {
            var byKey: [Key: [Int]] = [:]
            for run in runKeys.indices where !taken[run] { byKey[self.key(ofRun: run), default: []].append(run) }
            runsByKey = byKey
        }
        guard let runs = runsByKey?.removeValue(forKey: key) else { return [] }
        var result: [CSVTable.RowLocator] = []
        for run in runs where !taken[run] {
            taken[run] = true
            result += rows(of: run)
        }
        return result
    }

    /// The rows no parent took, with their keys, in file order.
    var remaining: [(key: Key, row: CSVTable.RowLocator)] {
        runKeys.indices.filter { !taken[$0] }.flatMap { run in rows(of: run).map { (key(ofRun: run), $0) } }
    }

    /// A key's hash: its compact form's when it has one, as `hashRuns()` hashes each run's key.
    private static func hash(_ key: Key) -> UInt64 {
        key.compact?.indexHash(seed: seed) ?? key.indexHash(seed: seed)
    }

    /// Makes the set of the runs' key hashes, sized for them, and notes whether one starts more than one run.
    private mutating func hashRuns() {
        var hashes = HashSet64(capacity: runKeys.count)
        for run in runKeys.indices {
            let hash = longKeys[run]?.indexHash(seed: Self.seed) ?? runKeys[run].indexHash(seed: Self.seed)
            if !hashes.insert(hash) { repeated = true }
        }
        self.hashes = hashes
    }

    private func run(_ run: Int, is key: Key) -> Bool {
        guard let compact = key.compact else { return longKeys[run] == key }
        return runKeys[run] == compact && (longKeys.isEmpty || longKeys[run] == nil)
    }

    private func key(ofRun run: Int) -> Key {
        longKeys[run] ?? Key(compact: runKeys[run])
    }

    private func rows(of run: Int) -> [CSVTable.RowLocator] {
        let end = run + 1 < runStarts.count ? runStarts[run + 1] : offsets.count
        return (runStarts[run]..<end).map { CSVTable.RowLocator(offset: offsets[$0], line: lines[$0]) }
    }
}

/// The process's seed for `ChildIndex` hashes.
private let childIndexSeed = UInt64.random(in: .min ... .max)

/// A set of 64-bit hashes: open addressing, linear probing, no removal.
struct HashSet64 {
    private var slots: [UInt64] = []
    private(set) var count = 0

    init() {}

    /// An empty set with room for `capacity` hashes before it grows.
    init(capacity: Int) {
        slots = [UInt64](repeating: 0, count: max(64, capacity * 4 / 3 + 1))
    }

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
