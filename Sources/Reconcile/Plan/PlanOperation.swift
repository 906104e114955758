import RecordFormats

/// One write of a reconciliation plan: the exact request it sends and the values it expects to find and leave.
///
/// The shape of an operation in the plan file (`docs/plan-format.md`). `from` holds the values Syncro had at
/// plan time and `to` the values the write leaves; `apply` re-reads the ticket before writing and compares its
/// current values with both (a value that is neither is a conflict; one already equal to `to` needs no write).
/// For a created comment or ticket, `to` holds what identifies it once it exists (the body's hash, the marker).
package struct PlanOperation: Sendable, Hashable {
    /// Stable key of the intent: the same finding always gives the same key (`OperationKey`).
    package var opKey: String
    package var code: DriftCode
    /// `auto`, `review` or `opt-in`.
    package var gate: Gate
    package var kind: OperationKind
    /// `PUT` or `POST`.
    package var method: String
    /// Relative to the API base (`/api/v1`), e.g. `/tickets/44190233`.
    package var path: String
    /// The JSON body sent, exactly.
    package var body: JSONObject
    package var from: JSONObject
    package var to: JSONObject
    /// The Syncro ticket written to; nil for a ticket creation.
    package var ticketID: Int?
    /// The ticket's `updated_at` as the plan saw it; nil for a ticket creation.
    package var ticketUpdatedAt: String?
    /// The partner record the operation is about (the partner ticket or comment id).
    package var partnerID: String?
    /// The partner ticket of a comment operation.
    package var ticketPartnerID: String?
    /// The reference line a created comment or ticket carries, e.g. `Support Fusion ref: act_771 (sfr1-…)`.
    package var marker: String?
    /// One sentence for people, from the finding.
    package var message: String
    /// The Syncro automations the write may trigger (`PlanOperation.automations(kind:body:)`), e.g.
    /// `["Ticket Updated", "SLA timers end"]`; nil only for an operation read from a plan made before they were
    /// listed.
    package var automations: [String]?
    /// Why the planner gated the operation as it did, when the finding alone does not say: a possible duplicate
    /// of a ticket creation, or the echo risk of a restored comment.
    package var note: String?
    /// A comment restored on a relationship that syncs comments of its visibility back to the partner, where
    /// Support Fusion may copy it as a new partner comment: `apply` refuses it unless `--accept-echo` is given.
    package var echoRisk: Bool

    package init(
        opKey: String, code: DriftCode, gate: Gate, kind: OperationKind, method: String, path: String,
        body: JSONObject, from: JSONObject, to: JSONObject, ticketID: Int?, ticketUpdatedAt: String?,
        partnerID: String? = nil, ticketPartnerID: String? = nil, marker: String? = nil, message: String,
        note: String? = nil, echoRisk: Bool = false
    ) {
        self.opKey = opKey
        self.code = code
        self.gate = gate
        self.kind = kind
        self.method = method
        self.path = path
        self.body = body
        self.from = from
        self.to = to
        self.ticketID = ticketID
        self.ticketUpdatedAt = ticketUpdatedAt
        self.partnerID = partnerID
        self.ticketPartnerID = ticketPartnerID
        self.marker = marker
        self.message = message
        self.automations = Self.automations(kind: kind, body: body)
        self.note = note
        self.echoRisk = echoRisk
    }
}
