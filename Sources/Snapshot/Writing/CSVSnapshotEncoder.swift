import Foundation
import RecordFormats

/// Streams a snapshot into a CSV directory with exactly the files and columns of the specification.
///
/// Every file is written into a hidden temporary directory next to the target, which replaces the target only
/// when all files are complete: a failed write leaves the old directory as it was. An existing target is moved
/// aside, the new one renamed in, then the old one deleted, so a crash in between leaves the old snapshot under
/// its hidden name rather than a mix.
///
/// CSV says less than JSON: a child file present manages its field for every parent, so tag, asset and property
/// files are written only when some record manages that field (a record that does not then reads back as
/// managed and empty); every `exp_*` column is managed (unmanaged is written as empty, which reads back as
/// expected null); `partner_current` keeps only subject, status and priority; empty text reads back as null.
final class CSVSnapshotEncoder: SnapshotEncoder {
    private let path: String
    private let temporary: String
    private let customers: CSVWriter
    private let customerTags: CSVWriter
    private let contacts: CSVWriter
    private let contactTags: CSVWriter
    private let assets: CSVWriter
    private let tickets: CSVWriter
    private let ticketTags: CSVWriter
    private let ticketAssets: CSVWriter
    private let ticketProperties: CSVWriter
    private let comments: CSVWriter
    private var managed: Set<String> = []
    private var finished = false

    init(path: String, header: SnapshotHeader, relationship: Relationship) throws {
        let url = URL(fileURLWithPath: path)
        self.path = path
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporary =
            url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)-\(token)"
            ).path
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        let directory = temporary
        func file(_ name: String, _ columns: [String]) throws -> CSVWriter {
            try CSVWriter(path: (directory as NSString).appendingPathComponent(name), columns: columns)
        }
        do {
            let lastRun = relationship.lastRun
            let snapshot = try file(
                CSVLayout.snapshot, CSVLayout.snapshotColumns + (lastRun == nil ? [] : CSVLayout.lastRunColumns))
            var row: [String?] = [
                SchemaVersion.schemaName, header.schemaVersion.description, header.snapshotID,
                SnapshotTime.format(header.generatedAt), relationship.relationshipID, relationship.contractName,
                relationship.syncroSubdomain, relationship.syncroRole.rawValue, relationship.partnerPlatform,
                relationship.integrationUserID.map(String.init), String(relationship.bidirectional),
                String(relationship.syncPublicComments), String(relationship.syncPrivateComments),
            ]
            if let lastRun { row += [lastRun.status.rawValue, lastRun.finishedAt.map(SnapshotTime.format)] }
            try snapshot.writeRow(row)
            try snapshot.finish()
            customers = try file(CSVLayout.customers, CSVLayout.customerColumns)
            customerTags = try file(CSVLayout.customerTags, CSVLayout.customerTagColumns)
            contacts = try file(CSVLayout.contacts, CSVLayout.contactColumns)
            contactTags = try file(CSVLayout.contactTags, CSVLayout.contactTagColumns)
            assets = try file(CSVLayout.assets, CSVLayout.assetColumns)
            tickets = try file(CSVLayout.tickets, CSVLayout.ticketColumns)
            ticketTags = try file(CSVLayout.ticketTags, CSVLayout.ticketTagColumns)
            ticketAssets = try file(CSVLayout.ticketAssets, CSVLayout.ticketAssetColumns)
            ticketProperties = try file(CSVLayout.ticketProperties, CSVLayout.ticketPropertyColumns)
            comments = try file(CSVLayout.comments, CSVLayout.commentColumns)
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    deinit {
        if !finished { abandon() }
    }

    func write(_ customer: SnapshotCustomer) throws {
        let id = String(customer.syncroCustomerID)
        try customers.writeRow([id, customer.partnerID, customer.businessName, customer.email])
        if let tags = customer.tags {
            managed.insert(CSVLayout.customerTags)
            for tag in tags.sorted() { try customerTags.writeRow([id, tag]) }
        }
    }

    func write(_ contact: SnapshotContact) throws {
        let id = String(contact.syncroContactID)
        try contacts.writeRow([
            id, contact.syncroCustomerID.map(String.init), contact.partnerID, contact.name, contact.email,
        ])
        if let tags = contact.tags {
            managed.insert(CSVLayout.contactTags)
            for tag in tags.sorted() { try contactTags.writeRow([id, tag]) }
        }
    }

    func write(_ asset: SnapshotAsset) throws {
        try assets.writeRow([
            String(asset.syncroAssetID), asset.syncroCustomerID.map(String.init), asset.partnerID, asset.name,
            asset.serial, asset.assetType,
        ])
    }

    func write(_ ticket: SnapshotTicket) throws {
        let id = ticket.partnerTicketID
        let expected = ticket.expected
        let current = ticket.partnerCurrent
        try tickets.writeRow([
            id, ticket.syncroTicketID.map(String.init), ticket.syncroTicketNumber.map(String.init),
            ticket.syncroCustomerID.map(String.init), ticket.lastSyncedAt.map(SnapshotTime.format),
            ticket.syncroUpdatedAt.map(SnapshotTime.format), expected.subject.value, expected.status.value,
            expected.priority.value, expected.problemType.value, expected.contactID.value.map(String.init),
            expected.userID.value.map(String.init), expected.dueDate.value, expected.customerID.value.map(String.init),
            current?.subject.value, current?.status.value, current?.priority.value,
        ])
        if expected.tags.isManaged { managed.insert(CSVLayout.ticketTags) }
        for tag in (expected.tags.value ?? []).sorted() { try ticketTags.writeRow([id, tag]) }
        if expected.assetIDs.isManaged { managed.insert(CSVLayout.ticketAssets) }
        for asset in (expected.assetIDs.value ?? []).sorted() { try ticketAssets.writeRow([id, String(asset)]) }
        if expected.properties.isManaged { managed.insert(CSVLayout.ticketProperties) }
        for (name, value) in (expected.properties.value ?? [:]).sorted(by: { $0.key < $1.key }) {
            try ticketProperties.writeRow([id, name, value])
        }
        for comment in ticket.comments {
            try comments.writeRow([
                id, comment.partnerCommentID, comment.syncroCommentID.map(String.init), String(comment.hidden),
                comment.subject, comment.body, comment.bodySHA256 ?? comment.body.map(BodyHash.sha256),
                comment.createdAt.map(SnapshotTime.format), comment.author,
            ])
        }
    }

    func finish() throws {
        for writer in [customers, contacts, assets, tickets, comments] { try writer.finish() }
        let optional = [
            (CSVLayout.customerTags, customerTags), (CSVLayout.contactTags, contactTags),
            (CSVLayout.ticketTags, ticketTags), (CSVLayout.ticketAssets, ticketAssets),
            (CSVLayout.ticketProperties, ticketProperties),
        ]
        for (name, writer) in optional {
            if managed.contains(name) { try writer.finish() } else { writer.abandon() }
        }
        try replaceTarget()
        finished = true
    }

    /// Moves the finished temporary directory to `path`, replacing what was there.
    private func replaceTarget() throws {
        let files = FileManager.default
        var aside: String?
        if files.fileExists(atPath: path) {
            let moved = temporary.replacingOccurrences(of: ".partial-", with: ".replaced-")
            try files.moveItem(atPath: path, toPath: moved)
            aside = moved
        }
        do {
            try files.moveItem(atPath: temporary, toPath: path)
        } catch {
            if let aside { try? files.moveItem(atPath: aside, toPath: path) }
            throw error
        }
        if let aside { try? files.removeItem(atPath: aside) }
    }

    func abandon() {
        guard !finished else { return }
        for writer in [
            customers, customerTags, contacts, contactTags, assets, tickets, ticketTags, ticketAssets,
            ticketProperties, comments,
        ] {
            writer.abandon()
        }
        try? FileManager.default.removeItem(atPath: temporary)
        finished = true
    }
}
