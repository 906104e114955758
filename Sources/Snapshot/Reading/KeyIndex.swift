/// Remembers where each value of one unique key was first seen, to report both locations of a duplicate.
///
/// A snapshot of a million tickets puts six million keys through these indexes (two per ticket, two per
/// comment), so they are an open-addressing table of their own rather than a `Dictionary`: a cheap seeded hash
/// instead of SipHash, a one-byte tag per slot so that most probes never compare keys, each key stored with its
/// 4-byte line and column, and a capacity that grows by half rather than doubling (slots are chosen by
/// multiplying the hash by the capacity, which needs no power of two). File names are kept once in a small table.
struct KeyIndex<Key: IndexKey> {
    /// A used slot's key and where it was first seen (0 for an unknown line or column).
    private struct Slot {
        var key: Key
        var line: UInt32
        var column: UInt32
    }

    /// 0 for an empty slot, else 0x80 | seven bits of the key's hash; probed without touching `slots`.
    private var tags: [UInt8] = []
    /// The key and position of each used slot (`Key.placeholder` in empty ones): one cache line to read, where a
    /// column per part would be one each.
    private var slots: [Slot] = []
    /// The file of each slot, as an index into `files`; empty while every key came from `files[0]` (an index's
    /// keys come from one file unless a CSV snapshot's are split over several), which saves two bytes a slot.
    private var fileIndexes: [UInt16] = []
    private var files: [String] = []
    private(set) var count = 0

    /// Random per process, so that no input can be crafted to collide.
    private static var seed: UInt64 { indexSeed }

    /// Records `key` at `location`; returns where it was seen before, if it was.
    mutating func insert(_ key: Key, at location: DiagnosticLocation) -> DiagnosticLocation? {
        if (count + 1) * 5 > tags.count * 4 { grow() }
        let hash = key.indexHash(seed: Self.seed)
        let tag = UInt8(truncatingIfNeeded: hash >> 57) | 0x80
        var slot = Self.slot(hash, capacity: tags.count)
        while tags[slot] != 0 {
            if tags[slot] == tag, slots[slot].key == key { return self.location(at: slot) }
            slot += 1
            if slot == tags.count { slot = 0 }
        }
        let file = fileIndex(location.file)
        tags[slot] = tag
        slots[slot] = Slot(
            key: key, line: UInt32(clamping: location.line ?? 0), column: UInt32(clamping: location.column ?? 0))
        if file != 0 || !fileIndexes.isEmpty {
            if fileIndexes.isEmpty { fileIndexes = [UInt16](repeating: 0, count: tags.count) }
            fileIndexes[slot] = file
        }
        count += 1
        return nil
    }

    /// Forgets `key` (a key just inserted by a caller that then changed its mind); does nothing if it is absent.
    ///
    /// Linear probing keeps every key between its home slot and its slot with no empty slot in between, so the
    /// keys after the freed slot are shifted back into it where that keeps them reachable (no tombstones).
    mutating func remove(_ key: Key) {
        guard !tags.isEmpty else { return }
        let hash = key.indexHash(seed: Self.seed)
        let tag = UInt8(truncatingIfNeeded: hash >> 57) | 0x80
        var hole = Self.slot(hash, capacity: tags.count)
        while tags[hole] != 0 {
            if tags[hole] == tag, slots[hole].key == key { break }
            hole = next(hole)
        }
        guard tags[hole] != 0 else { return }
        var slot = next(hole)
        while tags[slot] != 0 {
            let home = Self.slot(slots[slot].key.indexHash(seed: Self.seed), capacity: tags.count)
            // The key at `slot` may fill the hole unless its home lies cyclically in (hole, slot].
            let homeAfterHole = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot)
            if !homeAfterHole {
                move(from: slot, to: hole)
                hole = slot
            }
            slot = next(slot)
        }
        tags[hole] = 0
        slots[hole].key = Key.placeholder
        count -= 1
    }

    @inline(__always)
    private func next(_ slot: Int) -> Int {
        slot + 1 == tags.count ? 0 : slot + 1
    }

    private mutating func move(from source: Int, to target: Int) {
        tags[target] = tags[source]
        slots[target] = slots[source]
        if !fileIndexes.isEmpty { fileIndexes[target] = fileIndexes[source] }
    }

    /// Whether `key` has been seen.
    func contains(_ key: Key) -> Bool {
        guard !tags.isEmpty else { return false }
        let hash = key.indexHash(seed: Self.seed)
        let tag = UInt8(truncatingIfNeeded: hash >> 57) | 0x80
        var slot = Self.slot(hash, capacity: tags.count)
        while tags[slot] != 0 {
            if tags[slot] == tag, slots[slot].key == key { return true }
            slot += 1
            if slot == tags.count { slot = 0 }
        }
        return false
    }

    private func location(at slot: Int) -> DiagnosticLocation {
        let entry = slots[slot]
        return DiagnosticLocation(
            file: files[fileIndexes.isEmpty ? 0 : Int(fileIndexes[slot])],
            line: entry.line == 0 ? nil : Int(entry.line),
            column: entry.column == 0 ? nil : Int(entry.column))
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
        let capacity = max(64, tags.count + tags.count / 2)
        var grown = KeyIndex()
        grown.tags = [UInt8](repeating: 0, count: capacity)
        grown.slots = [Slot](repeating: Slot(key: Key.placeholder, line: 0, column: 0), count: capacity)
        if !fileIndexes.isEmpty { grown.fileIndexes = [UInt16](repeating: 0, count: capacity) }
        grown.files = files
        grown.count = count
        for old in tags.indices where tags[old] != 0 {
            var slot = Self.slot(slots[old].key.indexHash(seed: Self.seed), capacity: capacity)
            while grown.tags[slot] != 0 {
                slot += 1
                if slot == capacity { slot = 0 }
            }
            grown.tags[slot] = tags[old]
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
