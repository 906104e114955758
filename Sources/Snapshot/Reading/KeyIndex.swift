import CPrefetch

/// Remembers where each value of one unique key was first seen, to report both locations of a duplicate.
///
/// A snapshot of a million tickets puts six million keys through these indexes (two per ticket, two per
/// comment), so they are an open-addressing table of their own rather than a `Dictionary`: a cheap seeded hash
/// instead of SipHash, and a capacity that grows by half rather than doubling (slots are chosen by multiplying the
/// hash by the capacity, which needs no power of two). Each slot holds its key and one word that packs seven
/// bits of the key's hash (so that most probes never compare keys), the line and the column: an insert then
/// touches one place in memory, which at this size is one cache miss, where a separate tag array made two. File
/// names are kept once in a small table.
struct KeyIndex<Key: IndexKey> {
    /// A slot: its key (`Key.placeholder` when empty) and `meta`, which packs, from the top, 0x80 | seven bits of
    /// the hash (8 bits, all zero in an empty slot), the line (32 bits) and the column (24 bits); 0 stands for an
    /// unknown line or column, and for a column too large to hold.
    private struct Slot {
        var key: Key
        var meta: UInt64

        var tag: UInt8 { UInt8(truncatingIfNeeded: meta >> 56) }
    }

    private static var empty: Slot { Slot(key: Key.placeholder, meta: 0) }

    private var slots: [Slot] = []
    /// The file of each slot, as an index into `files`; empty while every key came from `files[0]` (an index's
    /// keys come from one file unless a CSV snapshot's are split over several), which saves two bytes a slot.
    private var fileIndexes: [UInt16] = []
    private var files: [String] = []
    private(set) var count = 0

    /// Random per process, so that no input can be crafted to collide.
    private static var seed: UInt64 { indexSeed }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: hash >> 57) | 0x80
    }

    /// A key with its hash, worked out once: for `prefetch(_:)` and then `insert(_:at:)`.
    struct Hashed {
        let key: Key
        let hash: UInt64
    }

    func hashed(_ key: Key) -> Hashed {
        Hashed(key: key, hash: key.indexHash(seed: Self.seed))
    }

    /// Makes room for `total` keys in all at once, in one move of the table, so that reaching that many grows it
    /// no more (for a caller that can estimate how many keys are coming).
    mutating func reserveCapacity(_ total: Int) {
        guard total * 5 > slots.count * 4 else { return }
        grow(to: total * 5 / 4 + 1)
    }

    /// Makes room for `additional` more keys now, so that inserting them does not move the table (and the places
    /// `prefetch(_:)` warmed up stay the ones they land in).
    mutating func reserve(_ additional: Int) {
        while (count + additional) * 5 > slots.count * 4 { grow() }
    }

    /// Starts loading the slot where the search for `key` begins, without waiting for it: a caller that prefetches
    /// a key as soon as it has read it and inserts it later overlaps the cache miss with its other work.
    func prefetch(_ key: Hashed) {
        let slot = Self.slot(key.hash, capacity: slots.count)
        slots.withUnsafeBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            syncro_fusion_prefetch_for_write(base + slot)
        }
    }

    /// Records `key` at `location`; returns where it was seen before, if it was.
    mutating func insert(_ key: Key, at location: DiagnosticLocation) -> DiagnosticLocation? {
        insert(hashed(key), at: location)
    }

    /// `insert(_:at:)` for a key whose hash is known.
    mutating func insert(_ hashed: Hashed, at location: DiagnosticLocation) -> DiagnosticLocation? {
        let key = hashed.key
        let hash = hashed.hash
        if (count + 1) * 5 > slots.count * 4 { grow() }
        let tag = Self.tag(hash)
        let capacity = slots.count
        let meta = Self.meta(tag: tag, location)
        // The slot of an equal key, or the complement of the slot the key was put in.
        let slot = slots.withUnsafeMutableBufferPointer { slots -> Int in
            var slot = Self.slot(hash, capacity: capacity)
            while slots[slot].meta != 0 {
                if slots[slot].tag == tag, slots[slot].key == key { return slot }
                slot += 1
                if slot == capacity { slot = 0 }
            }
            slots[slot] = Slot(key: key, meta: meta)
            return ~slot
        }
        guard slot < 0 else { return self.location(at: slot) }
        let file = fileIndex(location.file)
        if file != 0 || !fileIndexes.isEmpty {
            if fileIndexes.isEmpty { fileIndexes = [UInt16](repeating: 0, count: capacity) }
            fileIndexes[~slot] = file
        }
        count += 1
        return nil
    }

    /// Forgets `key` (a key just inserted by a caller that then changed its mind); does nothing if it is absent.
    ///
    /// Linear probing keeps every key between its home slot and its slot with no empty slot in between, so the
    /// keys after the freed slot are shifted back into it where that keeps them reachable (no tombstones).
    mutating func remove(_ key: Key) {
        guard let found = slot(of: key) else { return }
        var hole = found
        var slot = next(hole)
        while slots[slot].meta != 0 {
            let home = Self.slot(slots[slot].key.indexHash(seed: Self.seed), capacity: slots.count)
            // The key at `slot` may fill the hole unless its home lies cyclically in (hole, slot].
            let homeAfterHole = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot)
            if !homeAfterHole {
                move(from: slot, to: hole)
                hole = slot
            }
            slot = next(slot)
        }
        slots[hole] = Self.empty
        count -= 1
    }

    /// Whether `key` has been seen.
    func contains(_ key: Key) -> Bool {
        slot(of: key) != nil
    }

    /// The slot holding `key`, if any.
    private func slot(of key: Key) -> Int? {
        guard !slots.isEmpty else { return nil }
        let hash = key.indexHash(seed: Self.seed)
        let tag = Self.tag(hash)
        var slot = Self.slot(hash, capacity: slots.count)
        while slots[slot].meta != 0 {
            if slots[slot].tag == tag, slots[slot].key == key { return slot }
            slot = next(slot)
        }
        return nil
    }

    @inline(__always)
    private func next(_ slot: Int) -> Int {
        slot + 1 == slots.count ? 0 : slot + 1
    }

    private mutating func move(from source: Int, to target: Int) {
        slots[target] = slots[source]
        if !fileIndexes.isEmpty { fileIndexes[target] = fileIndexes[source] }
    }

    /// A used slot's `meta`: the tag, and the line and column of `location` where they fit (else 0).
    @inline(__always)
    private static func meta(tag: UInt8, _ location: DiagnosticLocation) -> UInt64 {
        let line = location.line.flatMap { UInt32(exactly: $0) } ?? 0
        let column = location.column.flatMap { $0 < 1 << 24 ? UInt64($0) : nil } ?? 0
        return UInt64(tag) << 56 | UInt64(line) << 24 | column
    }

    private func location(at slot: Int) -> DiagnosticLocation {
        let meta = slots[slot].meta
        let line = Int((meta >> 24) & 0xFFFF_FFFF)
        let column = Int(meta & 0xFF_FFFF)
        return DiagnosticLocation(
            file: files[fileIndexes.isEmpty ? 0 : Int(fileIndexes[slot])], line: line == 0 ? nil : line,
            column: column == 0 ? nil : column)
    }

    private mutating func fileIndex(_ file: String) -> UInt16 {
        if let index = files.lastIndex(of: file) { return UInt16(truncatingIfNeeded: index) }
        files.append(file)
        return UInt16(truncatingIfNeeded: files.count - 1)
    }

    /// The home slot of `hash` in a table of `capacity` slots: the high half of their product.
    @inline(__always)
    private static func slot(_ hash: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(capacity)).high)
    }

    /// Moves every key into a table half as large again (at least 64 slots), keeping at most 80 % of it used.
    private mutating func grow() {
        grow(to: max(64, slots.count + slots.count / 2))
    }

    /// Moves every key into a table of `capacity` slots.
    private mutating func grow(to capacity: Int) {
        var grown = KeyIndex()
        grown.slots = [Slot](repeating: Self.empty, count: capacity)
        if !fileIndexes.isEmpty { grown.fileIndexes = [UInt16](repeating: 0, count: capacity) }
        grown.files = files
        grown.count = count
        for old in slots.indices where slots[old].meta != 0 {
            var slot = Self.slot(slots[old].key.indexHash(seed: Self.seed), capacity: capacity)
            while grown.slots[slot].meta != 0 {
                slot += 1
                if slot == capacity { slot = 0 }
            }
            grown.slots[slot] = slots[old]
            if !fileIndexes.isEmpty { grown.fileIndexes[slot] = fileIndexes[old] }
        }
        self = grown
    }
}

/// The process's seed for `KeyIndex` hashes.
private let indexSeed = UInt64.random(in: .min ... .max)

/// A key `KeyIndex` can hold: equatable, with a seeded 64-bit hash and a value for empty slots.
protocol IndexKey: Equatable {
    static var placeholder: Self { get }
    func indexHash(seed: UInt64) -> UInt64
}

/// The 64-bit finaliser of SplitMix64: every input bit affects every output bit.
@inline(__always)
private func mix(_ value: UInt64) -> UInt64 {
    var x = value
    x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
    x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
    return x ^ (x >> 31)
}

extension Int: IndexKey {
    static var placeholder: Int { 0 }

    func indexHash(seed: UInt64) -> UInt64 {
        mix(UInt64(bitPattern: Int64(self)) ^ seed)
    }
}

extension String: IndexKey {
    static var placeholder: String { "" }

    func indexHash(seed: UInt64) -> UInt64 {
        var text = self
        return text.withUTF8 { bytes in
            var hash = seed ^ UInt64(bytes.count)
            let raw = UnsafeRawBufferPointer(bytes)
            var index = 0
            while index + 8 <= bytes.count {
                hash = mix(hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            if index < bytes.count {
                var tail: UInt64 = 0
                for offset in index..<bytes.count {
                    tail |= UInt64(bytes[offset]) << (8 * UInt64(offset - index))
                }
                hash = mix(hash ^ tail ^ 0x8000_0000_0000_0000)
            }
            return mix(hash)
        }
    }
}
