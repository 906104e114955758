import RecordFormats
import Snapshot

extension PlanBuilder {
    /// What becomes of one finding: an operation, or a report-only finding with the reason it was not planned.
    enum Decision {
        case operation(PlanOperation)
        case reportOnly(String)
    }

    /// The write that corrects `finding`, by its code and gate; nil for a finding that never writes (gate
    /// `report`, or a code with no corrective write). `relationship` decides the echo risk of a restored comment,
    /// `duplicates` where a creation may already exist.
    func decide(
        _ finding: DriftFinding, ticket: SnapshotTicket, context: Context, relationship: Relationship? = nil,
        duplicates: PossibleDuplicates? = nil
    ) -> Decision? {
        switch (finding.code, finding.gate) {
        case (.ticketField, .auto), (.ticketField, .review):
            if finding.field == "status", let current = finding.current.stringValue,
                Precondition.isCustomerReply(current)
            {
                return .reportOnly("not planned: \(Precondition.customerReplyReason)")
            }
            return fieldUpdate(finding, context: context).map(Decision.operation)
        case (.ticketTagsMissing, .auto), (.ticketTagsMissing, .review):
            return tagsUpdate(finding, context: context).map(Decision.operation)
        case (.ticketAssetsMissing, .auto), (.ticketAssetsMissing, .review):
            return assetsUpdate(finding, context: context).map(Decision.operation)
        case (.commentMissing, .optIn):
            guard allowed.contains(.addComments) else {
                return .reportOnly("not planned: add --allow add-comments to post it")
            }
            return commentPost(finding, ticket: ticket, context: context, relationship: relationship)
        case (.ticketNotCreated, .optIn):
            guard allowed.contains(.createTickets) else {
                return .reportOnly("not planned: add --allow create-tickets to create it")
            }
            return ticketCreation(finding, ticket: ticket, context: context, duplicates: duplicates)
        default:
            return nil
        }
    }

    // MARK: - Ticket updates

    /// `TICKET_FIELD`: `PUT /tickets/{id}` with only the field, set to the expected value. A custom field goes
    /// inside `properties` (Syncro merges `properties`, so the other custom fields keep their values).
    private func fieldUpdate(_ finding: DriftFinding, context: Context) -> PlanOperation? {
        guard let ticketID = finding.syncroID, let field = finding.field, !finding.expected.isNull else { return nil }
        func shaped(_ value: JSONValue) -> JSONObject {
            guard field.hasPrefix("properties.") else { return [field: value] }
            return ["properties": .object([String(field.dropFirst("properties.".count)): value])]
        }
        return update(
            finding, ticketID: ticketID, field: field, target: finding.expected, from: shaped(finding.current),
            to: shaped(finding.expected), context: context)
    }

    /// `TICKET_TAGS_MISSING`: `PUT /tickets/{id}` with `tag_list` = the current tags, then the missing ones (the
    /// API replaces the whole list, so the current tags must be sent again).
    private func tagsUpdate(_ finding: DriftFinding, context: Context) -> PlanOperation? {
        guard let ticketID = finding.syncroID, let current = finding.current.arrayValue,
            let missing = finding.difference?.arrayValue, !missing.isEmpty
        else { return nil }
        let union = JSONValue.array(current + missing)
        return update(
            finding, ticketID: ticketID, field: "tag_list", target: union, from: ["tag_list": .array(current)],
            to: ["tag_list": union], context: context)
    }

    /// `TICKET_ASSETS_MISSING`: `PUT /tickets/{id}` with `asset_ids` = current ∪ missing, sorted.
    private func assetsUpdate(_ finding: DriftFinding, context: Context) -> PlanOperation? {
        guard let ticketID = finding.syncroID, let current = finding.current.arrayValue?.compactMap(\.intValue),
            let missing = finding.difference?.arrayValue?.compactMap(\.intValue), !missing.isEmpty
        else { return nil }
        let union = JSONValue.array(Set(current).union(missing).sorted().map(JSONValue.int))
        return update(
            finding, ticketID: ticketID, field: "asset_ids", target: union,
            from: ["asset_ids": .array(current.map(JSONValue.int))], to: ["asset_ids": union], context: context)
    }

    /// A `PUT /tickets/{id}` whose body is `to`, keyed by the field and the value it writes.
    private func update(
        _ finding: DriftFinding, ticketID: Int, field: String, target: JSONValue, from: JSONObject, to: JSONObject,
        context: Context
    ) -> PlanOperation {
        .ticketUpdate(
            code: finding.code, gate: finding.gate, scope: context, ticketID: ticketID, field: field, target: target,
            from: from, to: to, ticketUpdatedAt: updatedAt(ticketID), partnerID: finding.partnerID,
            message: finding.message)
    }

    // MARK: - Creations

    /// `COMMENT_MISSING`: `POST /tickets/{id}/comment` with the snapshot comment's body and visibility, never
    /// emailed, ending with the marker. The key rests on the partner comment id alone, so one partner comment
    /// has one key whatever its body, and can never be posted twice.
    ///
    /// On a bidirectional relationship that syncs comments of the comment's visibility (`sync_public_comments`,
    /// `sync_private_comments`), Support Fusion may copy the restored comment back to the partner as a new one:
    /// such a post is gated `review`, marked `echo_risk`, and `apply` runs it only with `--accept-echo`.
    private func commentPost(
        _ finding: DriftFinding, ticket: SnapshotTicket, context: Context, relationship: Relationship?
    ) -> Decision? {
        guard let ticketID = finding.ticketSyncroID, let partnerID = finding.partnerID,
            let comment = ticket.comments.first(where: { $0.partnerCommentID == partnerID })
        else { return nil }
        guard let text = comment.body, !text.allSatisfy(\.isWhitespace) else {
            return .reportOnly("not planned: the snapshot holds only the hash of this comment's body, not its text")
        }
        let echo = relationship.flatMap { Self.echoRisk(hidden: comment.hidden, relationship: $0) }
        return .operation(
            .commentPost(
                code: finding.code, gate: echo == nil ? finding.gate : .review, scope: context, ticketID: ticketID,
                partnerCommentID: partnerID, ticketPartnerID: ticket.partnerTicketID, text: text,
                hidden: comment.hidden, bodySHA256: comment.bodySHA256, ticketUpdatedAt: updatedAt(ticketID),
                message: finding.message, note: echo, echoRisk: echo != nil))
    }

    /// Why a restored comment of this visibility may echo back to the partner, or nil when it cannot.
    static func echoRisk(hidden: Bool, relationship: Relationship) -> String? {
        let synced = hidden ? relationship.syncPrivateComments : relationship.syncPublicComments
        guard relationship.bidirectional, synced else { return nil }
        let kind = hidden ? "private" : "public"
        let option = hidden ? "sync_private_comments" : "sync_public_comments"
        return "echo risk: the relationship is bidirectional and syncs \(kind) comments (\(option)), so Support "
            + "Fusion may copy this restored comment to the partner as a new one; apply posts it only with "
            + "--accept-echo and its approval"
    }

    /// `TICKET_NOT_CREATED`: `POST /tickets` with the snapshot's expected customer, subject, status, priority,
    /// problem type, contact and tags (those managed and not null), and its first comment (or a short note when
    /// the snapshot has no comment text) ending with the marker. Syncro needs a customer and a subject.
    ///
    /// A Syncro ticket of the same customer with the same normalised subject, created within
    /// `PossibleDuplicates.window` (`duplicates`), makes the creation `review`-gated with a note naming it.
    private func ticketCreation(
        _ finding: DriftFinding, ticket: SnapshotTicket, context: Context, duplicates: PossibleDuplicates?
    ) -> Decision {
        let expected = ticket.expected
        guard let customerID = expected.customerID.value ?? ticket.syncroCustomerID else {
            return .reportOnly("not planned: the snapshot gives no customer_id for the new ticket")
        }
        guard let subject = expected.subject.value, !subject.allSatisfy(\.isWhitespace) else {
            return .reportOnly("not planned: the snapshot gives no subject for the new ticket")
        }
        var fields: JSONObject = ["customer_id": .int(customerID), "subject": .string(subject)]
        if let status = expected.status.value { fields["status"] = .string(status) }
        if let priority = expected.priority.value { fields["priority"] = .string(priority) }
        if let problemType = expected.problemType.value { fields["problem_type"] = .string(problemType) }
        if let contactID = expected.contactID.value { fields["contact_id"] = .int(contactID) }
        if let tags = expected.tags.value, !tags.isEmpty {
            fields["tag_list"] = .array(tags.sorted().map(JSONValue.string))
        }
        let first = ticket.comments.first
        let text =
            first?.body.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
            ?? "Created by syncro-fusion for partner ticket \(ticket.partnerTicketID), which Support Fusion had not "
            + "created."
        let duplicate = duplicates?.match(
            customerID: customerID, subject: subject, createdAt: PossibleDuplicates.createdAt(of: ticket))
        return .operation(
            .ticketCreation(
                code: finding.code, gate: duplicate == nil ? finding.gate : .review, scope: context,
                partnerTicketID: ticket.partnerTicketID, fields: fields, text: text, hidden: first?.hidden ?? true,
                message: finding.message, note: duplicate.map { Self.duplicateNote($0, customerID: customerID) }))
    }

    /// `possible duplicate of Syncro ticket 1010 (#4567), ...`.
    static func duplicateNote(_ match: PossibleDuplicates.Match, customerID: Int) -> String {
        let number = match.number.map { " (#\($0))" } ?? ""
        let created = match.createdAt.map { ", created \($0)" } ?? ""
        let others =
            match.others == 0 ? "" : match.others == 1 ? " (and 1 more)" : " (and \(match.others) more)"
        return "possible duplicate of Syncro ticket \(match.ticketID)\(number)\(others): same customer \(customerID) "
            + "and subject\(created); approve only if the partner ticket is a different one"
    }

    /// The ticket's `updated_at` as Syncro gave it.
    private func updatedAt(_ ticketID: Int) -> String? {
        engine.syncro.tickets[ticketID]?["updated_at"].flatMap { $0.isNull ? nil : $0.displayText }
    }
}
