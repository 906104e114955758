import Foundation
import Reconcile
import Snapshot
import Testing

@Suite("Drift: customers, contacts and assets")
struct MasterDataDriftTests {
    private let customer: [String: Any] = [
        "id": 902_311, "business_name": "Contoso Ltd", "email": "IT@contoso.example", "tag_list": ["Co-Managed"],
    ]
    private let contact: [String: Any] = [
        "id": 5_530_012, "customer_id": 902_311, "name": "Jo Bloggs", "email": "jo@contoso.example",
    ]
    private let asset: [String: Any] = [
        "id": 7_781_002, "customer_id": 902_311, "name": "CON-WKS-014", "asset_serial": "05CG1234",
        "asset_type": "Laptop",
    ]

    private func snapshot(
        customer: SnapshotCustomer? = nil, contact: SnapshotContact? = nil, asset: SnapshotAsset? = nil
    ) -> Snapshot {
        Fixture.snapshot(
            customers: customer.map { [$0] } ?? [], contacts: contact.map { [$0] } ?? [],
            assets: asset.map { [$0] } ?? [])
    }

    private var expectedCustomer: SnapshotCustomer {
        SnapshotCustomer(
            syncroCustomerID: 902_311, partnerID: "1204", businessName: "Contoso Ltd", email: "it@contoso.example",
            tags: ["co-managed"])
    }

    private var expectedContact: SnapshotContact {
        SnapshotContact(
            syncroContactID: 5_530_012, syncroCustomerID: 902_311, partnerID: "u-88", name: "Jo Bloggs",
            email: "jo@contoso.example", tags: ["vip"])
    }

    private var expectedAsset: SnapshotAsset {
        SnapshotAsset(
            syncroAssetID: 7_781_002, syncroCustomerID: 902_311, name: "CON-WKS-014", serial: "05CG1234",
            assetType: "Laptop")
    }

    @Test("matching master data gives no finding; contacts without tag data give no CONTACT_TAGS")
    func clean() throws {
        let report = try drift(
            snapshot(customer: expectedCustomer, contact: expectedContact, asset: expectedAsset),
            customers: [customer], contacts: [contact], assets: [asset])
        #expect(report.findings.isEmpty)
    }

    @Test("CUSTOMER_MISSING, CONTACT_MISSING, ASSET_MISSING")
    func missing() throws {
        let report = try drift(
            snapshot(customer: expectedCustomer, contact: expectedContact, asset: expectedAsset), customers: [],
            contacts: [], assets: [])
        #expect(Set(report.codes) == [.customerMissing, .contactMissing, .assetMissing])
        #expect(report.findings.allSatisfy { $0.gate == .report && $0.severity == .warning })
    }

    @Test("no customers file: customers are not compared, not missing")
    func notExported() throws {
        let report = try drift(snapshot(customer: expectedCustomer))
        #expect(report.findings.isEmpty)
        #expect(report.notes.contains { $0.contains("customers") })
    }

    @Test("CUSTOMER_FIELD: business name; e-mail compares without case")
    func customerField() throws {
        var renamed = customer
        renamed["business_name"] = "Contoso Limited"
        let report = try drift(snapshot(customer: expectedCustomer), customers: [renamed])
        #expect(report.codes == [.customerField])
        let finding = try #require(report.findings.first)
        #expect(finding.field == "business_name" && finding.gate == .report && finding.severity == .info)
        #expect(finding.message == "business_name is Contoso Limited, Support Fusion expects Contoso Ltd")
    }

    @Test("CONTACT_FIELD: moved to another customer")
    func contactField() throws {
        var moved = contact
        moved["customer_id"] = 1
        let report = try drift(snapshot(contact: expectedContact), contacts: [moved])
        #expect(report.codes == [.contactField])
        #expect(report.findings.first?.field == "customer_id")
    }

    @Test("ASSET_FIELD: a serial keeps its leading zero")
    func assetField() throws {
        var changed = asset
        changed["asset_serial"] = "5CG1234"
        let report = try drift(snapshot(asset: expectedAsset), assets: [changed])
        #expect(report.codes == [.assetField])
        #expect(report.findings.first?.field == "asset_serial")
    }

    @Test("CUSTOMER_TAGS: organization tag sets differ")
    func customerTags() throws {
        var tagged = customer
        tagged["tag_list"] = ["Co-Managed", "Legacy"]
        let report = try drift(snapshot(customer: expectedCustomer), customers: [tagged])
        #expect(report.codes == [.customerTags])
        let finding = try #require(report.findings.first)
        #expect(finding.difference == ["missing": [], "extra": ["Legacy"]])

        var untagged = customer
        untagged["tag_list"] = nil
        #expect(try drift(snapshot(customer: expectedCustomer), customers: [untagged]).findings.isEmpty)
    }

    @Test("CONTACT_TAGS: only when the contact record carries tags")
    func contactTags() throws {
        var tagged = contact
        tagged["tag_list"] = ["former"]
        let report = try drift(snapshot(contact: expectedContact), contacts: [tagged])
        #expect(report.codes == [.contactTags])
    }
}
