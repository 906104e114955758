import RecordFormats
import Snapshot

extension DriftEngine {
    /// One managed ticket field: its Syncro name, the expected value and the partner's current value (nil when
    /// not managed or not known).
    private struct ManagedField {
        var name: String
        var expected: JSONValue?
        var partner: JSONValue?
    }

    /// Every finding about one snapshot ticket: existence, managed fields, tags, assets and comments.
    package func findings(for ticket: SnapshotTicket) -> [DriftFinding] {
        guard let syncroID = ticket.syncroTicketID else {
            return [notCreated(ticket)]
        }
        guard syncro.entities.contains(.tickets) else { return [] }
        guard let record = syncro.tickets[syncroID] else {
            guard !syncro.isPartial else { return [] }
            return [
                DriftFinding(
                    code: .ticketMissing, syncroID: syncroID, partnerID: ticket.partnerTicketID,
                    message: "linked Syncro ticket \(syncroID) is not in Syncro")
            ]
        }
        var findings = fieldFindings(ticket, syncroID: syncroID, record: record)
        findings += tagFindings(ticket, syncroID: syncroID, record: record)
        findings += assetFindings(ticket, syncroID: syncroID, record: record)
        findings += commentFindings(ticket, syncroID: syncroID)
        return findings
    }

    /// `TICKET_NOT_CREATED` for a snapshot ticket without a Syncro id.
    ///
    /// When a Syncro ticket's first comment carries the reference marker of this partner ticket, `apply` already
    /// created it and only Support Fusion's link is missing: the finding stays, to be seen, but as `report`, so no
    /// plan creates the ticket a second time.
    private func notCreated(_ ticket: SnapshotTicket) -> DriftFinding {
        let subject = ticket.expected.subject.value.map { " (\($0))" } ?? ""
        let expected = ticket.expected.subject.value.map(JSONValue.string) ?? .null
        let partner = ticket.partnerTicketID
        if let created = syncro.createdTicket(partnerTicketID: partner) {
            return DriftFinding(
                code: .ticketNotCreated, syncroID: created, partnerID: partner, expected: expected, gate: .report,
                message: "partner ticket \(partner)\(subject) was created in Syncro as ticket \(created) by "
                    + "syncro-fusion; Support Fusion has not linked it yet")
        }
        return DriftFinding(
            code: .ticketNotCreated, partnerID: partner, expected: expected,
            message: "partner ticket \(partner)\(subject) has no Syncro ticket yet")
    }

    // MARK: - Fields

    /// `TICKET_FIELD`, `TICKET_FIELD_CLEARED` and `TICKET_CONFLICT` for each managed field that differs.
    ///
    /// Three-way (`expected` E, Syncro S, partner P): S = E is no drift. S ≠ E with a known P where P ≠ E and
    /// S ≠ P is a conflict. Otherwise E null is `TICKET_FIELD_CLEARED`, and anything else `TICKET_FIELD`, whose
    /// gate is `review` for a customer move, for a closing status, and when the partner already holds Syncro's
    /// value (writing E back would undo a change made on both sides), else `auto`.
    private func fieldFindings(_ ticket: SnapshotTicket, syncroID: Int, record: JSONObject) -> [DriftFinding] {
        var findings: [DriftFinding] = []
        let properties = record["properties"]?.objectValue ?? JSONObject()
        for field in managedFields(ticket) {
            guard let expected = field.expected else { continue }
            let current: JSONValue
            if field.name.hasPrefix("properties.") {
                current = properties[String(field.name.dropFirst("properties.".count))] ?? .null
            } else {
                current = record[field.name] ?? .null
            }
            let rules = options.rules
            // Identical values are equal under every field kind; most fields are, and the kind's comparison
            // (Unicode normalisation, trimming) is what a large diff spends its time on otherwise.
            guard expected != current, !rules.equal(expected, current, field: field.name, in: "ticket") else {
                continue
            }
            let kind = rules.kind(of: field.name, in: "ticket")
            if let partner = field.partner, !rules.equal(partner, expected, field: field.name, in: "ticket"),
                !rules.equal(partner, current, field: field.name, in: "ticket")
            {
                findings.append(
                    DriftFinding(
                        code: .ticketConflict, syncroID: syncroID, partnerID: ticket.partnerTicketID,
                        field: field.name, expected: expected, current: current, partnerCurrent: partner,
                        message: "\(field.name) is \(current.displayText) in Syncro and \(partner.displayText) at "
                            + "the partner, Support Fusion expects \(expected.displayText)"))
            } else if FieldComparison.isNull(expected, as: kind) {
                findings.append(
                    DriftFinding(
                        code: .ticketFieldCleared, syncroID: syncroID, partnerID: ticket.partnerTicketID,
                        field: field.name, expected: expected, current: current, partnerCurrent: field.partner ?? .null,
                        message: "\(field.name) is \(current.displayText), Support Fusion expects it empty"))
            } else {
                let partnerAgrees = field.partner.map { rules.equal($0, current, field: field.name, in: "ticket") }
                let gate = ticketFieldGate(
                    field.name, expected: expected, current: current, partnerHasCurrent: partnerAgrees ?? false)
                let note = partnerAgrees == true ? " (the partner has \(current.displayText) too)" : ""
                findings.append(
                    DriftFinding(
                        code: .ticketField, syncroID: syncroID, partnerID: ticket.partnerTicketID, field: field.name,
                        expected: expected, current: current, partnerCurrent: field.partner ?? .null, gate: gate,
                        message: "\(field.name) is \(current.displayText), Support Fusion expects "
                            + "\(expected.displayText)\(note)"))
            }
        }
        return findings
    }

    /// `review` for a customer move, a status that closes the ticket or reopens a closed one (both end or restart
    /// SLA timers and automations, and may email the customer), or a value the partner already shares with
    /// Syncro; else `auto`.
    private func ticketFieldGate(_ field: String, expected: JSONValue, current: JSONValue, partnerHasCurrent: Bool)
        -> Gate
    {
        if field == "customer_id" || partnerHasCurrent { return .review }
        if field == "status" {
            let folding = TextOptions.caseInsensitive
            let closing = Set(options.closingStatuses.map { FieldComparison.normalize($0, folding) })
            for status in [expected.stringValue, current.stringValue].compactMap({ $0 })
            where closing.contains(FieldComparison.normalize(status, folding)) {
                return .review
            }
        }
        return .auto
    }

    /// The managed fields of a ticket in Syncro's names, custom fields last (sorted by name).
    private func managedFields(_ ticket: SnapshotTicket) -> [ManagedField] {
        let expected = ticket.expected
        let partner = ticket.partnerCurrent
        func text(_ value: Managed<String>?) -> JSONValue? { json(value) { .string($0) } }
        func integer(_ value: Managed<Int>?) -> JSONValue? { json(value) { .int($0) } }
        var fields = [
            ManagedField(name: "subject", expected: text(expected.subject), partner: text(partner?.subject)),
            ManagedField(name: "status", expected: text(expected.status), partner: text(partner?.status)),
            ManagedField(name: "priority", expected: text(expected.priority), partner: text(partner?.priority)),
            ManagedField(
                name: "problem_type", expected: text(expected.problemType), partner: text(partner?.problemType)),
            ManagedField(
                name: "contact_id", expected: integer(expected.contactID), partner: integer(partner?.contactID)),
            ManagedField(name: "user_id", expected: integer(expected.userID), partner: integer(partner?.userID)),
            ManagedField(name: "due_date", expected: text(expected.dueDate), partner: text(partner?.dueDate)),
            ManagedField(
                name: "customer_id", expected: integer(expected.customerID), partner: integer(partner?.customerID)),
        ]
        if case .value(let properties) = expected.properties {
            let partnerProperties = partner?.properties.value
            for name in properties.keys.sorted() {
                fields.append(
                    ManagedField(
                        name: "properties.\(name)", expected: properties[name].map(JSONValue.string),
                        partner: partnerProperties?[name].map(JSONValue.string)))
            }
        }
        return fields
    }

    private func json<Value>(_ managed: Managed<Value>?, _ transform: (Value) -> JSONValue) -> JSONValue? {
        switch managed {
        case nil, .unmanaged?: nil
        case .null?: .null
        case .value(let value)?: transform(value)
        }
    }

    // MARK: - Tags and assets

    /// `TICKET_TAGS_MISSING` and `TICKET_TAGS_EXTRA`, compared as sets of case-insensitive names.
    private func tagFindings(_ ticket: SnapshotTicket, syncroID: Int, record: JSONObject) -> [DriftFinding] {
        let expectedTags: [String]
        switch ticket.expected.tags {
        case .unmanaged: return []
        case .null: expectedTags = []
        case .value(let tags): expectedTags = tags.sorted()
        }
        let currentTags = FieldComparison.elementTexts(record["tag_list"])
        // The same names in the same order differ under no folding: skip the normalising set comparison.
        guard expectedTags != currentTags else { return [] }
        let difference = TagDifference(
            expected: expectedTags, current: currentTags, options: tagOptions(field: "tag_list", in: "ticket"))
        let expected = JSONValue.array(expectedTags.map(JSONValue.string))
        let current = JSONValue.array(currentTags.map(JSONValue.string))
        var findings: [DriftFinding] = []
        if !difference.missing.isEmpty {
            findings.append(
                DriftFinding(
                    code: .ticketTagsMissing, syncroID: syncroID, partnerID: ticket.partnerTicketID, field: "tag_list",
                    expected: expected, current: current, difference: .array(difference.missing.map(JSONValue.string)),
                    message: "\(Self.plural("tag", difference.missing)) missing"))
        }
        if !difference.extra.isEmpty {
            findings.append(
                DriftFinding(
                    code: .ticketTagsExtra, syncroID: syncroID, partnerID: ticket.partnerTicketID, field: "tag_list",
                    expected: expected, current: current, difference: .array(difference.extra.map(JSONValue.string)),
                    message: "\(Self.plural("tag", difference.extra)) not expected"))
        }
        return findings
    }

    /// `TICKET_ASSETS_MISSING` for expected asset ids the ticket does not link (extra assets are not drift).
    ///
    /// Nothing when the ticket's links are unknown (an export without ticket details): its record's `asset_ids`
    /// is then absent, and taken as empty it would report every expected asset missing and plan their write.
    private func assetFindings(_ ticket: SnapshotTicket, syncroID: Int, record: JSONObject) -> [DriftFinding] {
        guard case .value(let expectedIDs) = ticket.expected.assetIDs, syncro.knowsAssetLinks(of: syncroID) else {
            return []
        }
        let current = FieldComparison.integerSet(record["asset_ids"])
        let missing = expectedIDs.subtracting(current).sorted()
        guard !missing.isEmpty else { return [] }
        return [
            DriftFinding(
                code: .ticketAssetsMissing, syncroID: syncroID, partnerID: ticket.partnerTicketID, field: "asset_ids",
                expected: .array(expectedIDs.sorted().map(JSONValue.int)),
                current: .array(current.sorted().map(JSONValue.int)), difference: .array(missing.map(JSONValue.int)),
                message: "\(Self.plural("asset", missing.map(String.init))) not linked")
        ]
    }

    /// The text options of a tag field: those of its `textSet` rule, else case-insensitive.
    func tagOptions(field: String, in recordKind: String) -> TextOptions {
        if case .textSet(let folding) = options.rules.kind(of: field, in: recordKind) { return folding }
        return .caseInsensitive
    }

    /// `tag a is` / `tags a, b are`, for messages.
    static func plural(_ noun: String, _ items: [String]) -> String {
        items.count == 1 ? "\(noun) \(items[0]) is" : "\(noun)s \(items.joined(separator: ", ")) are"
    }
}
