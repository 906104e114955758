import Foundation
import RecordFormats

/// The JSON objects of a snapshot's parts, with keys in the order of the specification's example.
///
/// Absent optional values are written as null; unmanaged `expected` fields are left out, and sets are sorted so
/// the output is byte-stable.
enum SnapshotJSONEncoding {
    static func header(_ header: SnapshotHeader) -> [(String, JSONValue)] {
        [
            ("schema", .string(SchemaVersion.schemaName)),
            ("schema_version", .string(header.schemaVersion.description)),
            ("snapshot_id", .string(header.snapshotID)),
            ("generated_at", .string(SnapshotTime.format(header.generatedAt))),
        ]
    }

    static func relationship(_ relationship: Relationship) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("relationship_id", .string(relationship.relationshipID))
        object.appendUnchecked("contract_name", string(relationship.contractName))
        object.appendUnchecked("syncro_subdomain", .string(relationship.syncroSubdomain))
        object.appendUnchecked("syncro_role", .string(relationship.syncroRole.rawValue))
        object.appendUnchecked("partner_platform", .string(relationship.partnerPlatform))
        object.appendUnchecked("integration_user_id", int(relationship.integrationUserID))
        object.appendUnchecked("bidirectional", .bool(relationship.bidirectional))
        object.appendUnchecked("sync_public_comments", .bool(relationship.syncPublicComments))
        object.appendUnchecked("sync_private_comments", .bool(relationship.syncPrivateComments))
        if let lastRun = relationship.lastRun {
            object.appendUnchecked(
                "last_run",
                [
                    "status": .string(lastRun.status.rawValue),
                    "finished_at": lastRun.finishedAt.map { .string(SnapshotTime.format($0)) } ?? .null,
                ])
        }
        return object
    }

    static func customer(_ customer: SnapshotCustomer) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("syncro_customer_id", .int(customer.syncroCustomerID))
        object.appendUnchecked("partner_id", string(customer.partnerID))
        object.appendUnchecked("business_name", string(customer.businessName))
        object.appendUnchecked("email", string(customer.email))
        if let tags = customer.tags { object.appendUnchecked("tags", strings(tags)) }
        return object
    }

    static func contact(_ contact: SnapshotContact) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("syncro_contact_id", .int(contact.syncroContactID))
        object.appendUnchecked("syncro_customer_id", int(contact.syncroCustomerID))
        object.appendUnchecked("partner_id", string(contact.partnerID))
        object.appendUnchecked("name", string(contact.name))
        object.appendUnchecked("email", string(contact.email))
        if let tags = contact.tags { object.appendUnchecked("tags", strings(tags)) }
        return object
    }

    static func asset(_ asset: SnapshotAsset) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("syncro_asset_id", .int(asset.syncroAssetID))
        object.appendUnchecked("syncro_customer_id", int(asset.syncroCustomerID))
        object.appendUnchecked("partner_id", string(asset.partnerID))
        object.appendUnchecked("name", string(asset.name))
        object.appendUnchecked("serial", string(asset.serial))
        object.appendUnchecked("asset_type", string(asset.assetType))
        return object
    }

    static func ticket(_ ticket: SnapshotTicket) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("partner_ticket_id", .string(ticket.partnerTicketID))
        object.appendUnchecked("syncro_ticket_id", int(ticket.syncroTicketID))
        object.appendUnchecked("syncro_ticket_number", int(ticket.syncroTicketNumber))
        object.appendUnchecked("syncro_customer_id", int(ticket.syncroCustomerID))
        object.appendUnchecked("last_synced_at", time(ticket.lastSyncedAt))
        object.appendUnchecked("syncro_updated_at", time(ticket.syncroUpdatedAt))
        object.appendUnchecked("expected", .object(values(ticket.expected)))
        if let current = ticket.partnerCurrent { object.appendUnchecked("partner_current", .object(values(current))) }
        object.appendUnchecked("comments", .array(ticket.comments.map { .object(comment($0)) }))
        return object
    }

    static func values(_ values: TicketValues) -> JSONObject {
        var object = JSONObject()
        func add<Value>(_ key: String, _ field: Managed<Value>, _ encode: (Value) -> JSONValue) {
            switch field {
            case .unmanaged: break
            case .null: object.appendUnchecked(key, .null)
            case .value(let value): object.appendUnchecked(key, encode(value))
            }
        }
        add("subject", values.subject, JSONValue.string)
        add("status", values.status, JSONValue.string)
        add("priority", values.priority, JSONValue.string)
        add("problem_type", values.problemType, JSONValue.string)
        add("contact_id", values.contactID, JSONValue.int)
        add("user_id", values.userID, JSONValue.int)
        add("due_date", values.dueDate, JSONValue.string)
        add("customer_id", values.customerID, JSONValue.int)
        add("asset_ids", values.assetIDs) { .array($0.sorted().map(JSONValue.int)) }
        add("tags", values.tags, strings)
        add("properties", values.properties) { properties in
            .object(JSONObject(properties.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
        }
        return object
    }

    static func comment(_ comment: SnapshotComment) -> JSONObject {
        var object = JSONObject()
        object.appendUnchecked("partner_comment_id", .string(comment.partnerCommentID))
        object.appendUnchecked("syncro_comment_id", int(comment.syncroCommentID))
        object.appendUnchecked("hidden", .bool(comment.hidden))
        object.appendUnchecked("subject", string(comment.subject))
        if let body = comment.body { object.appendUnchecked("body", .string(body)) }
        object.appendUnchecked("body_sha256", string(comment.bodySHA256 ?? comment.body.map(BodyHash.sha256)))
        object.appendUnchecked("created_at", time(comment.createdAt))
        object.appendUnchecked("author", string(comment.author))
        return object
    }

    private static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    private static func time(_ value: Date?) -> JSONValue { value.map { .string(SnapshotTime.format($0)) } ?? .null }
    private static func strings(_ values: Set<String>) -> JSONValue { .array(values.sorted().map(JSONValue.string)) }
}
