import CPrefetch

/// Remembers where each value of one unique key was first seen, to report both locations of a duplicate.
///
/// A snapshot of a million tickets puts six million keys through these indexes (two per ticket, two per
/// comment), so they are open-addressing tables of their own (`KeyTable`) rather than a `Dictionary`. Most keys
/// have a compact form (`CompactableKey`: an id below 2^32 in 4 bytes, a short partner id in 8), and those go in a
/// table of compact slots (12 or 16 bytes where a full `Int` slot takes 16 and a `String` slot 24); the others go
/// in a table of full keys. A key always has the same form, so a duplicate is always found in the table its
/// first use went to. File names are kept once, for both tables.
struct KeyIndex<Key: CompactableKey> {
    private var compact = KeyTable<Key.Compact>()
    private var full = KeyTable<Key>()
    private var files: [String] = []
    /// The `reserveCapacity(_:)` total waiting for `sample` keys to show how it divides between the tables.
    private var planned = 0
    private static var sample: Int { 1_024 }

    var count: Int { compact.count + full.count }

    /// A key with its compact form and its hash, worked out once: for `prefetch(_:)` and then `insert(_:at:)`.
    struct Hashed {
        let key: Key
        fileprivate let compact: Key.Compact?
        fileprivate let hash: UInt64
    }

    func hashed(_ key: Key) -> Hashed {
        if let compact = key.compact {
            return Hashed(key: key, compact: compact, hash: compact.indexHash(seed: indexSeed))
        }
        return Hashed(key: key, compact: nil, hash: key.indexHash(seed: indexSeed))
    }

    /// Makes room for `total` keys in all at once, shared between the two tables as the keys so far were, so that
    /// reaching that many grows them no more. Before `Self.sample` keys have come, which table they go to is not
    /// known yet: the room is then made once that many have.
    mutating func reserveCapacity(_ total: Int) {
        let known = count
        guard known >= Self.sample else {
            planned = total
            return
        }
        planned = 0
        let compactTotal = Int((Double(total) * Double(compact.count) / Double(known)).rounded(.up))
        compact.reserveCapacity(compactTotal)
        full.reserveCapacity(total - compactTotal)
    }

    /// Makes room for `additional` more keys now, in whichever table they go to, so that inserting them does not
    /// move a table (and the places `prefetch(_:)` warmed up stay the ones they land in).
    mutating func reserve(_ additional: Int) {
        compact.reserve(additional)
        full.reserve(additional)
    }

    /// Starts loading the slot where the search for `key` begins, without waiting for it: a caller that prefetches
    /// a key as soon as it has read it and inserts it later overlaps the cache miss with its other work.
    func prefetch(_ key: Hashed) {
        if key.compact != nil { compact.prefetch(key.hash) } else { full.prefetch(key.hash) }
    }

    /// Records `key` at `location`; returns where it was seen before, if it was.
    mutating func insert(_ key: Key, at location: DiagnosticLocation) -> DiagnosticLocation? {
        insert(hashed(key), at: location)
    }

    /// `insert(_:at:)` for a key whose hash is known.
    mutating func insert(_ hashed: Hashed, at location: DiagnosticLocation) -> DiagnosticLocation? {
        if planned > 0, count >= Self.sample { reserveCapacity(planned) }
        let file = fileIndex(location.file)
        let meta = KeyTable<Key>.meta(hashed.hash, location)
        let first =
            if let key = hashed.compact {
                compact.insert(key, hash: hashed.hash, meta: meta, file: file)
            } else {
                full.insert(hashed.key, hash: hashed.hash, meta: meta, file: file)
            }
        return first.map(place)
    }

    /// Forgets `key` (a key just inserted by a caller that then changed its mind); does nothing if it is absent.
    mutating func remove(_ key: Key) {
        if let compact = key.compact { self.compact.remove(compact) } else { full.remove(key) }
    }

    /// Whether `key` has been seen.
    func contains(_ key: Key) -> Bool {
        if let compact = key.compact { return self.compact.contains(compact) }
        return full.contains(key)
    }

    private func place(_ first: (meta: UInt64, file: UInt16)) -> DiagnosticLocation {
        let line = Int((first.meta >> 24) & 0xFFFF_FFFF)
        let column = Int(first.meta & 0xFF_FFFF)
        return DiagnosticLocation(
            file: files[Int(first.file)], line: line == 0 ? nil : line, column: column == 0 ? nil : column)
    }

    private mutating func fileIndex(_ file: String) -> UInt16 {
        if let index = files.lastIndex(of: file) { return UInt16(truncatingIfNeeded: index) }
        files.append(file)
        return UInt16(truncatingIfNeeded: files.count - 1)
    }
}

/// One open-addressing table of `KeyIndex`: a cheap seeded hash instead of SipHash, linear probing, and a capacity
/// that grows by half rather than doubling (slots are chosen by multiplying the hash by the capacity, which needs
/// no power of two). Each slot holds its key and, in two 32-bit words, seven bits of the key's hash (so that most
/// probes never compare keys), the line and the column: an insert then touches one place in memory, which at this
/// size is one cache miss, and a 4-byte key makes a 12-byte slot.
struct KeyTable<Key: IndexKey> {
    /// A slot: its key (`Key.placeholder` when empty) and its meta word in two halves (`meta`), which packs, from
    /// the top, 0x80 | seven bits of the hash (8 bits, all zero in an empty slot), the line (32 bits) and the column
    /// (24 bits); 0 stands for an unknown line or column, and for a column too large to hold.
    private struct Slot {
        var key: Key
        var high: UInt32
        var low: UInt32

        init(key: Key, meta: UInt64) {
            self.key = key
            high = UInt32(truncatingIfNeeded: meta >> 32)
            low = UInt32(truncatingIfNeeded: meta)
        }

        var meta: UInt64 { UInt64(high) << 32 | UInt64(low) }
        var isUsed: Bool { high != 0 }
        var tag: UInt8 { UInt8(truncatingIfNeeded: high >> 24) }
    }

    private static var empty: Slot { Slot(key: Key.placeholder, meta: 0) }

    private var slots: [Slot] = []
    /// The file of each slot, as an index into `KeyIndex`'s files; empty while every key came from the first file
    /// (an index's keys come from one file unless a CSV snapshot's are split over several), which saves two bytes a
    /// slot.
    private var fileIndexes: [UInt16] = []
    private(set) var count = 0

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: hash >> 57) | 0x80
    }

    /// A used slot's meta word for a key of `hash` seen at `location`: the tag, and the line and column where they
    /// fit (else 0).
    @inline(__always)
    static func meta(_ hash: UInt64, _ location: DiagnosticLocation) -> UInt64 {
        let line = location.line.flatMap { UInt32(exactly: $0) } ?? 0
        let column = location.column.flatMap { $0 < 1 << 24 ? UInt64($0) : nil } ?? 0
        return UInt64(tag(hash)) << 56 | UInt64(line) << 24 | column
    }

    mutating func reserveCapacity(_ total: Int) {
        guard total * 5 > slots.count * 4 else { return }
        grow(to: total * 5 / 4 + 1)
    }

    mutating func reserve(_ additional: Int) {
        while (count + additional) * 5 > slots.count * 4 { grow() }
    }

    func prefetch(_ hash: UInt64) {
        let slot = Self.slot(hash, capacity: slots.count)
        slots.withUnsafeBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            syncro_fusion_prefetch_for_write(base + slot)
        }
    }

    /// Records `key` (of `hash`) with `meta` from file `file`; returns the meta word and file it was first seen
    /// with, if it was.
    mutating func insert(_ key: Key, hash: UInt64, meta: UInt64, file: UInt16) -> (meta: UInt64, file: UInt16)? {
        if (count + 1) * 5 > slots.count * 4 { grow() }
        let tag = Self.tag(hash)
        let capacity = slots.count
        // The slot of an equal key, or the complement of the slot the key was put in.
        let slot = slots.withUnsafeMutableBufferPointer { slots -> Int in
            var slot = Self.slot(hash, capacity: capacity)
            while slots[slot].isUsed {
                if slots[slot].tag == tag, slots[slot].key == key { return slot }
                slot += 1
                if slot == capacity { slot = 0 }
            }
            slots[slot] = Slot(key: key, meta: meta)
            return ~slot
        }
        guard slot < 0 else { return (slots[slot].meta, fileIndexes.isEmpty ? 0 : fileIndexes[slot]) }
        if file != 0 || !fileIndexes.isEmpty {
            if fileIndexes.isEmpty { fileIndexes = [UInt16](repeating: 0, count: capacity) }
            fileIndexes[~slot] = file
        }
        count += 1
        return nil
    }

    /// Forgets `key`; does nothing if it is absent.
    ///
    /// Linear probing keeps every key between its home slot and its slot with no empty slot in between, so the
    /// keys after the freed slot are shifted back into it where that keeps them reachable (no tombstones).
    mutating func remove(_ key: Key) {
        guard let found = slot(of: key) else { return }
        var hole = found
        var slot = next(hole)
        while slots[slot].isUsed {
            let home = Self.slot(slots[slot].key.indexHash(seed: indexSeed), capacity: slots.count)
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

    func contains(_ key: Key) -> Bool {
        slot(of: key) != nil
    }

    /// The slot holding `key`, if any.
    private func slot(of key: Key) -> Int? {
        guard !slots.isEmpty else { return nil }
        let hash = key.indexHash(seed: indexSeed)
        let tag = Self.tag(hash)
        var slot = Self.slot(hash, capacity: slots.count)
        while slots[slot].isUsed {
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
        var grown = KeyTable()
        grown.slots = [Slot](repeating: Self.empty, count: capacity)
        if !fileIndexes.isEmpty { grown.fileIndexes = [UInt16](repeating: 0, count: capacity) }
        grown.count = count
        for old in slots.indices where slots[old].isUsed {
            var slot = Self.slot(slots[old].key.indexHash(seed: indexSeed), capacity: capacity)
            while grown.slots[slot].isUsed {
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

/// A key `KeyTable` can hold: equatable, with a seeded 64-bit hash and a value for empty slots.
protocol IndexKey: Equatable {
    static var placeholder: Self { get }
    func indexHash(seed: UInt64) -> UInt64
}

/// A key `KeyIndex` can hold: one with a smaller form for most of its values, held in a table of its own.
protocol CompactableKey: IndexKey {
    associatedtype Compact: IndexKey
    /// The smaller form, one-to-one with the keys that have one; nil for the others.
    var compact: Compact? { get }
    /// The key whose compact form `compact` is.
    init(compact: Compact)
}

/// The 64-bit finaliser of SplitMix64: every input bit affects every output bit.
@inline(__always)
private func mix(_ value: UInt64) -> UInt64 {
    var x = value
    x = (x ^ (x >> 30)) &* 0xbf58_476d_1ce4_e5b9
    x = (x ^ (x >> 27)) &* 0x94d0_49bb_1331_11eb
    return x ^ (x >> 31)
}

extension Int: CompactableKey {
    static var placeholder: Int { 0 }

    /// Ids from 0 to 2^32 - 1, which Syncro's are, in four bytes.
    var compact: UInt32? { UInt32(exactly: self) }

    init(compact: UInt32) {
        self.init(compact)
    }

    func indexHash(seed: UInt64) -> UInt64 {
        mix(UInt64(bitPattern: Int64(self)) ^ seed)
    }
}

extension UInt32: IndexKey {
    static var placeholder: UInt32 { 0 }

    func indexHash(seed: UInt64) -> UInt64 {
        mix(UInt64(self) ^ seed)
    }
}

extension String: CompactableKey {
    static var placeholder: String { "" }

    var compact: ShortKey? { ShortKey(self) }

    init(compact: ShortKey) {
        self = compact.text
    }

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

/// A key of at most ten characters from `0`-`9`, `A`-`Z`, `a`-`z`, `-` and `_` (most partner ids: `88412`,
/// `INC0012345`, `PROJ-1234`), packed in one word: the length in the top four bits, then six bits a character.
/// Distinct keys give distinct words.
struct ShortKey: IndexKey {
    let word: UInt64

    static var placeholder: ShortKey { ShortKey(word: 0) }

    private init(word: UInt64) {
        self.word = word
    }

    /// The characters a short key holds, each as its six-bit code (its place here).
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    init?(_ text: String) {
        var word: UInt64 = 0
        var length: UInt64 = 0
        for byte in text.utf8 {
            guard length < 10 else { return nil }
            let code: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): code = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): code = byte &- UInt8(ascii: "A") &+ 10
            case UInt8(ascii: "a")...UInt8(ascii: "z"): code = byte &- UInt8(ascii: "a") &+ 36
            case UInt8(ascii: "-"): code = 62
            case UInt8(ascii: "_"): code = 63
            default: return nil
            }
            word = word << 6 | UInt64(code)
            length += 1
        }
        self.word = length << 60 | word
    }

    /// The key this word holds.
    var text: String {
        let length = Int(word >> 60)
        let codes = (0..<length).map { index in
            Self.alphabet[Int(word >> UInt64(6 * (length - 1 - index)) & 0x3F)]
        }
        return String(decoding: codes, as: UTF8.self)
    }

    func indexHash(seed: UInt64) -> UInt64 {
        mix(word ^ seed)
    }
}
