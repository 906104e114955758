import RecordFormats
import Snapshot

/// The three shapes of operation a plan can hold, each with its key, exact body and expectations built in one
/// place: the planner, the apply tests and the apply benchmark all make operations through these.
extension PlanOperation {
    /// Where operation keys come from: the snapshot's relationship and the Syncro account.
    package struct KeyScope: Sendable, Hashable {
        package var relationshipID: String
        package var subdomain: String

        package init(relationshipID: String, subdomain: String) {
            self.relationshipID = relationshipID
            self.subdomain = subdomain
        }
    }

    /// `PUT /tickets/{id}` whose body is `to`, keyed by the field and the value it writes.
    package static func ticketUpdate(
        code: DriftCode, gate: Gate, scope: KeyScope, ticketID: Int, field: String, target: JSONValue,
        from: JSONObject, to: JSONObject, ticketUpdatedAt: String?, partnerID: String?, message: String
    ) -> PlanOperation {
        let key = OperationKey.make(
            relationshipID: scope.relationshipID, subdomain: scope.subdomain, entity: "ticket", id: String(ticketID),
            kind: .updateTicket, field: field, target: target)
        return PlanOperation(
            opKey: key, code: code, gate: gate, kind: .updateTicket, method: "PUT", path: "/tickets/\(ticketID)",
            body: to, from: from, to: to, ticketID: ticketID, ticketUpdatedAt: ticketUpdatedAt, partnerID: partnerID,
            message: message)
    }

    /// `POST /tickets/{id}/comment` restoring partner comment `partnerCommentID`: subject `Update`, never emailed,
    /// the body ending with the marker. The key rests on the partner comment id alone, so one partner comment has
    /// one key whatever its body, and can never be posted twice.
    package static func commentPost(
        code: DriftCode, gate: Gate, scope: KeyScope, ticketID: Int, partnerCommentID: String,
        ticketPartnerID: String?, text: String, hidden: Bool, bodySHA256: String? = nil, ticketUpdatedAt: String?,
        message: String, note: String? = nil, echoRisk: Bool = false
    ) -> PlanOperation {
        let key = OperationKey.make(
            relationshipID: scope.relationshipID, subdomain: scope.subdomain, entity: "comment", id: partnerCommentID,
            kind: .addComment, field: "comment", target: .string(partnerCommentID))
        let marker = ReferenceMarker(partnerID: partnerCommentID, opKey: key)
        return PlanOperation(
            opKey: key, code: code, gate: gate, kind: .addComment, method: "POST", path: "/tickets/\(ticketID)/comment",
            body: comment(text, hidden: hidden, marker: marker), from: [:],
            to: ["body_sha256": .string(bodySHA256 ?? BodyHash.sha256(text)), "hidden": .bool(hidden)],
            ticketID: ticketID, ticketUpdatedAt: ticketUpdatedAt, partnerID: partnerCommentID,
            ticketPartnerID: ticketPartnerID, marker: marker.line, message: message, note: note, echoRisk: echoRisk)
    }

    /// `POST /tickets` for partner ticket `partnerTicketID`: `fields` (customer, subject, ...) and a first comment
    /// of `text` ending with the marker. The key rests on the partner ticket id alone.
    package static func ticketCreation(
        code: DriftCode, gate: Gate, scope: KeyScope, partnerTicketID: String, fields: JSONObject, text: String,
        hidden: Bool, message: String, note: String? = nil
    ) -> PlanOperation {
        let key = OperationKey.make(
            relationshipID: scope.relationshipID, subdomain: scope.subdomain, entity: "ticket", id: partnerTicketID,
            kind: .createTicket, field: "ticket", target: .string(partnerTicketID))
        let marker = ReferenceMarker(partnerID: partnerTicketID, opKey: key)
        var body = fields
        body["comments_attributes"] = [.object(comment(text, hidden: hidden, marker: marker))]
        return PlanOperation(
            opKey: key, code: code, gate: gate, kind: .createTicket, method: "POST", path: "/tickets", body: body,
            from: [:], to: ["marker": .string(marker.line)], ticketID: nil, ticketUpdatedAt: nil,
            partnerID: partnerTicketID, marker: marker.line, message: message, note: note)
    }

    /// A comment as the reconciler sends it: the status-neutral subject `Update`, never emailed.
    private static func comment(_ text: String, hidden: Bool, marker: ReferenceMarker) -> JSONObject {
        [
            "subject": "Update", "body": .string(marker.appended(to: text)), "hidden": .bool(hidden),
            "do_not_email": true,
        ]
    }
}
