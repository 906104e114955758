import Foundation
import RecordFormats

/// Streams a snapshot into one XML document of the specification's shape with `XMLStreamWriter`.
///
/// Ids, enumerations, booleans and times are attributes; free text is elements. In `<expected>`, an empty element
/// (`<userId/>`) expects null, and an empty `<assetId/>`, `<tag/>` or `<property/>` marks a managed but empty
/// set. A value holding a character XML 1.0 cannot carry (a C0 control other than TAB, LF, CR) is refused.
final class XMLSnapshotEncoder: SnapshotEncoder {
    private let writer: XMLStreamWriter
    private var openSection: String?
    private var sectionsWritten: Set<String> = []
    private static let sections = ["customers", "contacts", "assets", "tickets"]

    init(path: String, header: SnapshotHeader, relationship: Relationship) throws {
        writer = try XMLStreamWriter(path: path)
        try writer.startElement("sfSnapshot")
        try writer.attribute("schema", SchemaVersion.schemaName)
        try writer.attribute("schemaVersion", header.schemaVersion.description)
        try writer.attribute("snapshotId", header.snapshotID)
        try writer.attribute("generatedAt", SnapshotTime.format(header.generatedAt))
        try writer.startElement("relationship")
        try writer.attribute("id", relationship.relationshipID)
        try writer.attribute("syncroSubdomain", relationship.syncroSubdomain)
        try writer.attribute("syncroRole", relationship.syncroRole.rawValue)
        try writer.attribute("partnerPlatform", relationship.partnerPlatform)
        try attribute("integrationUserId", relationship.integrationUserID)
        try writer.attribute("bidirectional", String(relationship.bidirectional))
        try writer.attribute("syncPublicComments", String(relationship.syncPublicComments))
        try writer.attribute("syncPrivateComments", String(relationship.syncPrivateComments))
        try element("contractName", relationship.contractName)
        if let lastRun = relationship.lastRun {
            try writer.startElement("lastRun")
            try writer.attribute("status", lastRun.status.rawValue)
            try attribute("finishedAt", lastRun.finishedAt)
            try writer.endElement()
        }
        try writer.endElement()
    }

    private func attribute(_ name: String, _ value: String?) throws {
        if let value { try writer.attribute(name, value) }
    }

    private func attribute(_ name: String, _ value: Int?) throws {
        if let value { try writer.attribute(name, String(value)) }
    }

    private func attribute(_ name: String, _ value: Date?) throws {
        if let value { try writer.attribute(name, SnapshotTime.format(value)) }
    }

    private func element(_ name: String, _ value: String?) throws {
        if let value { try writer.element(name, text: value) }
    }

    /// Closes the open section and opens `section` (and any skipped before it).
    private func enter(_ section: String) throws {
        guard openSection != section else { return }
        if openSection != nil { try writer.endElement() }
        openSection = nil
        for name in Self.sections where !sectionsWritten.contains(name) {
            sectionsWritten.insert(name)
            try writer.startElement(name)
            if name == section {
                openSection = name
                return
            }
            try writer.endElement()
        }
    }

    func write(_ customer: SnapshotCustomer) throws {
        try enter("customers")
        try writer.startElement("customer")
        try attribute("syncroId", customer.syncroCustomerID)
        try attribute("partnerId", customer.partnerID)
        try element("businessName", customer.businessName)
        try element("email", customer.email)
        try tags(customer.tags)
        try writer.endElement()
    }

    func write(_ contact: SnapshotContact) throws {
        try enter("contacts")
        try writer.startElement("contact")
        try attribute("syncroId", contact.syncroContactID)
        try attribute("customerId", contact.syncroCustomerID)
        try attribute("partnerId", contact.partnerID)
        try element("name", contact.name)
        try element("email", contact.email)
        try tags(contact.tags)
        try writer.endElement()
    }

    func write(_ asset: SnapshotAsset) throws {
        try enter("assets")
        try writer.startElement("asset")
        try attribute("syncroId", asset.syncroAssetID)
        try attribute("customerId", asset.syncroCustomerID)
        try attribute("partnerId", asset.partnerID)
        try element("name", asset.name)
        try element("serial", asset.serial)
        try element("assetType", asset.assetType)
        try writer.endElement()
    }

    /// `<tag>` elements; one empty `<tag/>` for a managed empty set.
    private func tags(_ tags: Set<String>?) throws {
        guard let tags else { return }
        if tags.isEmpty { try writer.element("tag", text: "") }
        for tag in tags.sorted() { try writer.element("tag", text: tag) }
    }

    func write(_ ticket: SnapshotTicket) throws {
        try enter("tickets")
        try writer.startElement("ticket")
        try attribute("partnerId", ticket.partnerTicketID)
        // A linking key is written even when null (v1.1): an empty attribute says "not linked yet".
        try writer.attribute("syncroId", ticket.syncroTicketID.map(String.init) ?? "")
        try attribute("number", ticket.syncroTicketNumber)
        try attribute("customerId", ticket.syncroCustomerID)
        try attribute("lastSyncedAt", ticket.lastSyncedAt)
        try attribute("syncroUpdatedAt", ticket.syncroUpdatedAt)
        try values("expected", ticket.expected)
        if let current = ticket.partnerCurrent { try values("partnerCurrent", current) }
        for comment in ticket.comments {
            try writer.startElement("comment")
            try attribute("partnerId", comment.partnerCommentID)
            try writer.attribute("syncroId", comment.syncroCommentID.map(String.init) ?? "")
            try writer.attribute("hidden", String(comment.hidden))
            try attribute("createdAt", comment.createdAt)
            try attribute("bodySha256", comment.bodySHA256 ?? comment.body.map(BodyHash.sha256))
            try element("subject", comment.subject)
            try element("author", comment.author)
            try element("body", comment.body)
            try writer.endElement()
        }
        try writer.endElement()
    }

    private func values(_ name: String, _ values: TicketValues) throws {
        try writer.startElement(name)
        func field<Value>(_ element: String, _ managed: Managed<Value>, _ text: (Value) -> String) throws {
            switch managed {
            case .unmanaged: break
            case .null: try writer.element(element, text: "")
            case .value(let value): try writer.element(element, text: text(value))
            }
        }
        try field("subject", values.subject) { $0 }
        try field("status", values.status) { $0 }
        try field("priority", values.priority) { $0 }
        try field("problemType", values.problemType) { $0 }
        try field("contactId", values.contactID) { String($0) }
        try field("userId", values.userID) { String($0) }
        try field("dueDate", values.dueDate) { $0 }
        try field("customerId", values.customerID) { String($0) }
        if values.assetIDs.isManaged {
            let ids = values.assetIDs.value ?? []
            if ids.isEmpty { try writer.element("assetId", text: "") }
            for id in ids.sorted() { try writer.element("assetId", text: String(id)) }
        }
        if values.tags.isManaged { try tags(values.tags.value ?? []) }
        if values.properties.isManaged {
            let properties = values.properties.value ?? [:]
            if properties.isEmpty { try writer.element("property", text: "") }
            for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
                try writer.startElement("property")
                try writer.attribute("name", key)
                if !value.isEmpty { try writer.text(value) }
                try writer.endElement()
            }
        }
        try writer.endElement()
    }

    func finish() throws {
        if openSection != nil { try writer.endElement() }
        openSection = nil
        for name in Self.sections where !sectionsWritten.contains(name) {
            sectionsWritten.insert(name)
            try writer.element(name, text: "")
        }
        try writer.finish()
    }

    func abandon() {
        writer.abandon()
    }
}
