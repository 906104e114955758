import Foundation
import RecordFormats

extension SnapshotRecordDecoder {
    /// A key of the ticket being decoded and where its member starts, checked for uniqueness once the whole ticket
    /// has proved valid.
    private struct PendingKey<Key: CompactableKey> {
        var key: KeyIndex<Key>.Hashed
        var line: Int
        var column: Int
    }

    /// A key the fast path has just read, hashed, with its index slot prefetched (`KeyIndex.prefetch(_:)`): the
    /// rest of the ticket is scanned while the processor fetches it, so that `recordKeys(_:path:)` finds it in
    /// the cache. `pending` keys of the ticket are already on their way to `index`.
    private static func pending<Key: CompactableKey>(
        _ key: Key, in index: inout KeyIndex<Key>, after pending: Int, at location: (line: Int, column: Int)
    ) -> PendingKey<Key> {
        index.reserve(pending + 1)
        let hashed = index.hashed(key)
        index.prefetch(hashed)
        return PendingKey(key: hashed, line: location.line, column: location.column)
    }

    /// What the fast path gathered of one ticket before its keys are checked.
    private struct FastTicket {
        var ticket: SnapshotTicket
        var partnerKey: PendingKey<String>
        var syncroKey: PendingKey<Int>?
        var commentPartnerKeys: [PendingKey<String>] = []
        var commentSyncroKeys: [PendingKey<Int>] = []
    }

    /// Decodes a ticket straight from its JSON bytes (as `JSONEventReader.captureObject(into:)` took them from
    /// `path`, starting at `line` and `column`) when it is valid and plain; nil means "read it the general way".
    ///
    /// The general path builds every member as a `RawValue` with its position and reads it through `FieldReader`,
    /// which is what makes its diagnostics exact and most of a large diff's time. Here the bytes are read once into
    /// the model: the ticket members of `docs/snapshot-format.md` each at most once, with the types and values the
    /// general path accepts without a diagnostic, and keys not seen before. Anything else (an unknown or repeated
    /// member, a wrong type, an invalid time or hash, a duplicate key, a syntax error) gives nil with no key left
    /// recorded, and the general path then reads the same bytes and reports exactly what it always has. So the two
    /// paths agree on every valid ticket, and invalid ones never take this one.
    func plainTicket(_ bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int, column: Int) -> SnapshotTicket? {
        plainTicket(prefixOf: bytes, path: path, line: line, column: column, whole: true)?.ticket
    }

    /// `plainTicket(_:path:line:column:)` for a ticket object at the start of `bytes`, which may go on past it (a
    /// reader's buffer): also returns how many bytes the ticket took and the line and column after it. `whole`:
    /// the ticket must take all of `bytes`.
    func plainTicket(
        prefixOf bytes: UnsafeBufferPointer<UInt8>, path: String, line: Int, column: Int, whole: Bool = false
    ) -> (ticket: SnapshotTicket, length: Int, line: Int, column: Int)? {
        var scanner = JSONRecordScanner(bytes: bytes, line: line, column: column)
        guard let fast = scanTicket(&scanner), !whole || scanner.isAtEnd, recordKeys(fast, path: path) else {
            return nil
        }
        let end = scanner.location
        return (fast.ticket, scanner.position, end.line, end.column)
    }

    /// Records the ticket's keys when none is known yet nor repeated within the ticket, one probe per key; when
    /// one is, takes back the keys it recorded and returns false, so that the general path finds them as they were.
    /// Their slots were prefetched as they were scanned (`pending(_:in:after:at:)`).
    private func recordKeys(_ fast: FastTicket, path: String) -> Bool {
        func location<Key>(_ pending: PendingKey<Key>) -> DiagnosticLocation {
            DiagnosticLocation(file: path, line: pending.line, column: pending.column)
        }
        guard ticketPartnerIDs.insert(fast.partnerKey.key, at: location(fast.partnerKey)) == nil else { return false }
        var recorded = (ticketSyncro: false, commentPartners: 0, commentSyncros: 0)
        func takeBack() -> Bool {
            ticketPartnerIDs.remove(fast.partnerKey.key.key)
            if recorded.ticketSyncro, let syncro = fast.syncroKey { ticketSyncroIDs.remove(syncro.key.key) }
            for partner in fast.commentPartnerKeys.prefix(recorded.commentPartners) {
                commentPartnerIDs.remove(partner.key.key)
            }
            for syncro in fast.commentSyncroKeys.prefix(recorded.commentSyncros) {
                commentSyncroIDs.remove(syncro.key.key)
            }
            return false
        }
        if let syncro = fast.syncroKey {
            guard ticketSyncroIDs.insert(syncro.key, at: location(syncro)) == nil else { return takeBack() }
            recorded.ticketSyncro = true
        }
        for partner in fast.commentPartnerKeys {
            guard commentPartnerIDs.insert(partner.key, at: location(partner)) == nil else { return takeBack() }
            recorded.commentPartners += 1
        }
        for syncro in fast.commentSyncroKeys {
            guard commentSyncroIDs.insert(syncro.key, at: location(syncro)) == nil else { return takeBack() }
            recorded.commentSyncros += 1
        }
        return true
    }

    /// The members the fast path reads, each named by its bit in `member(_:_:seen:)`'s result (bit i for index i).
    private static let ticketMembers: [StaticString] = [
        "comments", "expected", "last_synced_at", "partner_current", "syncro_ticket_id", "partner_ticket_id",
        "syncro_updated_at", "syncro_customer_id", "syncro_ticket_number",
    ]
    private static let valueMembers: [StaticString] = [
        "tags", "status", "subject", "user_id", "priority", "due_date", "asset_ids", "contact_id", "properties",
        "customer_id", "problem_type",
    ]
    private static let commentMembers: [StaticString] = [
        "body", "hidden", "author", "subject", "created_at", "body_sha256", "syncro_comment_id", "partner_comment_id",
    ]

    /// The bit of the member `key` names among `names`, marked in `seen`; nil for an unknown or repeated member.
    private static func member(_ key: UnsafeBufferPointer<UInt8>, _ names: [StaticString], seen: inout UInt16)
        -> UInt16?
    {
        guard let index = names.firstIndex(where: key.spells) else { return nil }
        let bit: UInt16 = 1 << index
        guard seen & bit == 0 else { return nil }
        seen |= bit
        return bit
    }

    private func scanTicket(_ scanner: inout JSONRecordScanner) -> FastTicket? {
        var partnerKey: PendingKey<String>?
        var syncroKey: PendingKey<Int>?
        var ticket = SnapshotTicket(partnerTicketID: "")
        var comments: (partners: [PendingKey<String>], syncros: [PendingKey<Int>]) = ([], [])
        var seen: UInt16 = 0
        let complete = scanner.readObject { scanner, key, location in
            guard let member = Self.member(key, Self.ticketMembers, seen: &seen) else { return false }
            switch member {
            case 1 << 0:
                if scanner.takeNull() { return true }
                return scanner.readArray { scanner in
                    guard let comment = self.scanComment(&scanner, into: &comments) else { return false }
                    ticket.comments.append(comment)
                    return true
                }
            case 1 << 1:
                if scanner.takeNull() { return true }
                guard let values = Self.scanValues(&scanner) else { return false }
                ticket.expected = values
            case 1 << 3:
                if scanner.takeNull() { return true }
                guard let values = Self.scanValues(&scanner) else { return false }
                ticket.partnerCurrent = values
            case 1 << 2, 1 << 6:
                if scanner.takeNull() { return true }
                guard let time = Self.time(&scanner) else { return false }
                if member == 1 << 2 { ticket.lastSyncedAt = time } else { ticket.syncroUpdatedAt = time }
            case 1 << 5:
                guard let id = scanner.string(), !id.isEmpty else { return false }
                ticket.partnerTicketID = id
                partnerKey = Self.pending(id, in: &ticketPartnerIDs, after: 0, at: location)
            default:
                if scanner.takeNull() { return true }
                guard let value = scanner.integer() else { return false }
                switch member {
                case 1 << 4:
                    ticket.syncroTicketID = value
                    syncroKey = Self.pending(value, in: &ticketSyncroIDs, after: 0, at: location)
                case 1 << 7: ticket.syncroCustomerID = value
                default: ticket.syncroTicketNumber = value
                }
            }
            return true
        }
        // Without its linking key (bit 4) the general path reports the ticket.
        guard complete, let partnerKey, seen & (1 << 4) != 0 else { return nil }
        return FastTicket(
            ticket: ticket, partnerKey: partnerKey, syncroKey: syncroKey, commentPartnerKeys: comments.partners,
            commentSyncroKeys: comments.syncros)
    }

    /// An ISO-8601 time with an offset, as `FieldReader.time` accepts it.
    private static func time(_ scanner: inout JSONRecordScanner) -> Date? {
        guard let text = scanner.string(), text.utf8.count > 10 else { return nil }
        return Timestamp.parse(text)
    }

    private static func scanValues(_ scanner: inout JSONRecordScanner) -> TicketValues? {
        var values = TicketValues()
        var seen: UInt16 = 0
        let complete = scanner.readObject { scanner, key, _ in
            guard let member = Self.member(key, Self.valueMembers, seen: &seen) else { return false }
            switch member {
            case 1 << 0:
                var tags = Set<String>()
                if !scanner.takeNull() {
                    guard scanner.readArray({ scanner in scanner.string().map { tags.insert($0) } != nil }) else {
                        return false
                    }
                }
                values.tags = .value(tags)
            case 1 << 6:
                var ids = Set<Int>()
                if !scanner.takeNull() {
                    guard scanner.readArray({ scanner in scanner.integer().map { ids.insert($0) } != nil }) else {
                        return false
                    }
                }
                values.assetIDs = .value(ids)
            case 1 << 8:
                var properties: [String: String] = [:]
                if !scanner.takeNull() {
                    let complete = scanner.readObject { scanner, name, _ in
                        guard let value = scanner.string() else { return false }
                        properties[String(decoding: name, as: UTF8.self)] = value
                        return true
                    }
                    guard complete else { return false }
                }
                values.properties = .value(properties)
            case 1 << 3, 1 << 7, 1 << 9:
                let value: Managed<Int>
                if scanner.takeNull() {
                    value = .null
                } else {
                    guard let id = scanner.integer() else { return false }
                    value = .value(id)
                }
                switch member {
                case 1 << 3: values.userID = value
                case 1 << 7: values.contactID = value
                default: values.customerID = value
                }
            default:
                let value: Managed<String>
                if scanner.takeNull() {
                    value = .null
                } else {
                    guard let text = scanner.string() else { return false }
                    if member == 1 << 5, Timestamp.parse(text) == nil { return false }
                    value = .value(text)
                }
                switch member {
                case 1 << 1: values.status = value
                case 1 << 2: values.subject = value
                case 1 << 4: values.priority = value
                case 1 << 5: values.dueDate = value
                default: values.problemType = value
                }
            }
            return true
        }
        return complete ? values : nil
    }

    private func scanComment(
        _ scanner: inout JSONRecordScanner,
        into keys: inout (partners: [PendingKey<String>], syncros: [PendingKey<Int>])
    ) -> SnapshotComment? {
        var comment = SnapshotComment(partnerCommentID: "", hidden: false)
        var partnerKey: PendingKey<String>?
        var hidden: Bool?
        var seen: UInt16 = 0
        let complete = scanner.readObject { scanner, key, location in
            guard let member = Self.member(key, Self.commentMembers, seen: &seen) else { return false }
            switch member {
            case 1 << 1:
                hidden = scanner.bool()
                return hidden != nil
            case 1 << 6:
                if scanner.takeNull() { return true }
                guard let id = scanner.integer() else { return false }
                comment.syncroCommentID = id
                keys.syncros.append(
                    Self.pending(id, in: &commentSyncroIDs, after: keys.syncros.count, at: location))
            case 1 << 7:
                guard let id = scanner.string(), !id.isEmpty else { return false }
                comment.partnerCommentID = id
                partnerKey = Self.pending(id, in: &commentPartnerIDs, after: keys.partners.count, at: location)
            case 1 << 4:
                if scanner.takeNull() { return true }
                guard let time = Self.time(&scanner) else { return false }
                comment.createdAt = time
            default:
                if scanner.takeNull() { return true }
                guard let text = scanner.string() else { return false }
                switch member {
                case 1 << 0: comment.body = text
                case 1 << 2: comment.author = text
                case 1 << 3: comment.subject = text
                default: comment.bodySHA256 = text
                }
            }
            return true
        }
        // Without its linking key (bit 6) the general path reports the comment.
        guard complete, let partnerKey, let hidden, seen & (1 << 6) != 0 else { return nil }
        comment.hidden = hidden
        // The hash rules of the general path: well formed, equal to the body's when both are given, computed from
        // the body when only it is given; a comment needs one of the two.
        switch (comment.body, comment.bodySHA256) {
        case (let body?, let hash?):
            guard BodyHash.isWellFormed(hash), hash == BodyHash.sha256(body) else { return nil }
        case (nil, let hash?):
            guard BodyHash.isWellFormed(hash) else { return nil }
        case (let body?, nil):
            comment.bodySHA256 = BodyHash.sha256(body)
        case (nil, nil):
            return nil
        }
        keys.partners.append(partnerKey)
        return comment
    }
}
