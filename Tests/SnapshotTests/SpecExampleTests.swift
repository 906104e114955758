import Foundation
import Snapshot
import Testing

@Suite("The specification's JSON example")
struct SpecExampleTests {
    @Test("loads without diagnostics, with every value typed")
    func loads() throws {
        let (snapshot, diagnostics) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.text(diagnostics))")
        #expect(snapshot.header.schemaVersion == SchemaVersion(major: 1, minor: 0))
        #expect(snapshot.header.generatedAt == SnapshotFixtures.date("2026-11-29T00:00:00+01:00"))
        #expect(snapshot.relationship.syncroRole == .target)
        #expect(snapshot.relationship.integrationUserID == 118)
        #expect(snapshot.relationship.syncPrivateComments == false)
        #expect(snapshot.customers.map(\.tags) == [["co-managed"]])
        #expect(snapshot.contacts.first?.partnerID == "u-88")
        #expect(snapshot.assets.first?.partnerID == nil)
        let ticket = try #require(snapshot.tickets.first)
        #expect(ticket.syncroTicketID == 44_190_233)
        #expect(ticket.expected.userID == .null)
        #expect(ticket.expected.assetIDs == .value([7_781_002]))
        #expect(ticket.expected.properties == .value(["Partner Ticket": "88412"]))
        #expect(ticket.partnerCurrent?.status == .value("In Progress"))
        #expect(ticket.partnerCurrent?.subject == .unmanaged)
        let comment = try #require(ticket.comments.first)
        #expect(comment.bodySHA256 == BodyHash.sha256("Rebuilt the Outlook profile."))
        #expect(comment.hidden == false)
    }

    @Test("the reader yields the header first, then one record at a time in order")
    func streamsInOrder() {
        let reader = SnapshotReader(path: SnapshotFixtures.specExamplePath)
        var kinds: [String] = []
        reader.visit { element in
            switch element {
            case .header: kinds.append("header")
            case .customer: kinds.append("customer")
            case .contact: kinds.append("contact")
            case .asset: kinds.append("asset")
            case .ticket: kinds.append("ticket")
            }
        }
        #expect(kinds == ["header", "customer", "contact", "asset", "ticket"])
        #expect(reader.format == .json)
    }
}
