/// Writes a snapshot in any of its formats, record by record, so that the file appears only when complete.
///
/// Give the header and relationship when opening, then customers, contacts, assets and tickets in that order
/// (a record of an earlier section after a later one is refused), then call `finish()`. JSON and XML stream
/// into one file through `AtomicFileWriter`; CSV writes every file into a temporary directory that replaces the
/// target at the end. Memory holds one record. JSON keys follow the specification's example; sets are sorted.
/// Not `Sendable`: keep it inside one task.
package final class SnapshotWriter {
    package let path: String
    package let format: SnapshotFormat

    private let encoder: any SnapshotEncoder
    private var section = 0
    private var finished = false

    /// Opens the output at `path` in `format` (by default inferred from the path: `.json`, `.xml`, otherwise a
    /// CSV directory) and writes the header.
    package init(
        path: String, format: SnapshotFormat? = nil, header: SnapshotHeader, relationship: Relationship
    ) throws {
        self.path = path
        let format = format ?? SnapshotFormat.inferred(fromPath: path) ?? .csv
        self.format = format
        switch format {
        case .json: encoder = try JSONSnapshotEncoder(path: path, header: header, relationship: relationship)
        case .csv: encoder = try CSVSnapshotEncoder(path: path, header: header, relationship: relationship)
        case .xml: encoder = try XMLSnapshotEncoder(path: path, header: header, relationship: relationship)
        }
    }

    deinit {
        if !finished { encoder.abandon() }
    }

    /// Checks that records come in section order: customers, contacts, assets, tickets.
    private func enter(_ next: Int, _ name: String) throws {
        guard !finished else {
            throw SnapshotWriteError(path: path, message: "the writer is already finished; open a new one")
        }
        guard next >= section else {
            throw SnapshotWriteError(
                path: path,
                message: "a \(name) arrived after a later section; write customers, contacts, assets, then tickets")
        }
        section = next
    }

    package func write(_ customer: SnapshotCustomer) throws {
        try enter(0, "customer")
        try encoder.write(customer)
    }

    package func write(_ contact: SnapshotContact) throws {
        try enter(1, "contact")
        try encoder.write(contact)
    }

    package func write(_ asset: SnapshotAsset) throws {
        try enter(2, "asset")
        try encoder.write(asset)
    }

    package func write(_ ticket: SnapshotTicket) throws {
        try enter(3, "ticket")
        try encoder.write(ticket)
    }

    /// Completes the output and moves it into place.
    package func finish() throws {
        guard !finished else { return }
        try encoder.finish()
        finished = true
    }

    /// Removes what was written; the target is left untouched.
    package func abandon() {
        guard !finished else { return }
        encoder.abandon()
        finished = true
    }

    /// Writes a whole snapshot to `path`.
    package static func write(_ snapshot: Snapshot, to path: String, format: SnapshotFormat? = nil) throws {
        let writer = try SnapshotWriter(
            path: path, format: format, header: snapshot.header, relationship: snapshot.relationship)
        for customer in snapshot.customers { try writer.write(customer) }
        for contact in snapshot.contacts { try writer.write(contact) }
        for asset in snapshot.assets { try writer.write(asset) }
        for ticket in snapshot.tickets { try writer.write(ticket) }
        try writer.finish()
    }
}
