import RecordFormats
import Snapshot

extension DriftEngine {
    /// `CUSTOMER_MISSING`, `CUSTOMER_FIELD` (business name, e-mail) and `CUSTOMER_TAGS` for one linked customer.
    ///
    /// A field the snapshot leaves out (nil) is not compared; organization tags are compared only when Syncro
    /// shows tags for the customer.
    package func findings(for customer: SnapshotCustomer) -> [DriftFinding] {
        guard syncro.entities.contains(.customers) else { return [] }
        let id = customer.syncroCustomerID
        guard let record = syncro.customers[id] else {
            guard !syncro.isPartial else { return [] }
            return [
                DriftFinding(
                    code: .customerMissing, syncroID: id, partnerID: customer.partnerID,
                    message: "linked customer \(id)\(Self.named(customer.businessName)) is not in Syncro")
            ]
        }
        var findings = fieldFindings(
            .customerField, kind: "customer", id: id, partnerID: customer.partnerID, record: record,
            fields: [("business_name", customer.businessName.map(JSONValue.string)), ("email", text(customer.email))])
        if let tags = customer.tags, let current = syncro.customerTags(id) {
            findings += tagSetFinding(
                .customerTags, kind: "customer", id: id, partnerID: customer.partnerID, expected: tags,
                current: current, what: "organization tags")
        }
        return findings
    }

    /// `CONTACT_MISSING`, `CONTACT_FIELD` (customer, name, e-mail) and `CONTACT_TAGS` for one linked contact.
    ///
    /// Syncro's API shows no end-user tags, so `CONTACT_TAGS` appears only for a contact record that carries a
    /// `tag_list`; without one, the contact's tags are simply not compared.
    package func findings(for contact: SnapshotContact) -> [DriftFinding] {
        guard syncro.entities.contains(.contacts) else { return [] }
        let id = contact.syncroContactID
        guard let record = syncro.contacts[id] else {
            guard !syncro.isPartial else { return [] }
            return [
                DriftFinding(
                    code: .contactMissing, syncroID: id, partnerID: contact.partnerID,
                    message: "linked contact \(id)\(Self.named(contact.name)) is not in Syncro")
            ]
        }
        var findings = fieldFindings(
            .contactField, kind: "contact", id: id, partnerID: contact.partnerID, record: record,
            fields: [
                ("customer_id", contact.syncroCustomerID.map(JSONValue.int)), ("name", text(contact.name)),
                ("email", text(contact.email)),
            ])
        if let tags = contact.tags, let current = syncro.contactTags(id) {
            findings += tagSetFinding(
                .contactTags, kind: "contact", id: id, partnerID: contact.partnerID, expected: tags, current: current,
                what: "end-user tags")
        }
        return findings
    }

    /// `ASSET_MISSING` and `ASSET_FIELD` (customer, name, serial, type) for one linked asset.
    package func findings(for asset: SnapshotAsset) -> [DriftFinding] {
        guard syncro.entities.contains(.assets) else { return [] }
        let id = asset.syncroAssetID
        guard let record = syncro.assets[id] else {
            guard !syncro.isPartial else { return [] }
            return [
                DriftFinding(
                    code: .assetMissing, syncroID: id, partnerID: asset.partnerID,
                    message: "linked asset \(id)\(Self.named(asset.name)) is not in Syncro")
            ]
        }
        return fieldFindings(
            .assetField, kind: "asset", id: id, partnerID: asset.partnerID, record: record,
            fields: [
                ("customer_id", asset.syncroCustomerID.map(JSONValue.int)), ("name", text(asset.name)),
                ("asset_serial", text(asset.serial)), ("asset_type", text(asset.assetType)),
            ])
    }

    // MARK: - Shared

    private func text(_ value: String?) -> JSONValue? { value.map(JSONValue.string) }

    /// One finding of `code` per listed field whose expected value (when not nil) differs from the record's.
    private func fieldFindings(
        _ code: DriftCode, kind: String, id: Int, partnerID: String?, record: JSONObject,
        fields: [(String, JSONValue?)]
    ) -> [DriftFinding] {
        fields.compactMap { name, expected in
            guard let expected else { return nil }
            let current = record[name] ?? .null
            guard !options.rules.equal(expected, current, field: name, in: kind) else { return nil }
            return DriftFinding(
                code: code, syncroID: id, partnerID: partnerID, field: name, expected: expected, current: current,
                message: "\(name) is \(current.displayText), Support Fusion expects \(expected.displayText)")
        }
    }

    /// One finding of `code` when the expected and current tag sets differ.
    private func tagSetFinding(
        _ code: DriftCode, kind: String, id: Int, partnerID: String?, expected: Set<String>, current: JSONValue,
        what: String
    ) -> [DriftFinding] {
        let expectedTags = expected.sorted()
        let currentTags = FieldComparison.elementTexts(current)
        let difference = TagDifference(
            expected: expectedTags, current: currentTags, options: tagOptions(field: "tag_list", in: kind))
        guard !difference.isEmpty else { return [] }
        var parts: [String] = []
        if !difference.missing.isEmpty { parts.append("missing \(difference.missing.joined(separator: ", "))") }
        if !difference.extra.isEmpty { parts.append("not expected \(difference.extra.joined(separator: ", "))") }
        return [
            DriftFinding(
                code: code, syncroID: id, partnerID: partnerID, field: "tag_list",
                expected: .array(expectedTags.map(JSONValue.string)),
                current: .array(currentTags.map(JSONValue.string)),
                difference: [
                    "missing": .array(difference.missing.map(JSONValue.string)),
                    "extra": .array(difference.extra.map(JSONValue.string)),
                ],
                message: "\(what) differ: \(parts.joined(separator: "; "))")
        ]
    }

    /// ` (Contoso Ltd)` for messages, empty when there is no name.
    static func named(_ name: String?) -> String {
        name.map { " (\($0))" } ?? ""
    }
}
