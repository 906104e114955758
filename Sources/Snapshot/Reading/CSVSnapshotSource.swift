import Foundation
import RecordFormats
import Synchronization

/// Reads a CSV snapshot directory: `snapshot.csv` first, then `customers.csv`, `contacts.csv`, `assets.csv` and
/// `tickets.csv` streamed row by row, each record joined with its child rows.
///
/// Child files are read through once before their parent file streams (CSV child rows may come in any order): their
/// problems are reported then, and only where each row starts is kept, by parent key (`CSVChildFile`). Each parent
/// reads its rows back from the file as it streams by, so memory grows with the number of child rows (a few
/// integers each), never with their text. An empty cell is null. A child file that is present manages its field for
/// every parent (a parent without rows has an empty set); an absent one leaves the field unmanaged. `exp_*` columns
/// make their `expected` field managed (an empty cell expects null); an empty `cur_*` cell leaves that
/// `partner_current` field out.
///
/// Tickets, most of a snapshot, take two threads besides the caller's: `comments.csv` is indexed beside the other
/// ticket child files, and ticket rows are read and joined with their child rows (`CSVTicketRows`) while the
/// previous ones are decoded here. The diagnostics come in the order reading on one thread gives them.
final class CSVSnapshotSource: SnapshotSource {
    private enum Stage {
        case header
        case customers
        case contacts
        case assets
        case tickets
        case done
    }

    private let directory: String
    private let decoder: SnapshotRecordDecoder
    private var log: DiagnosticLog { decoder.log }
    private var stage = Stage.header
    private var headerIsValid = false
    private var table: CSVTable?
    private var tableOpened = false
    private var customerTags: CSVChildFile<Int>?
    private var contactTags: CSVChildFile<Int>?
    private var ticketTags: CSVChildFile<String>?
    private var ticketAssets: CSVChildFile<String>?
    private var ticketProperties: CSVChildFile<String>?
    private var comments: CSVChildFile<String>?
    private var customerTagsIndexed = false
    private var contactTagsIndexed = false
    private var ticketChildrenIndexed = false
    /// The bytes of the files read through already (indexed child files, finished record files).
    private var bytesDone = 0
    /// The ticket rows, read into raw records on a thread of their own (see `CSVTicketRows`).
    private var ticketRows: ReadAhead<CSVTicketRows.Row>?
    private var ticketReader: CSVTicketRows?

    /// Whether the ticket key indexes have been sized (`sizeTicketKeys()`).
    private var ticketKeysSized = false
    private let keySizing: KeySizing

    /// `keySizing`: as for `SnapshotReader`, for `tickets.csv`.
    init(
        directory: String, decoder: SnapshotRecordDecoder,
        keySizing: KeySizing = .standard
    ) {
        self.directory = directory
        self.decoder = decoder
        self.keySizing = keySizing
    }

    var bytesRead: Int { bytesDone + (ticketReader?.bytesRead ?? table?.bytesRead ?? 0) }

    deinit {
        ticketRows?.cancel()
    }

    func next() -> SnapshotElement? {
        do {
            return try step()
        } catch {
            // What the ticket-reading thread logged before it failed comes first.
            takeTicketRowProblems()
            log.fatal(error, path: directory)
            stage = .done
            return nil
        }
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    private func step() throws -> SnapshotElement? {
        while true {
            switch stage {
            case .done:
                return nil
            case .header:
                stage = .customers
                if let element = try readHeader() { return element }
            case .customers:
                guard let table = try open(CSVLayout.customers, ["syncro_customer_id"]) else {
                    finish(.contacts)
                    continue
                }
                if !customerTagsIndexed {
                    customerTagsIndexed = true
                    customerTags = try index(CSVLayout.customerTags, key: "syncro_customer_id", value: "tag")
                }
                guard let row = try table.nextRow() else {
                    finish(.contacts)
                    continue
                }
                var record = table.record(row, CSVLayout.customerColumns)
                if let id = table.cell(row, "syncro_customer_id").flatMap(FieldReader.integer) {
                    try customerTags?.attach(id, as: "tags", to: &record, at: table.location(row))
                }
                if let customer = decoder.customer(record), headerIsValid { return .customer(customer) }
            case .contacts:
                guard let table = try open(CSVLayout.contacts, ["syncro_contact_id"]) else {
                    finish(.assets)
                    continue
                }
                if !contactTagsIndexed {
                    contactTagsIndexed = true
                    contactTags = try index(CSVLayout.contactTags, key: "syncro_contact_id", value: "tag")
                }
                guard let row = try table.nextRow() else {
                    finish(.assets)
                    continue
                }
                var record = table.record(row, CSVLayout.contactColumns)
                if let id = table.cell(row, "syncro_contact_id").flatMap(FieldReader.integer) {
                    try contactTags?.attach(id, as: "tags", to: &record, at: table.location(row))
                }
                if let contact = decoder.contact(record), headerIsValid { return .contact(contact) }
            case .assets:
                guard let table = try open(CSVLayout.assets, ["syncro_asset_id"]) else {
                    finish(.tickets)
                    continue
                }
                guard let row = try table.nextRow() else {
                    finish(.tickets)
                    continue
                }
                let record = table.record(row, CSVLayout.assetColumns)
                if let asset = decoder.asset(record), headerIsValid { return .asset(asset) }
            case .tickets:
                guard
                    let table = try open(CSVLayout.tickets, ["partner_ticket_id", "syncro_ticket_id"], required: true)
                else {
                    finish(.done)
                    continue
                }
                if !ticketChildrenIndexed {
                    ticketChildrenIndexed = true
                    try indexTicketChildren()
                }
                let rows = ticketRows ?? startTicketRows(table)
                guard let row = try rows.next() else {
                    finish(.done)
                    continue
                }
                for problem in row.problems { log.append(problem) }
                if !ticketKeysSized { sizeTicketKeys(at: row.offset) }
                if let ticket = decoder.ticket(row.record), headerIsValid { return .ticket(ticket) }
            }
        }
    }

    /// Starts reading `tickets.csv` into raw records on a thread of its own, a few batches ahead: on two cores that
    /// overlaps decoding and checking the last tickets (here) with reading the next ones and their child rows.
    private func startTicketRows(_ table: CSVTable) -> ReadAhead<CSVTicketRows.Row> {
        let reader = CSVTicketRows(
            table: table, tags: ticketTags, assets: ticketAssets, properties: ticketProperties, comments: comments)
        let rows = ReadAhead<CSVTicketRows.Row>(
            name: "syncro-fusion.csv-ticket-rows", batchSize: 64, batchesAhead: 4,
            afterBatch: { reader.publishProgress() }, produce: { try reader.next() })
        ticketReader = reader
        ticketRows = rows
        return rows
    }

    /// Sizes the ticket key indexes once a thirty-second of a large `tickets.csv` has been decoded, as
    /// `SnapshotReader` does for a JSON or XML file (the comment ones were sized exactly when `comments.csv` was
    /// indexed). The share is where the row being decoded starts (`offset`), not what the reading thread has read:
    /// that is a chunk ahead, which made the estimate a sixth too low and the indexes grow once more at the end.
    private func sizeTicketKeys(at offset: Int) {
        guard let ticketReader, keySizing.applies(to: ticketReader.fileSize) else {
            ticketKeysSized = true
            return
        }
        guard let share = keySizing.share(read: offset, of: ticketReader.fileSize) else { return }
        ticketKeysSized = true
        decoder.reserveTicketKeys(readShare: share)
    }

    /// Once the ticket-reading thread has stopped, moves what it logged after its last row into the log. Called at
    /// the end of the file or after its error, when the thread has finished; stopping it first keeps any other
    /// caller from waiting on a thread that waits for it.
    private func takeTicketRowProblems() {
        guard let ticketRows, let ticketReader else { return }
        ticketRows.cancel()
        for problem in ticketReader.takeProblems() { log.append(problem) }
    }

    // MARK: Header

    private func readHeader() throws -> SnapshotElement? {
        guard
            let table = try CSVTable(
                directory: directory, name: CSVLayout.snapshot, required: CSVLayout.snapshotColumns, log: log)
        else {
            if !FileManager.default.fileExists(atPath: path(CSVLayout.snapshot)) {
                log.error(
                    DiagnosticCode.missingFile,
                    "the directory has no \(CSVLayout.snapshot); a CSV snapshot needs it and \(CSVLayout.tickets)",
                    at: DiagnosticLocation(file: path(CSVLayout.snapshot)))
            }
            stage = .done
            return nil
        }
        guard let row = try table.nextRow() else {
            log.error(
                DiagnosticCode.structure, "the file has no data row; add the one row that describes the snapshot",
                at: DiagnosticLocation(file: table.path, line: 2))
            stage = .done
            return nil
        }
        if let extra = try table.nextRow() {
            log.error(
                DiagnosticCode.structure, "the file has more than one data row; a snapshot describes one relationship",
                at: table.location(extra))
        }
        bytesDone += table.bytesRead
        let header = table.record(row, CSVLayout.headerColumns)
        let relationship = table.record(
            row, CSVLayout.snapshotColumns.filter { !CSVLayout.headerColumns.contains($0) } + CSVLayout.lastRunColumns)
        switch decoder.header(header, relationship: relationship) {
        case .valid(let header, let relationship):
            headerIsValid = true
            return .header(header, relationship)
        case .invalid:
            return nil
        case .fatal:
            stage = .done
            return nil
        }
    }

    // MARK: Files

    /// The table of the current stage, opened on first use; nil when the file is absent or unusable.
    private func open(_ name: String, _ required: [String], required isRequired: Bool = false) throws -> CSVTable? {
        if !tableOpened {
            tableOpened = true
            table = try CSVTable(directory: directory, name: name, required: required, log: log)
            if table == nil, isRequired, !FileManager.default.fileExists(atPath: path(name)) {
                log.error(
                    DiagnosticCode.missingFile, "the directory has no \(name); a CSV snapshot needs it, even empty",
                    at: DiagnosticLocation(file: path(name)))
            }
        }
        return table
    }

    /// Ends the current stage: reports child rows no parent took, and moves to `next`.
    private func finish(_ next: Stage) {
        if stage == .tickets { takeTicketRowProblems() }
        switch stage {
        case .customers:
            customerTags?.reportDangling(
                to: log, keyColumn: "syncro_customer_id", parentFile: CSVLayout.customers, parent: "customer")
        case .contacts:
            contactTags?.reportDangling(
                to: log, keyColumn: "syncro_contact_id", parentFile: CSVLayout.contacts, parent: "contact")
        case .tickets:
            for index in [ticketTags, ticketAssets, ticketProperties, comments].compactMap({ $0 }) {
                index.reportDangling(
                    to: log, keyColumn: "partner_ticket_id", parentFile: CSVLayout.tickets, parent: "ticket")
            }
        default:
            break
        }
        // The child files of a finished parent file are done with: close them.
        switch stage {
        case .customers: customerTags = nil
        case .contacts: contactTags = nil
        case .tickets:
            (ticketTags, ticketAssets, ticketProperties, comments) = (nil, nil, nil, nil)
            ticketReader = nil
        default: break
        }
        bytesDone += table?.bytesRead ?? 0
        stage = next
        table = nil
        tableOpened = false
    }

    // MARK: Child rows

    /// Indexes a child file keyed by an integer id; nil when the file is absent.
    private func index(_ name: String, key: String, value: String) throws -> CSVChildFile<Int>? {
        guard let table = try CSVTable(directory: directory, name: name, required: [key, value], log: log) else {
            return nil
        }
        let columns = table.columns([key, value])
        let file = try CSVChildFile<Int>(table: table) { [log] table, row in
            let fields = FieldReader(record: table.record(row, columns), label: .none, log: log)
            guard let id = fields.int(key, required: true), let text = fields.string(value, required: true) else {
                return nil
            }
            return (id, nil, .text(text))
        }
        bytesDone += file.bytesIndexed
        return file
    }

    /// Indexes the four child files of tickets. `comments.csv`, usually the largest file of a snapshot, is indexed
    /// on a second thread meanwhile. Each side logs to a log of its own, added to the source's log afterwards in the
    /// order reading the files in turn gives (tags, assets, properties, comments); the child files keep those logs
    /// for reading rows back later, on the ticket-reading thread.
    private func indexTicketChildren() throws {
        // Each side alone uses its log and its files until both have finished; then only this thread does.
        let logs = OneSideEach((others: DiagnosticLog(), comments: DiagnosticLog()))
        let directory = directory
        let indexed = Mutex<[Int: OneSideEach<Result<[CSVChildFile<String>?], any Error>>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let logs = logs.value
            let result = Result { () throws -> [CSVChildFile<String>?] in
                guard part == 0 else {
                    // A comment row is checked in full when its ticket reads it (`SnapshotRecordDecoder.ticket`):
                    // indexing needs only its key.
                    return [
                        try Self.ticketIndex(
                            CSVLayout.comments, CSVLayout.commentColumns, in: directory, log: logs.comments,
                            keyOnly: true
                        ) { _, record in (nil, .record(record)) }
                    ]
                }
                let tags = try Self.ticketIndex(CSVLayout.ticketTags, ["tag"], in: directory, log: logs.others) {
                    fields, _ in fields.string("tag", required: true).map { (nil, .text($0)) }
                }
                let assets = try Self.ticketIndex(
                    CSVLayout.ticketAssets, ["syncro_asset_id"], in: directory, log: logs.others
                ) { fields, _ in
                    fields.int("syncro_asset_id", required: true).map { (nil, .text(String($0))) }
                }
                let properties = try Self.ticketIndex(
                    CSVLayout.ticketProperties, ["name", "value"], in: directory, log: logs.others
                ) { fields, _ in
                    fields.string("name", required: true).map { ($0, .text(fields.string("value") ?? "")) }
                }
                return [tags, assets, properties]
            }
            indexed.withLock { $0[part] = OneSideEach(result) }
        }
        let (others, comments) = indexed.withLock { ($0[0]?.value, $0[1]?.value) }
        for problem in logs.value.others.takeAll() { log.append(problem) }
        let files = try others?.get() ?? []
        for problem in logs.value.comments.takeAll() { log.append(problem) }
        let commentFiles = try comments?.get() ?? []
        (ticketTags, ticketAssets, ticketProperties) = (files[0], files[1], files[2])
        self.comments = commentFiles[0]
        // Each comment row holds two keys: their indexes are sized for them now, in one move each.
        // Indexing grew its columns by copying, on two threads: what they left free goes back before the key
        // indexes are made (at a million tickets, 60 MB of a 570 MB peak).
        ProcessMemory.releaseFree()
        decoder.reserveCommentKeys(commentFiles[0]?.rowCount ?? 0)
        bytesDone += (files + commentFiles).reduce(0) { $0 + ($1?.bytesIndexed ?? 0) }
    }

    /// Indexes a child file of tickets by `partner_ticket_id`, logging to `log`; nil when the file is absent.
    /// `keyOnly`: `value` reports nothing, so indexing reads each row's key alone.
    private static func ticketIndex(
        _ name: String, _ columns: [String], in directory: String, log: DiagnosticLog, keyOnly: Bool = false,
        value: @escaping (FieldReader, RawRecord) -> (String?, RawValue)?
    ) throws -> CSVChildFile<String>? {
        let all = ["partner_ticket_id"] + columns.filter { $0 != "partner_ticket_id" }
        let required =
            name == CSVLayout.comments ? ["partner_ticket_id", "partner_comment_id", "syncro_comment_id"] : all
        guard let table = try CSVTable(directory: directory, name: name, required: required, log: log) else {
            return nil
        }
        let allColumns = table.columns(all)
        let keyColumns = table.columns(["partner_ticket_id"])
        let indexKey: CSVChildFile<String>.ReadKey? =
            keyOnly
            ? { table, row in
                FieldReader(record: table.record(row, keyColumns), label: .none, log: log)
                    .string("partner_ticket_id", required: true)
            } : nil
        return try CSVChildFile<String>(table: table, indexKey: indexKey) { table, row in
            var record = table.record(row, allColumns)
            let fields = FieldReader(record: record, label: .none, log: log)
            guard let ticket = fields.string("partner_ticket_id", required: true) else { return nil }
            record["partner_ticket_id"] = nil
            guard let (name, value) = value(fields, record) else { return nil }
            return (ticket, name, value)
        }
    }

    /// Values the two sides of `indexTicketChildren()` hand over: each is used by one thread at a time.
    private struct OneSideEach<Value>: @unchecked Sendable {
        let value: Value

        init(_ value: Value) { self.value = value }
    }

    static func isValueColumn(_ column: String) -> Bool {
        column.hasPrefix("exp_") || column.hasPrefix("cur_")
    }
}
