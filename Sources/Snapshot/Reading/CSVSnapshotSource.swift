import Foundation
import RecordFormats

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

    init(directory: String, decoder: SnapshotRecordDecoder) {
        self.directory = directory
        self.decoder = decoder
    }

    var bytesRead: Int { bytesDone + (table?.bytesRead ?? 0) }

    func next() -> SnapshotElement? {
        do {
            return try step()
        } catch {
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
                    try attach(customerTags, key: id, as: "tags", to: &record, at: table.location(row))
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
                    try attach(contactTags, key: id, as: "tags", to: &record, at: table.location(row))
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
                guard let table = try open(CSVLayout.tickets, ["partner_ticket_id"], required: true) else {
                    finish(.done)
                    continue
                }
                if !ticketChildrenIndexed {
                    ticketChildrenIndexed = true
                    try indexTicketChildren()
                }
                guard let row = try table.nextRow() else {
                    finish(.done)
                    continue
                }
                if let ticket = decoder.ticket(try ticketRecord(row, table)), headerIsValid { return .ticket(ticket) }
            }
        }
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
            row, CSVLayout.snapshotColumns.filter { !CSVLayout.headerColumns.contains($0) })
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
        case .tickets: (ticketTags, ticketAssets, ticketProperties, comments) = (nil, nil, nil, nil)
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

    private func indexTicketChildren() throws {
        ticketTags = try ticketIndex(CSVLayout.ticketTags, ["tag"]) { fields, _ in
            fields.string("tag", required: true).map { (nil, .text($0)) }
        }
        ticketAssets = try ticketIndex(CSVLayout.ticketAssets, ["syncro_asset_id"]) { fields, _ in
            fields.int("syncro_asset_id", required: true).map { (nil, .text(String($0))) }
        }
        ticketProperties = try ticketIndex(CSVLayout.ticketProperties, ["name", "value"]) { fields, _ in
            fields.string("name", required: true).map { ($0, .text(fields.string("value") ?? "")) }
        }
        // A comment row is checked in full when its ticket reads it (`SnapshotRecordDecoder.ticket`): indexing
        // needs only its key.
        comments = try ticketIndex(CSVLayout.comments, CSVLayout.commentColumns, keyOnly: true) { _, record in
            (nil, .record(record))
        }
    }

    /// Indexes a child file of tickets by `partner_ticket_id`; nil when the file is absent. `keyOnly`: `value`
    /// reports nothing, so indexing reads each row's key alone.
    private func ticketIndex(
        _ name: String, _ columns: [String], keyOnly: Bool = false,
        value: @escaping (FieldReader, RawRecord) -> (String?, RawValue)?
    ) throws -> CSVChildFile<String>? {
        let all = ["partner_ticket_id"] + columns.filter { $0 != "partner_ticket_id" }
        let required = name == CSVLayout.comments ? ["partner_ticket_id", "partner_comment_id"] : all
        guard let table = try CSVTable(directory: directory, name: name, required: required, log: log) else {
            return nil
        }
        let allColumns = table.columns(all)
        let keyColumns = table.columns(["partner_ticket_id"])
        let indexKey: CSVChildFile<String>.ReadKey? =
            keyOnly
            ? { [log] table, row in
                FieldReader(record: table.record(row, keyColumns), label: .none, log: log)
                    .string("partner_ticket_id", required: true)
            } : nil
        let file = try CSVChildFile<String>(table: table, indexKey: indexKey) { [log] table, row in
            var record = table.record(row, allColumns)
            let fields = FieldReader(record: record, label: .none, log: log)
            guard let ticket = fields.string("partner_ticket_id", required: true) else { return nil }
            record["partner_ticket_id"] = nil
            guard let (name, value) = value(fields, record) else { return nil }
            return (ticket, name, value)
        }
        bytesDone += file.bytesIndexed
        return file
    }

    /// Gives `record` the child rows of `key` as the list `field`, when the child file exists.
    private func attach<Key: IndexKey & Hashable>(
        _ children: CSVChildFile<Key>?, key: Key, as field: String, to record: inout RawRecord,
        at location: DiagnosticLocation
    ) throws {
        guard let children else { return }
        record.set(field, .list(try children.take(key).map(\.value)), at: location, spelling: children.path)
    }

    /// The columns of `tickets.csv`, looked up once: the plain ones, and the `exp_*` and `cur_*` ones with their
    /// fields.
    private struct TicketColumns {
        let plain: CSVTable.Columns
        let expected: [(field: String, column: String, index: Int)]
        let current: [(field: String, column: String, index: Int)]
        let key: Int?

        init(_ table: CSVTable) {
            plain = table.columns(CSVLayout.ticketColumns.filter { !CSVSnapshotSource.isValueColumn($0) })
            expected = CSVLayout.expectedColumnFields.compactMap { field in
                table.index(of: "exp_\(field)").map { (field, "exp_\(field)", $0) }
            }
            current = CSVLayout.currentColumnFields.compactMap { field in
                table.index(of: "cur_\(field)").map { (field, "cur_\(field)", $0) }
            }
            key = table.index(of: "partner_ticket_id")
        }
    }

    private var ticketColumns: TicketColumns?

    private func ticketRecord(_ row: CSVRow, _ table: CSVTable) throws -> RawRecord {
        let columns = ticketColumns ?? TicketColumns(table)
        ticketColumns = columns
        let location = table.location(row)
        var record = table.record(row, columns.plain)
        var expected = RawRecord(location: location, spell: { "exp_\($0)" })
        for (field, column, index) in columns.expected {
            if let value = table.value(row, at: index) { expected.set(field, value, at: location, spelling: column) }
        }
        var current = RawRecord(location: location, spell: { "cur_\($0)" })
        for (field, column, index) in columns.current {
            if let value = table.value(row, at: index), case .text = value {
                current.set(field, value, at: location, spelling: column)
            }
        }
        let key = table.cell(row, at: columns.key) ?? ""
        try attach(ticketTags, key: key, as: "tags", to: &expected, at: location)
        try attach(ticketAssets, key: key, as: "asset_ids", to: &expected, at: location)
        if let ticketProperties {
            var map = RawRecord(location: location)
            for row in try ticketProperties.take(key) {
                map.set(
                    row.name ?? "", row.value, at: DiagnosticLocation(file: ticketProperties.path, line: row.line))
            }
            expected.set("properties", .record(map), at: location, spelling: ticketProperties.path)
        }
        if !expected.isEmpty { record.set("expected", .record(expected), at: location) }
        if !current.isEmpty { record.set("partner_current", .record(current), at: location) }
        try attach(comments, key: key, as: "comments", to: &record, at: location)
        return record
    }

    private static func isValueColumn(_ column: String) -> Bool {
        column.hasPrefix("exp_") || column.hasPrefix("cur_")
    }
}
