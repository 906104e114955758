import Foundation

/// Turns raw records from any format into model values, checking types, required fields, enumerations, comment
/// bodies and the uniqueness of both keys of every entity.
///
/// Problems go to the shared `DiagnosticLog`; a record with an error is reported and not returned, so readers
/// never hand out half-valid records. Not `Sendable`: it lives inside one reader.
final class SnapshotRecordDecoder {
    /// What became of the header.
    enum HeaderOutcome {
        case valid(SnapshotHeader, Relationship)
        /// Reported; records are still checked but not returned.
        case invalid
        /// Reported; reading stops (wrong schema, unknown major version).
        case fatal
    }

    let log: DiagnosticLog
    var customerIDs = KeyIndex<Int>()
    var customerPartnerIDs = KeyIndex<String>()
    var contactIDs = KeyIndex<Int>()
    var contactPartnerIDs = KeyIndex<String>()
    var assetIDs = KeyIndex<Int>()
    var assetPartnerIDs = KeyIndex<String>()
    var ticketPartnerIDs = KeyIndex<String>()
    var ticketSyncroIDs = KeyIndex<Int>()
    var commentPartnerIDs = KeyIndex<String>()
    var commentSyncroIDs = KeyIndex<Int>()

    init(log: DiagnosticLog) {
        self.log = log
    }

    // MARK: Header

    /// Checks the schema name and version first (fatal when wrong), then the header and relationship fields.
    func header(_ raw: RawRecord, relationship: RawRecord?) -> HeaderOutcome {
        let fields = FieldReader(record: raw, label: .fixed("header"), log: log)
        let before = log.errorCount
        guard let schema = fields.string("schema", required: true) else { return .fatal }
        guard schema == SchemaVersion.schemaName else {
            log.error(
                DiagnosticCode.schema,
                "'\(raw.spell("schema"))' is '\(schema)', not '\(SchemaVersion.schemaName)'; "
                    + "this file is not a Support Fusion snapshot",
                at: raw["schema"]?.location ?? raw.location)
            return .fatal
        }
        guard let versionText = fields.string("schema_version", required: true) else { return .fatal }
        let location = raw["schema_version"]?.location ?? raw.location
        guard let version = SchemaVersion(versionText) else {
            log.error(
                DiagnosticCode.schemaVersion,
                "'\(raw.spell("schema_version"))' is '\(versionText)', not MAJOR.MINOR; write it like "
                    + "\(SchemaVersion.current)",
                at: location)
            return .fatal
        }
        guard version.isReadable else {
            log.error(
                DiagnosticCode.unsupportedMajor,
                "the snapshot is schema version \(version), but this build reads major version "
                    + "\(SchemaVersion.current.major) only; use a syncro-fusion release that reads version \(version)",
                at: location)
            return .fatal
        }
        if version > SchemaVersion.current {
            log.warning(
                DiagnosticCode.newerMinor,
                "the snapshot is schema version \(version), newer than \(SchemaVersion.current); "
                    + "fields added since are ignored",
                at: location)
        }
        let snapshotID = fields.string("snapshot_id", required: true)
        let generatedAt = fields.time("generated_at", required: true)
        guard let relationship else {
            log.error(
                DiagnosticCode.missingField,
                "the snapshot has no '\(raw.spell("relationship"))'; add the relationship it describes",
                at: raw.location)
            return .invalid
        }
        let decoded = self.relationship(relationship)
        guard let snapshotID, let generatedAt, let decoded, log.errorCount == before else { return .invalid }
        return .valid(
            SnapshotHeader(schemaVersion: version, snapshotID: snapshotID, generatedAt: generatedAt), decoded)
    }

    private func relationship(_ raw: RawRecord) -> Relationship? {
        let fields = FieldReader(record: raw, label: .fixed("relationship"), log: log)
        let id = fields.string("relationship_id", required: true)
        let contractName = fields.string("contract_name")
        let subdomain = fields.string("syncro_subdomain", required: true)
        let roleText = fields.string("syncro_role", required: true)
        let platform = fields.string("partner_platform", required: true)
        let integrationUserID = fields.int("integration_user_id")
        let bidirectional = fields.bool("bidirectional", required: true)
        let syncPublic = fields.bool("sync_public_comments", required: true)
        let syncPrivate = fields.bool("sync_private_comments", required: true)
        var role: Relationship.Role?
        if let roleText {
            role = Relationship.Role(rawValue: roleText)
            if role == nil {
                log.error(
                    DiagnosticCode.invalidEnum,
                    "'\(raw.spell("syncro_role"))' is '\(roleText)'; use source or target",
                    at: raw["syncro_role"]?.location ?? raw.location, record: "relationship")
            }
        }
        let lastRun = self.lastRun(raw, fields)
        guard let id, let subdomain, let role, let platform, let bidirectional, let syncPublic, let syncPrivate
        else { return nil }
        return Relationship(
            relationshipID: id, contractName: contractName, syncroSubdomain: subdomain, syncroRole: role,
            partnerPlatform: platform, integrationUserID: integrationUserID, bidirectional: bidirectional,
            syncPublicComments: syncPublic, syncPrivateComments: syncPrivate, lastRun: lastRun)
    }

    /// `last_run` (v1.1, optional): an object `{status, finished_at}` in JSON and XML, the columns
    /// `last_run_status` and `last_run_finished_at` in CSV. Reported problems leave it nil.
    private func lastRun(_ raw: RawRecord, _ relationship: FieldReader) -> LastRun? {
        let record: RawRecord
        let statusName: String
        let finishedName: String
        if let nested = relationship.record("last_run") {
            (record, statusName, finishedName) = (nested, "status", "finished_at")
        } else if relationship.contains("last_run_status") || relationship.contains("last_run_finished_at") {
            (record, statusName, finishedName) = (raw, "last_run_status", "last_run_finished_at")
        } else {
            return nil
        }
        let fields = FieldReader(record: record, label: .fixed("relationship"), log: log)
        let finishedAt = fields.time(finishedName)
        guard let text = fields.string(statusName, required: true) else { return nil }
        guard let status = LastRun.Status(rawValue: text) else {
            log.error(
                DiagnosticCode.invalidEnum,
                "'\(record.spell(statusName))' of the last run is '\(text)'; use succeeded, failed or running",
                at: record[statusName]?.location ?? record.location, record: "relationship")
            return nil
        }
        return LastRun(status: status, finishedAt: finishedAt)
    }

    // MARK: Master records

    func customer(_ raw: RawRecord) -> SnapshotCustomer? {
        let label = RecordLabel.keyed("customer", raw, "syncro_customer_id")
        let fields = FieldReader(record: raw, label: label, log: log)
        let before = log.errorCount
        let id = fields.int("syncro_customer_id", required: true)
        let partnerID = fields.string("partner_id")
        let record = SnapshotCustomer(
            syncroCustomerID: id ?? 0, partnerID: partnerID, businessName: fields.string("business_name"),
            email: fields.string("email"), tags: fields.stringSet("tags"))
        unique(id, in: &customerIDs, raw, "syncro_customer_id", entity: "customer", label: label)
        unique(partnerID, in: &customerPartnerIDs, raw, "partner_id", entity: "customer", label: label)
        return log.errorCount == before ? record : nil
    }

    func contact(_ raw: RawRecord) -> SnapshotContact? {
        let label = RecordLabel.keyed("contact", raw, "syncro_contact_id")
        let fields = FieldReader(record: raw, label: label, log: log)
        let before = log.errorCount
        let id = fields.int("syncro_contact_id", required: true)
        let partnerID = fields.string("partner_id")
        let record = SnapshotContact(
            syncroContactID: id ?? 0, syncroCustomerID: fields.int("syncro_customer_id"), partnerID: partnerID,
            name: fields.string("name"), email: fields.string("email"), tags: fields.stringSet("tags"))
        unique(id, in: &contactIDs, raw, "syncro_contact_id", entity: "contact", label: label)
        unique(partnerID, in: &contactPartnerIDs, raw, "partner_id", entity: "contact", label: label)
        return log.errorCount == before ? record : nil
    }

    func asset(_ raw: RawRecord) -> SnapshotAsset? {
        let label = RecordLabel.keyed("asset", raw, "syncro_asset_id")
        let fields = FieldReader(record: raw, label: label, log: log)
        let before = log.errorCount
        let id = fields.int("syncro_asset_id", required: true)
        let partnerID = fields.string("partner_id")
        let record = SnapshotAsset(
            syncroAssetID: id ?? 0, syncroCustomerID: fields.int("syncro_customer_id"), partnerID: partnerID,
            name: fields.string("name"), serial: fields.string("serial"), assetType: fields.string("asset_type"))
        unique(id, in: &assetIDs, raw, "syncro_asset_id", entity: "asset", label: label)
        unique(partnerID, in: &assetPartnerIDs, raw, "partner_id", entity: "asset", label: label)
        return log.errorCount == before ? record : nil
    }

    // MARK: Tickets

    /// The members of a ticket and of a comment (canonical names), against which an absent linking key's probable
    /// misspelling is looked for.
    static let ticketFields: Set<String> = [
        "partner_ticket_id", "syncro_ticket_id", "syncro_ticket_number", "syncro_customer_id", "last_synced_at",
        "syncro_updated_at", "expected", "partner_current", "comments",
    ]
    static let commentFields: Set<String> = [
        "partner_comment_id", "syncro_comment_id", "hidden", "subject", "body", "body_sha256", "created_at", "author",
    ]

    func ticket(_ raw: RawRecord) -> SnapshotTicket? {
        let label = RecordLabel.keyed("ticket", raw, "partner_ticket_id")
        let fields = FieldReader(record: raw, label: label, log: log)
        let before = log.errorCount
        let partnerID = fields.string("partner_ticket_id", required: true)
        let syncroID = fields.linkingKey("syncro_ticket_id", known: Self.ticketFields, entity: "ticket")
        var ticket = SnapshotTicket(
            partnerTicketID: partnerID ?? "", syncroTicketID: syncroID,
            syncroTicketNumber: fields.int("syncro_ticket_number"), syncroCustomerID: fields.int("syncro_customer_id"),
            lastSyncedAt: fields.time("last_synced_at"), syncroUpdatedAt: fields.time("syncro_updated_at"))
        unique(partnerID, in: &ticketPartnerIDs, raw, "partner_ticket_id", entity: "ticket", label: label)
        unique(syncroID, in: &ticketSyncroIDs, raw, "syncro_ticket_id", entity: "ticket", label: label)
        if let expected = fields.record("expected") { ticket.expected = values(expected, label: label) }
        if let current = fields.record("partner_current") { ticket.partnerCurrent = values(current, label: label) }
        for element in fields.list("comments") ?? [] {
            guard case .record(let comment) = element else {
                log.error(
                    DiagnosticCode.type, "each comment must be an object; write its fields inside {}",
                    at: raw["comments"]?.location ?? raw.location, record: label.text)
                continue
            }
            if let decoded = self.comment(comment, ticket: partnerID ?? "?") { ticket.comments.append(decoded) }
        }
        return log.errorCount == before ? ticket : nil
    }

    private func values(_ raw: RawRecord, label: RecordLabel) -> TicketValues {
        let fields = FieldReader(record: raw, label: label, log: log)
        var values = TicketValues()
        values.subject = fields.managedString("subject")
        values.status = fields.managedString("status")
        values.priority = fields.managedString("priority")
        values.problemType = fields.managedString("problem_type")
        values.contactID = fields.managedInt("contact_id")
        values.userID = fields.managedInt("user_id")
        values.dueDate = fields.managedDate("due_date")
        values.customerID = fields.managedInt("customer_id")
        // A null set expects no values: the same as an empty set, which is all CSV and XML can say.
        if fields.contains("asset_ids") { values.assetIDs = .value(fields.intSet("asset_ids") ?? []) }
        if fields.contains("tags") { values.tags = .value(fields.stringSet("tags") ?? []) }
        if let properties = raw["properties"] {
            switch properties.value {
            case .null:
                values.properties = .value([:])
            case .record(let map):
                var result: [String: String] = [:]
                for (name, entry) in map.entries {
                    switch entry.value {
                    case .string(let text), .text(let text): result[name] = text
                    default:
                        log.error(
                            DiagnosticCode.type,
                            "the property '\(name)' must be text but is \(entry.value.kindName); quote the value",
                            at: entry.location, record: label.text)
                    }
                }
                values.properties = .value(result)
            default:
                log.error(
                    DiagnosticCode.type,
                    "'\(properties.spelling)' must be an object of names to text but is "
                        + "\(properties.value.kindName); write it like {\"Partner Ticket\": \"88412\"}",
                    at: properties.location, record: label.text)
            }
        }
        return values
    }

    private func comment(_ raw: RawRecord, ticket: String) -> SnapshotComment? {
        let partnerID = FieldReader(record: raw, label: .none, log: log).string("partner_comment_id")
        let label = RecordLabel.comment(partnerID: partnerID, ticket: ticket)
        let fields = FieldReader(record: raw, label: label, log: log)
        let before = log.errorCount
        if partnerID == nil { _ = fields.string("partner_comment_id", required: true) }
        let syncroID = fields.linkingKey("syncro_comment_id", known: Self.commentFields, entity: "comment")
        let hidden = fields.bool("hidden", required: true)
        let body = fields.string("body")
        var hash = fields.string("body_sha256")
        let hashLocation = raw["body_sha256"]?.location ?? raw.location
        if let given = hash, !BodyHash.isWellFormed(given) {
            log.error(
                DiagnosticCode.bodyHashFormat,
                "'\(raw.spell("body_sha256"))' is '\(given)', not 64 lower-case hexadecimal digits; "
                    + "write the SHA-256 of the normalised body in lower case",
                at: hashLocation, record: label.text)
            hash = nil
        } else if let given = hash, let body, given != BodyHash.sha256(body) {
            log.error(
                DiagnosticCode.bodyHashMismatch,
                "'\(raw.spell("body_sha256"))' is not the SHA-256 of the normalised body; "
                    + "recompute it or remove it so the reader computes it",
                at: hashLocation, record: label.text)
        } else if hash == nil, let body {
            hash = BodyHash.sha256(body)
        } else if hash == nil, body == nil {
            log.error(
                DiagnosticCode.commentWithoutBody,
                "the comment has neither '\(raw.spell("body"))' nor '\(raw.spell("body_sha256"))'; add one of them",
                at: raw.location, record: label.text)
        }
        unique(partnerID, in: &commentPartnerIDs, raw, "partner_comment_id", entity: "comment", label: label)
        unique(syncroID, in: &commentSyncroIDs, raw, "syncro_comment_id", entity: "comment", label: label)
        guard log.errorCount == before, let partnerID, let hidden else { return nil }
        return SnapshotComment(
            partnerCommentID: partnerID, syncroCommentID: syncroID, hidden: hidden, subject: fields.string("subject"),
            body: body, bodySHA256: hash, createdAt: fields.time("created_at"), author: fields.string("author"))
    }

    // MARK: Keys

    /// Sizes the ticket and comment key indexes for the keys to come, once `share` (between 0 and 1) of the
    /// snapshot's tickets has been read: each holds about its count ÷ `share` then, with 5 % to spare. A
    /// million-ticket snapshot's indexes otherwise grow by half a dozen times each, and growing (moving every key,
    /// touching fresh memory) was an eighth of the reading time, with the old and the new table both alive at the
    /// peak. An estimate too low only leaves some growing to do; one too high (a file whose first tickets are
    /// smaller than the rest) costs memory, at most in proportion. The other indexes are left to grow: their
    /// records come before the tickets, and are all read by then.
    func reserveTicketAndCommentKeys(readShare share: Double) {
        guard share > 0, share < 1 else { return }
        reserveTicketKeys(readShare: share)
        commentPartnerIDs.reserveCapacity(Self.expected(commentPartnerIDs.count, share))
        commentSyncroIDs.reserveCapacity(Self.expected(commentSyncroIDs.count, share))
    }

    /// Sizes the ticket key indexes, once `share` of the tickets have been read (see
    /// `reserveTicketAndCommentKeys(readShare:)`).
    func reserveTicketKeys(readShare share: Double) {
        guard share > 0, share < 1 else { return }
        ticketPartnerIDs.reserveCapacity(Self.expected(ticketPartnerIDs.count, share))
        ticketSyncroIDs.reserveCapacity(Self.expected(ticketSyncroIDs.count, share))
    }

    /// Sizes the comment key indexes for `count` more comments (a CSV snapshot's, counted when `comments.csv` was
    /// indexed).
    func reserveCommentKeys(_ count: Int) {
        commentPartnerIDs.reserveCapacity(commentPartnerIDs.count + count)
        commentSyncroIDs.reserveCapacity(commentSyncroIDs.count + count)
    }

    /// `count` keys read in `share` of the file, extended to the whole file with 5 % to spare.
    private static func expected(_ count: Int, _ share: Double) -> Int {
        Int((Double(count) / share * 1.05).rounded(.up))
    }

    private func unique<Key: Hashable & CustomStringConvertible>(
        _ key: Key?, in index: inout KeyIndex<Key>, _ raw: RawRecord, _ field: String, entity: String,
        label: RecordLabel
    ) {
        guard let key else { return }
        let location = raw[field]?.location ?? raw.location
        guard let first = index.insert(key, at: location) else { return }
        let shown = key is String ? "'\(key)'" : "\(key)"
        log.error(
            DiagnosticCode.duplicateKey,
            "\(raw.spell(field)) \(shown) is also used by the \(entity) at \(first); "
                + "keys must be unique, so remove or correct one of the two",
            at: location, record: label.text, related: first)
    }
}
