import Foundation
import RecordFormats
import Snapshot

/// A fresh directory under the system's temporary directory, removed when the value is dropped.
final class ScratchDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` (UTF-8) to `name`, creating folders, and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func contents(_ name: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: name.isEmpty ? path : file(name)).sorted()
    }
}

/// Test inputs: the specification's example and a snapshot that exercises every field.
enum SnapshotFixtures {
    /// Writes to `path` (a `.json` or `.xml` file, or a CSV directory) the specification example's header with
    /// tickets `P0`…: each with status Open, one tag `t<n>` and one comment `C<n>` (Syncro ids 1,000 + n and
    /// 5,000 + n): enough rows to keep a reading thread several batches ahead.
    static func writeNumberedTickets(_ count: Int, to path: String) throws {
        let (example, _) = try Snapshot.load(path: specExamplePath)
        let tickets = (0..<count).map { t in
            var expected = TicketValues()
            expected.tags = .value(["t\(t)"])
            expected.status = .value("Open")
            let comment = SnapshotComment(
                partnerCommentID: "C\(t)", syncroCommentID: 5_000 + t, hidden: false,
                bodySHA256: BodyHash.sha256("comment \(t)"))
            return SnapshotTicket(
                partnerTicketID: "P\(t)", syncroTicketID: 1_000 + t, expected: expected, comments: [comment])
        }
        try SnapshotWriter.write(
            Snapshot(header: example.header, relationship: example.relationship, tickets: tickets), to: path)
    }

    /// `Fixtures/spec-example.json`: the JSON example of the snapshot format's specification (version 1.0), kept
    /// as a test input.
    static var specExamplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/spec-example.json").path
    }

    static func specExampleText() throws -> String {
        try String(contentsOfFile: specExamplePath, encoding: .utf8)
    }

    static func date(_ text: String) -> Date {
        Timestamp.parse(text) ?? Date(timeIntervalSince1970: 0)
    }

    /// Every field set, tricky text (commas, quotes, line breaks, HTML, non-ASCII), every kind of managed value.
    static var rich: Snapshot {
        var expected = TicketValues()
        expected.subject = .value("Outlook, \"again\"\nsecond line")
        expected.status = .value("In Progress")
        expected.priority = .value("1 High")
        expected.problemType = .value("Software")
        expected.contactID = .value(5_530_012)
        expected.userID = .null
        expected.dueDate = .value("2026-12-01T17:00:00Z")
        expected.customerID = .value(902_311)
        expected.assetIDs = .value([7_781_002, 7_781_003])
        expected.tags = .value(["co-managed", "vip"])
        expected.properties = .value(["Partner Ticket": "88412", "Empty": "", "Ünïcode": "naïve café"])
        var current = TicketValues()
        current.subject = .value("Outlook disconnects")
        current.status = .value("Waiting on Customer")
        current.priority = .value("2 Normal")
        var sparse = TicketValues()
        sparse.subject = .value("Not yet in Syncro")
        sparse.status = .value("New")
        sparse.priority = .null
        sparse.problemType = .null
        sparse.contactID = .null
        sparse.userID = .null
        sparse.dueDate = .null
        sparse.customerID = .value(902_311)
        sparse.assetIDs = .value([])
        sparse.tags = .value([])
        sparse.properties = .value([:])
        let body = "<p>Rebuilt the Outlook&nbsp;profile.</p>\r\n<p>Caf\u{0065}\u{0301} &amp; more</p>"
        return Snapshot(
            header: SnapshotHeader(snapshotID: "8b1f4a52", generatedAt: date("2026-11-28T23:00:00.250Z")),
            relationship: Relationship(
                relationshipID: "rel_7f3a2c", contractName: "Contoso, \"co-managed\" support",
                syncroSubdomain: "northwind", syncroRole: .target, partnerPlatform: "halopsa", integrationUserID: 118,
                bidirectional: true, syncPublicComments: true, syncPrivateComments: false),
            customers: [
                SnapshotCustomer(
                    syncroCustomerID: 902_311, partnerID: "1204", businessName: "Contoso Ltd",
                    email: "it@contoso.example", tags: ["co-managed", "gold, plus"]),
                SnapshotCustomer(syncroCustomerID: 902_312, partnerID: nil, businessName: "Fabrikam", tags: []),
            ],
            contacts: [
                SnapshotContact(
                    syncroContactID: 5_530_012, syncroCustomerID: 902_311, partnerID: "u-88", name: "Jo Bloggs",
                    email: "jo@contoso.example", tags: ["vip"])
            ],
            assets: [
                SnapshotAsset(
                    syncroAssetID: 7_781_002, syncroCustomerID: 902_311, name: "CON-WKS-014", serial: "5CG1234XYZ",
                    assetType: "Laptop"),
                SnapshotAsset(syncroAssetID: 7_781_003, partnerID: "a-9"),
            ],
            tickets: [
                SnapshotTicket(
                    partnerTicketID: "88412", syncroTicketID: 44_190_233, syncroTicketNumber: 31_877,
                    syncroCustomerID: 902_311, lastSyncedAt: date("2026-11-28T22:10:12Z"),
                    syncroUpdatedAt: date("2026-11-28T23:10:12+01:00"), expected: expected, partnerCurrent: current,
                    comments: [
                        SnapshotComment(
                            partnerCommentID: "act_771", syncroCommentID: 1_550_021, hidden: false, subject: "Update",
                            body: body, bodySHA256: BodyHash.sha256(body), createdAt: date("2026-11-27T14:05:00Z"),
                            author: "Sam (Contoso IT)"),
                        SnapshotComment(
                            partnerCommentID: "act_772", hidden: true,
                            bodySHA256: String(repeating: "ab", count: 32)),
                    ]),
                SnapshotTicket(partnerTicketID: "88413", syncroCustomerID: 902_311, expected: sparse),
            ])
    }
}
