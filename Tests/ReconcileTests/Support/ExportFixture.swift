import Foundation
import Reconcile
import Snapshot

/// A Syncro export directory written by a test: JSON Lines files and a manifest, removed when dropped.
final class ExportFixture {
    let path: String

    /// A new empty directory (with a manifest naming `subdomain`, unless nil).
    init(subdomain: String? = "northwind") throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("reconcile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if let subdomain {
            try write("manifest.json", #"{"manifest_version": 1, "subdomain": "\#(subdomain)", "comments": "all"}"#)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `records` as `name` in JSON Lines (one compact object per line).
    @discardableResult
    func jsonl(_ name: String, _ records: [[String: Any]]) throws -> String {
        var text = ""
        for record in records {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        return try write(name, text)
    }

    /// Writes `text` as `name` in the directory.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The Syncro side as the drift engine reads it (or, without `ticketsFromFile`, with every ticket held).
    func records(keepBodies: Bool = false, ticketsFromFile: Bool = true) throws -> SyncroRecords {
        try SyncroRecords.load(ExportDirectory(path: path), keepBodies: keepBodies, ticketsFromFile: ticketsFromFile)
    }

    /// The path of `name` in the directory.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

/// Builders for small hand-made snapshots and Syncro records.
enum Fixture {
    static let generatedAt = Date(timeIntervalSince1970: 1_796_000_000)

    static func snapshot(
        subdomain: String = "northwind", integrationUserID: Int? = 118, customers: [SnapshotCustomer] = [],
        contacts: [SnapshotContact] = [], assets: [SnapshotAsset] = [], tickets: [SnapshotTicket] = []
    ) -> Snapshot {
        Snapshot(
            header: SnapshotHeader(snapshotID: "snap-1", generatedAt: generatedAt),
            relationship: Relationship(
                relationshipID: "rel_1", syncroSubdomain: subdomain, syncroRole: .target, partnerPlatform: "halopsa",
                integrationUserID: integrationUserID),
            customers: customers, contacts: contacts, assets: assets, tickets: tickets)
    }

    /// A Syncro ticket record with the values of `ticket(...)`, changed by `changes`.
    static func syncroTicket(id: Int = 44_190_233, _ changes: [String: Any] = [:]) -> [String: Any] {
        var record: [String: Any] = [
            "id": id, "number": 31877, "subject": "Outlook disconnects", "status": "In Progress",
            "priority": "1 High", "problem_type": "Software", "customer_id": 902_311, "contact_id": 5_530_012,
            "user_id": NSNull(), "due_date": NSNull(), "updated_at": "2026-11-28T22:10:12Z",
            "tag_list": ["co-managed"], "asset_ids": [7_781_002], "properties": ["Partner Ticket": "88412"],
        ]
        for (key, value) in changes { record[key] = value }
        return record
    }

    /// A linked snapshot ticket whose expected values equal `syncroTicket()`.
    static func ticket(
        partnerID: String = "88412", syncroID: Int? = 44_190_233, comments: [SnapshotComment] = [],
        _ edit: (inout TicketValues) -> Void = { _ in }
    ) -> SnapshotTicket {
        var expected = TicketValues()
        expected.subject = .value("Outlook disconnects")
        expected.status = .value("In Progress")
        expected.priority = .value("1 High")
        expected.problemType = .value("Software")
        expected.contactID = .value(5_530_012)
        expected.userID = .null
        expected.dueDate = .null
        expected.customerID = .value(902_311)
        expected.assetIDs = .value([7_781_002])
        expected.tags = .value(["co-managed"])
        expected.properties = .value(["Partner Ticket": "88412"])
        edit(&expected)
        return SnapshotTicket(
            partnerTicketID: partnerID, syncroTicketID: syncroID, syncroCustomerID: 902_311, expected: expected,
            comments: comments)
    }

    static func comment(
        id: Int, ticketID: Int = 44_190_233, body: String, hidden: Bool = false, userID: Int? = 118
    ) -> [String: Any] {
        [
            "id": id, "ticket_id": ticketID, "subject": "Update", "body": body, "hidden": hidden,
            "user_id": userID ?? NSNull(), "created_at": "2026-11-27T14:05:00Z",
        ]
    }
}

extension DriftReport {
    /// The codes of the findings, in report order.
    var codes: [DriftCode] { findings.map(\.code) }
}
