import Dispatch
import Foundation
import RecordFormats
import Snapshot
import Synchronization
import SyncroCatalog
import SyncroExport

/// The Syncro side of a drift comparison: tickets, comments, customers, contacts and assets by Syncro id.
///
/// The drift engine streams the snapshot against these dictionaries, so this side is the one held in memory.
/// To keep it small only the fields the engine compares are kept (a ticket's managed fields, a comment's ids,
/// visibility and body hash), and comment bodies only when asked for. Memory therefore grows with the number of
/// Syncro records (tickets packed or, from a CSV export, read back from its file; comments in columns: see
/// `PackedRecords`, `TicketRowFile` and `SyncroCommentStore`), not with the snapshot, which may be far larger than
/// the account's export. Build it with `load(_:keepBodies:)` from an
/// export directory, or record by record with `add(_:as:)` (from the live API, or in tests).
package struct SyncroRecords: Sendable {
    /// The fields kept of each entity's records (a ticket's `created_at` for the planner's look for possible
    /// duplicates before a creation, `PossibleDuplicates`).
    package static let keptFields: [ExportEntity: [String]] = [
        .tickets: [
            "id", "number", "subject", "status", "priority", "problem_type", "customer_id", "contact_id", "user_id",
            "due_date", "updated_at", "tag_list", "asset_ids", "properties", "created_at",
        ],
        .customers: ["id", "business_name", "email", "tag_list"],
        .contacts: ["id", "customer_id", "name", "email", "tag_list"],
        .assets: ["id", "customer_id", "name", "asset_serial", "asset_type"],
    ]

    /// The keys `add(_:as:)` reads of each entity's records: loading decodes only these (see
    /// `ExportDirectory.forEachRecord(_:keeping:_:)`). Tickets list the kept fields first, in order, so that
    /// `keptTicketFields(of:)` takes them as they come.
    static let readKeys: [ExportEntity: [String]] = [
        .tickets: (keptFields[.tickets] ?? []) + ["customer_tag_list", "comments"],
        .comments: ["id", "ticket_id", "body", "hidden", "user_id"],
        .customers: keptFields[.customers] ?? [],
        .contacts: keptFields[.contacts] ?? [],
        .assets: keptFields[.assets] ?? [],
        .tags: ["entity_type", "entity_id", "tag"],
        .users: [],
        .products: [],
    ]

    /// The Syncro subdomain the records come from, when known.
    package var subdomain: String?
    /// Tickets by id, packed (`PackedRecords`): a ticket is unpacked each time it is read.
    package var tickets = PackedRecords(template: keptFields[.tickets] ?? [])
    package var comments = SyncroCommentStore()
    /// Comment ids per ticket id, in the order read.
    package var commentIDsByTicket: CommentIDsByTicket { CommentIDsByTicket(comments: comments) }
    package var customers: [Int: JSONObject] = [:]
    package var contacts: [Int: JSONObject] = [:]
    package var assets: [Int: JSONObject] = [:]
    /// Organization tags found outside the customer records (the export's `tags` file, a ticket's
    /// `customer_tag_list`), for customers whose record has no `tag_list`.
    package var customerTagsElsewhere: [Int: [String]] = [:]
    /// The entities the records were read for; an entity not listed is not compared (and never "missing").
    package var entities: Set<ExportEntity> = []
    /// How much comment history is present.
    package var commentCoverage: CommentCoverage = .none
    /// Which tickets' asset links are known: all of them, unless the tickets come from an export made without
    /// ticket details (`ExportDirectory.ticketDetails`), whose rows lack `asset_ids` (see `AssetLinkCoverage`).
    package var assetLinks: AssetLinkCoverage = .complete
    /// Whether only some records are present (an incremental export): records found are compared, but an absent
    /// one is not reported missing or unlinked-ness decided from it.
    package var isPartial = false
    /// Whether comment bodies are kept (for reports that include them).
    package var keepsBodies: Bool
    /// The first ticket that did not read back from the export's tickets file as it was loaded, if any did not:
    /// the file changed meanwhile, and a comparison that read it is not to be trusted.
    package var ticketRowFailure: RecordFileError? { tickets.rowFailure }
    /// Ids of the comments whose body ends with a reference marker (`ReferenceMarker`), by the partner id the
    /// marker names: what `apply` created, found again in Syncro itself.
    package var markedCommentIDs: [String: [Int]] = [:]

    /// No records; the listed entities count as read (so their absent records are missing).
    package init(subdomain: String? = nil, entities: Set<ExportEntity> = [], keepBodies: Bool = false) {
        self.subdomain = subdomain
        self.entities = entities
        self.keepsBodies = keepBodies
        if entities.contains(.comments) { commentCoverage = .complete }
    }

    /// Reads every ticket, comment, customer, contact, asset and tag of an export directory.
    ///
    /// With `ticketsFromFile`, the tickets of a CSV tickets file are not held but read back from the file each time
    /// one is asked for (`TicketRowFile`): a few bytes a ticket instead of about 170. The file must then stay as it
    /// is while the records are in use; `ticketRowFailure` says when it did not.
    package static func load(
        _ directory: ExportDirectory, keepBodies: Bool = false, ticketsFromFile: Bool = true
    ) throws -> SyncroRecords {
        var records = SyncroRecords(subdomain: directory.subdomain, keepBodies: keepBodies)
        records.isPartial = directory.isPartial
        records.assetLinks = directory.ticketDetails ? .complete : .none
        var wanted: [ExportEntity] = [.tickets, .comments, .customers, .contacts, .assets, .tags]
        if directory.files[.tickets] != nil, directory.files[.comments] != nil {
            try records.loadTicketsAndComments(directory, ticketsFromFile: ticketsFromFile)
            wanted.removeFirst(2)
        }
        for entity in wanted where directory.files[entity] != nil {
            records.entities.insert(entity)
            try records.read(entity, of: directory, ticketsFromFile: ticketsFromFile)
        }
        if records.entities.contains(.comments) {
            records.commentCoverage =
                directory.commentsMode == "first" || directory.isPartial ? .partial : .complete
        }
        return records
    }

    /// Reads the tickets file on this thread and the comments file on a second one, then combines them as reading
    /// one after the other would.
    ///
    /// Comments are most of an export's rows, and each body is normalised and hashed, so on two cores this takes
    /// about as long as the larger file alone. Tickets come first when read in turn, so comments embedded in ticket
    /// records (which an export never writes, but a hand-made file may) would take their ids first: in that rare
    /// case the comments file is read again in order after the tickets rather than merged.
    private mutating func loadTicketsAndComments(_ directory: ExportDirectory, ticketsFromFile: Bool) throws {
        let template = self
        let parts = Mutex<[ExportEntity: Result<SyncroRecords, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let entity: ExportEntity = index == 0 ? .tickets : .comments
            var part = template
            let result = Result { () throws -> SyncroRecords in
                try part.read(entity, of: directory, ticketsFromFile: ticketsFromFile)
                return part
            }
            parts.withLock { $0[entity] = result }
        }
        let (tickets, comments) = try parts.withLock { parts in
            (try parts[.tickets]?.get() ?? template, try parts[.comments]?.get() ?? template)
        }
        self = tickets
        entities.formUnion([.tickets, .comments])
        if self.comments.isEmpty {
            self.comments = comments.comments
            markedCommentIDs = comments.markedCommentIDs
        } else {
            try read(.comments, of: directory, ticketsFromFile: ticketsFromFile)
        }
    }

    /// Adds every record of `entity`'s file in `directory` (none when it has no such file).
    /// `ticketsFromFile`: as for `load(_:keepBodies:ticketsFromFile:)`.
    private mutating func read(_ entity: ExportEntity, of directory: ExportDirectory, ticketsFromFile: Bool) throws {
        guard let file = directory.files[entity] else { return }
        let reader = try ExportRecordReader(
            path: file.path, entity: entity, format: file.format, keeping: Self.readKeys[entity])
        if entity == .comments, let decoder = reader.csvDecoder {
            try addComments(from: reader, decoder: decoder)
            return
        }
        if entity == .tickets, let decoder = reader.csvDecoder,
            let cells = TicketCells(decoder: decoder, keptFields: Self.keptFields[.tickets] ?? [])
        {
            try addTickets(from: reader, cells: cells, fromFile: ticketsFromFile)
            return
        }
        while let record = try reader.next() { add(record, as: entity) }
    }

    /// Adds the comments of a CSV file reading their cells straight from each row: what decoding each row into a
    /// record and adding it does, without the record, and without a string for any cell but a body that is kept
    /// or may end with a marker.
    ///
    /// Comments are most of an export, so this is most of loading one. A cell read here only when it is in the
    /// usual form (digits, `true`/`false`, text) goes through the record's reading otherwise.
    private mutating func addComments(from reader: ExportRecordReader, decoder: CSVRecordDecoder) throws {
        let cells = CommentCells(decoder: decoder)
        var digester = BodyDigester()
        while let row = try reader.nextRawRow() {
            guard let id = decoder.integer(at: cells.id, of: row),
                let ticketID = decoder.integer(at: cells.ticketID, of: row)
            else { continue }
            let hidden = cells.boolean(cells.hidden, of: row)
            let userID = decoder.integer(at: cells.userID, of: row)
            switch cells.body(of: row) {
            case .none:
                addComment(id: id, ticketID: ticketID, hidden: hidden, userID: userID, body: nil, digester: &digester)
            case .string(let body):
                addComment(id: id, ticketID: ticketID, hidden: hidden, userID: userID, body: body, digester: &digester)
            case .field(let index):
                let range = row.range(of: index)
                if keepsBodies || row.bytes.withUnsafeBufferPointer({ Self.mayHaveMarker($0[range]) }) {
                    addComment(
                        id: id, ticketID: ticketID, hidden: hidden, userID: userID, body: row.string(index),
                        digester: &digester)
                } else {
                    let digest = row.bytes.withUnsafeBufferPointer {
                        digester.digest(utf8: UnsafeBufferPointer(rebasing: $0[range]))
                    }
                    let comment = SyncroComment(
                        id: id, ticketID: ticketID, hidden: hidden, bodySHA256: nil, userID: userID)
                    comments.insert(comment, digest: digest)
                }
            }
        }
    }

    /// Adds the tickets of a CSV file packing their kept cells straight from each row (`TicketCells`): what
    /// decoding each row into a record and adding it does, without the record or a string per cell.
    ///
    /// With `fromFile`, each ticket is stored by where its row is instead, and packed when read back.
    private mutating func addTickets(from reader: ExportRecordReader, cells: TicketCells, fromFile: Bool) throws {
        // Opened before the rows are read, so that the rows read back are the ones read now.
        let rowFile = fromFile ? try TicketRowFile(path: reader.path, cells: cells) : nil
        while let row = try reader.nextRawRow() {
            guard let id = cells.decoder.integer(at: cells.id, of: row) else { continue }
            if let customerID = cells.decoder.integer(at: cells.customerID, of: row),
                let tags = cells.customerTags(of: row), !tags.isEmpty
            {
                addCustomerTags(tags, to: customerID)
            }
            if let rowFile {
                tickets.setRow(of: id, in: rowFile, at: reader.rowOffset, line: row.line) { cells.pack(row, into: &$0) }
            } else {
                tickets.setValues(of: id) { cells.pack(row, into: &$0) }
            }
        }
    }

    /// Adds one comment as `add(_:as: .comments)` reads it.
    private mutating func addComment(
        id: Int, ticketID: Int, hidden: Bool, userID: Int?, body: String?, digester: inout BodyDigester
    ) {
        let marker = body.flatMap(Self.marker)
        // A comment `apply` restored ends with its marker; hashed without it, it matches the snapshot comment.
        let hashed = marker == nil ? body : body.map(ReferenceMarker.stripped)
        let comment = SyncroComment(
            id: id, ticketID: ticketID, hidden: hidden, bodySHA256: nil, body: keepsBodies ? body : nil,
            userID: userID)
        if comments.insert(comment, digest: hashed.map { digester.digest($0) }), let marker {
            markedCommentIDs[marker.partnerID, default: []].append(id)
        }
    }

    /// Takes in one record of `entity` as the export (or the API) gives it.
    package mutating func add(_ record: JSONObject, as entity: ExportEntity) {
        switch entity {
        case .tickets:
            guard let id = record["id"]?.intValue else { return }
            if let customerID = record["customer_id"]?.intValue,
                let tags = record["customer_tag_list"]?.arrayValue?.compactMap(\.stringValue), !tags.isEmpty
            {
                addCustomerTags(tags, to: customerID)
            }
            if let embedded = record["comments"]?.arrayValue {
                for case .object(var comment) in embedded {
                    if comment["ticket_id"] == nil { comment["ticket_id"] = .int(id) }
                    add(comment, as: .comments)
                }
                if commentCoverage == .none { commentCoverage = .complete }
            }
            tickets[id] = Self.keptTicketFields(of: record)
        case .comments:
            guard let id = record["id"]?.intValue, let ticketID = record["ticket_id"]?.intValue else { return }
            var digester = BodyDigester()
            addComment(
                id: id, ticketID: ticketID, hidden: record["hidden"].flatMap(FieldComparison.boolean) ?? false,
                userID: record["user_id"]?.intValue, body: record["body"]?.stringValue, digester: &digester)
        case .customers:
            guard let id = record["id"]?.intValue else { return }
            customers[id] = record.selecting(Self.keptFields[.customers] ?? [])
        case .contacts:
            guard let id = record["id"]?.intValue else { return }
            contacts[id] = record.selecting(Self.keptFields[.contacts] ?? [])
        case .assets:
            guard let id = record["id"]?.intValue else { return }
            assets[id] = record.selecting(Self.keptFields[.assets] ?? [])
        case .tags:
            guard record["entity_type"]?.stringValue == "customer", let id = record["entity_id"]?.intValue,
                let tag = record["tag"]?.stringValue
            else { return }
            addCustomerTags([tag], to: id)
        default:
            // The drift rules read no other entity.
            return
        }
    }

    /// A ticket record with every kept field, its values still null: filling in a copy replaces values in place,
    /// so all tickets share one array of keys instead of holding a copy each (about a quarter of a kept ticket).
    private static let ticketTemplate = JSONObject((keptFields[.tickets] ?? []).map { ($0, JSONValue.null) })

    /// `record.selecting(keptFields[.tickets])`, sharing the template's keys when the record has them all.
    private static func keptTicketFields(of record: JSONObject) -> JSONObject {
        let keys = ticketTemplate.keys
        if record.count >= keys.count, record.keys[..<keys.count].elementsEqual(keys) {
            // The record starts with the kept fields in order (what loading decodes): no look-ups.
            return JSONObject(keys: keys, values: Array(record.values[..<keys.count]))
        }
        var kept = ticketTemplate
        for key in ticketTemplate.keys {
            guard let value = record[key] else { return record.selecting(ticketTemplate.keys) }
            kept[key] = value
        }
        return kept
    }

    /// Whether the asset links of ticket `id` are known (`assetLinks`): when not, its record's `asset_ids` says
    /// nothing, even when empty or absent.
    package func knowsAssetLinks(of ticketID: Int) -> Bool {
        assetLinks.includes(ticketID)
    }

    /// Takes in the asset links of tickets as their details give them (ticket id to asset ids) and counts them
    /// known; a ticket not held is skipped, having no record to compare.
    ///
    /// Each record is stored again with its `asset_ids` (a ticket read back from a CSV file is packed in memory
    /// from then on), in id order so that the same links always give the same store.
    package mutating func addAssetLinks(_ links: [Int: [Int]]) {
        var added: [Int] = []
        for (id, assetIDs) in links.sorted(by: { $0.key < $1.key }) {
            guard var record = tickets[id] else { continue }
            record["asset_ids"] = .array(assetIDs.map(JSONValue.int))
            tickets[id] = record
            added.append(id)
        }
        assetLinks.insert(added)
    }

    /// The organization tags Syncro shows for a customer, or nil when the export has no tag data for it.
    package func customerTags(_ id: Int) -> JSONValue? {
        if let record = customers[id], let tags = record["tag_list"], !tags.isNull { return tags }
        return customerTagsElsewhere[id].map { .array($0.map(JSONValue.string)) }
    }

    /// The end-user tags Syncro shows for a contact, or nil when it shows none: the API exposes no contact tags,
    /// so a contact is compared only when its record carries a `tag_list`.
    package func contactTags(_ id: Int) -> JSONValue? {
        guard let tags = contacts[id]?["tag_list"], !tags.isNull else { return nil }
        return tags
    }

    /// The Syncro ticket `apply` created for a partner ticket: the ticket whose first comment (lowest id) ends
    /// with a marker naming `partnerTicketID`; the lowest such ticket id if there are several, nil if none.
    package func createdTicket(partnerTicketID: String) -> Int? {
        let created = (markedCommentIDs[partnerTicketID] ?? []).compactMap { id -> Int? in
            guard let comment = comments[id], commentIDsByTicket[comment.ticketID]?.min() == id else { return nil }
            return comment.ticketID
        }
        return created.min()
    }

    /// The marker ending `body`. Most comments have none, so the costly parse runs only when the marker's prefix
    /// appears within the last few hundred bytes.
    private static func marker(_ body: String) -> ReferenceMarker? {
        var body = body
        guard body.withUTF8({ mayHaveMarker($0[...]) }) else { return nil }
        return ReferenceMarker.find(in: body)
    }

    /// Whether the marker's prefix appears within the last few hundred bytes of a body's UTF-8 `bytes`.
    private static func mayHaveMarker(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        contains(markerPrefix, in: UnsafeBufferPointer(rebasing: bytes.suffix(markerSearchWindow)))
    }

    /// Whether `pattern` occurs in `bytes`: `memchr` to each place its first byte is, then `memcmp`. Foundation's
    /// generic `firstRange(of:)` costs more than hashing the body, and a scan byte by byte was still a few per cent
    /// of loading comments.
    private static func contains(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first else { return true }
        guard let base = bytes.baseAddress, bytes.count >= pattern.count else { return false }
        return pattern.withUnsafeBufferPointer { (pattern: UnsafeBufferPointer<UInt8>) -> Bool in
            guard let patternBase = pattern.baseAddress else { return true }
            var start = UnsafeRawPointer(base)
            // The places where a match may start.
            var remaining = bytes.count - pattern.count + 1
            while remaining > 0, let found = memchr(start, Int32(first), remaining) {
                let hit = UnsafeRawPointer(found)
                if memcmp(hit, patternBase, pattern.count) == 0 { return true }
                remaining -= hit - start + 1
                start = hit + 1
            }
            return false
        }
    }

    private static let markerPrefix = Array(ReferenceMarker.prefix.utf8)
    /// Longer than any marker line: the prefix, a partner id, the key and trailing white space.
    private static let markerSearchWindow = 512

    private mutating func addCustomerTags(_ tags: [String], to id: Int) {
        var known = customerTagsElsewhere[id, default: []]
        for tag in tags where !known.contains(tag) { known.append(tag) }
        customerTagsElsewhere[id] = known
    }
}
