import RecordFormats
import Snapshot

/// Syncro comments by id, held in columns: what `SyncroRecords` keeps of the export's largest file.
///
/// A `[Int: SyncroComment]` costs about 250 bytes a comment (the entry, a 64-character hash string, and an array
/// of comment ids per ticket); here a comment is its ids, flags and 32 raw hash bytes in flat columns, about 50.
/// Comment ids usually arrive in ascending order (an export writes them so) and are then found by binary
/// search; the first id out of order builds a dictionary index instead. The comments of a ticket are a chain of
/// slots in the order read, so no array is kept per ticket.
package struct SyncroCommentStore: Sendable {
    private struct Chain {
        var first: UInt32
        var last: UInt32

        /// Makes `slot` the last of the chain; returns the slot that was last.
        mutating func replaceLast(with slot: UInt32) -> UInt32 {
            defer { last = slot }
            return last
        }
    }

    private static let hidden: UInt8 = 1
    private static let hasUserID: UInt8 = 2
    private static let hasDigest: UInt8 = 4
    private static let hasHashText: UInt8 = 8
    private static let endOfChain = UInt32.max

    private var ids = IntColumn()
    private var ticketIDs = IntColumn()
    private var userIDs = IntColumn()
    private var flags: [UInt8] = []
    /// Four big-endian words of SHA-256 per slot (zero when the slot has none).
    private var digests: [UInt64] = []
    /// Hashes that are not 64 lower-case hexadecimal digits, by slot (never from `BodyHash`).
    private var hashTexts: [UInt32: String] = [:]
    private var bodies: [UInt32: String] = [:]
    private var nextOnTicket: [UInt32] = []
    /// The chains of the tickets, but the open one's: by ticket id, in sorted columns while tickets come in
    /// ascending order (as an export writes them), 16 bytes a ticket.
    private var chains = IDTable<Chain>()
    /// The ticket of the comment added last and its chain, kept out of `chains` until a comment on another ticket
    /// comes: an export writes a ticket's comments together, so most comments extend it without a look-up.
    private var openTicket: Int?
    private var openChain = Chain(first: Self.endOfChain, last: Self.endOfChain)
    /// Slots by comment id, once ids stopped arriving in ascending order.
    private var index: [Int: UInt32]?

    package init() {}

    package var count: Int { ids.count }
    package var isEmpty: Bool { ids.isEmpty }

    /// The comment `id`.
    package subscript(id: Int) -> SyncroComment? {
        slot(of: id).map(comment)
    }

    /// The ids of the comments on `ticketID`, in the order they were added; nil when it has none.
    package func commentIDs(onTicket ticketID: Int) -> [Int]? {
        guard let chain = chain(of: ticketID) else { return nil }
        var result: [Int] = []
        var slot = chain.first
        while slot != Self.endOfChain {
            result.append(ids[Int(slot)])
            slot = nextOnTicket[Int(slot)]
        }
        return result
    }

    /// The comments on `ticketID` in the order they were added: `commentIDs(onTicket:)` and a look-up of each.
    package func comments(onTicket ticketID: Int) -> [SyncroComment] {
        guard let chain = chain(of: ticketID) else { return [] }
        var result: [SyncroComment] = []
        var slot = chain.first
        while slot != Self.endOfChain {
            result.append(comment(at: slot))
            slot = nextOnTicket[Int(slot)]
        }
        return result
    }

    /// Adds `comment`, or replaces the comment with its id (which stays on the ticket it was first added to, as a
    /// dictionary of comments beside lists of ids per ticket would have it). Returns whether the id is new.
    @discardableResult
    package mutating func insert(_ comment: SyncroComment) -> Bool {
        var digest: [UInt8]?
        if let hash = comment.bodySHA256 { digest = Self.bytes(ofHex: hash) }
        return insert(comment, digest: digest)
    }

    /// `insert(_:)` with the body's hash given as its 32 bytes (`BodyHash.digest`); `comment.bodySHA256` is then
    /// read only when `digest` is nil.
    @discardableResult
    package mutating func insert(_ comment: SyncroComment, digest: [UInt8]?) -> Bool {
        var flag: UInt8 = comment.hidden ? Self.hidden : 0
        if comment.userID != nil { flag |= Self.hasUserID }
        if digest != nil { flag |= Self.hasDigest } else if comment.bodySHA256 != nil { flag |= Self.hasHashText }
        func word(_ index: Int) -> UInt64 {
            guard let digest else { return 0 }
            var value: UInt64 = 0
            for byte in digest[(index * 8)..<(index * 8 + 8)] { value = value << 8 | UInt64(byte) }
            return value
        }
        let hashText = digest == nil ? comment.bodySHA256 : nil
        // Ids usually arrive in ascending order: while they do, an id above the last one is new, with no search.
        let isAbove = index == nil && (ids.last.map { comment.id > $0 } ?? true)
        let existing = isAbove ? nil : slot(of: comment.id)
        guard let existing else {
            let slot = UInt32(ids.count)
            if let last = ids.last, comment.id < last, index == nil {
                index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, UInt32($0)) })
            }
            index?[comment.id] = slot
            ids.append(comment.id)
            ticketIDs.append(comment.ticketID)
            userIDs.append(comment.userID ?? 0)
            flags.append(flag)
            for number in 0..<4 { digests.append(word(number)) }
            nextOnTicket.append(Self.endOfChain)
            if openTicket != comment.ticketID {
                if let openTicket { chains[openTicket] = openChain }
                openTicket = comment.ticketID
                openChain = chains[comment.ticketID] ?? Chain(first: slot, last: slot)
            }
            let previous = openChain.replaceLast(with: slot)
            if previous != slot { nextOnTicket[Int(previous)] = slot }
            if let hashText { hashTexts[slot] = hashText }
            if let body = comment.body { bodies[slot] = body }
            return true
        }
        let position = Int(existing)
        ticketIDs[position] = comment.ticketID
        userIDs[position] = comment.userID ?? 0
        flags[position] = flag
        for number in 0..<4 { digests[position * 4 + number] = word(number) }
        hashTexts[existing] = hashText
        bodies[existing] = comment.body
        return false
    }

    /// Whether the comments on `ticketID` are exactly the comments `expected` names by id (each found, none on
    /// the ticket left over), each with the given body hash (64 lower-case hexadecimal digits, as stored), and
    /// private wherever the expected comment is. The drift engine's common case, answered without building a
    /// comment or a hash string: any other answer sends it the general way.
    package func holdsExactly(onTicket ticketID: Int, _ expected: [(id: Int, hidden: Bool, hash: String)]) -> Bool {
        guard let chain = chain(of: ticketID) else { return false }
        var slots: [UInt32] = []
        slots.reserveCapacity(expected.count)
        for comment in expected {
            guard let slot = slot(of: comment.id) else { return false }
            let position = Int(slot)
            let flag = flags[position]
            guard flag & Self.hasDigest != 0, !comment.hidden || flag & Self.hidden != 0,
                Self.hexEquals(comment.hash, digests[(position * 4)..<(position * 4 + 4)])
            else { return false }
            slots.append(slot)
        }
        var slot = chain.first
        while slot != Self.endOfChain {
            guard slots.contains(slot) else { return false }
            slot = nextOnTicket[Int(slot)]
        }
        return true
    }

    /// Whether `text` is `words` as `hex(_:)` writes them.
    private static func hexEquals(_ text: String, _ words: ArraySlice<UInt64>) -> Bool {
        var text = text
        return text.withUTF8 { digits in
            guard digits.count == 64 else { return false }
            var index = 0
            for word in words {
                var value: UInt64 = 0
                for _ in 0..<16 {
                    let digit = digits[index]
                    let nibble: UInt8
                    switch digit {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit &- UInt8(ascii: "0")
                    case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit &- UInt8(ascii: "a") &+ 10
                    default: return false
                    }
                    value = value << 4 | UInt64(nibble)
                    index += 1
                }
                guard value == word else { return false }
            }
            return true
        }
    }

    private func chain(of ticketID: Int) -> Chain? {
        ticketID == openTicket ? openChain : chains[ticketID]
    }

    private func slot(of id: Int) -> UInt32? {
        if let index { return index[id] }
        return ids.position(ofAscending: id).map(UInt32.init)
    }

    private func comment(at slot: UInt32) -> SyncroComment {
        let position = Int(slot)
        let flag = flags[position]
        var hash: String?
        if flag & Self.hasDigest != 0 {
            hash = Self.hex(digests[(position * 4)..<(position * 4 + 4)])
        } else if flag & Self.hasHashText != 0 {
            hash = hashTexts[slot]
        }
        return SyncroComment(
            id: ids[position], ticketID: ticketIDs[position], hidden: flag & Self.hidden != 0, bodySHA256: hash,
            body: bodies[slot], userID: flag & Self.hasUserID != 0 ? userIDs[position] : nil)
    }

    /// Four words as 64 lower-case hexadecimal digits, written straight into the string's storage.
    private static func hex(_ words: ArraySlice<UInt64>) -> String {
        String(unsafeUninitializedCapacity: 64) { text in
            var index = 0
            for word in words {
                for shift in stride(from: 60, through: 0, by: -4) {
                    let digit = UInt8(truncatingIfNeeded: word >> UInt64(shift)) & 0x0F
                    text[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
                    index += 1
                }
            }
            return index
        }
    }

    /// The 32 bytes of a hash written as 64 lower-case hexadecimal digits; nil for any other text.
    private static func bytes(ofHex text: String) -> [UInt8]? {
        guard BodyHash.isWellFormed(text) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(32)
        var high: UInt8?
        for digit in text.utf8 {
            let value = digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : digit - UInt8(ascii: "a") + 10
            if let first = high {
                result.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return result
    }
}

/// Comment ids per ticket id, as `SyncroRecords.commentIDsByTicket` shows them: a view of a comment store.
package struct CommentIDsByTicket: Sendable {
    let comments: SyncroCommentStore

    /// The ids of the comments on `ticketID` in the order read; nil when it has none.
    package subscript(ticketID: Int) -> [Int]? { comments.commentIDs(onTicket: ticketID) }
}
