import RecordFormats

/// One difference between a Support Fusion snapshot and Syncro, with the ids and values on both sides.
///
/// The shape of a finding in the drift report (`docs/drift-codes.md`). Values are JSON as they appear on each
/// side: `expected` from the snapshot, `current` from Syncro, `partnerCurrent` from the snapshot's
/// `partner_current` (null when unknown). Comment bodies appear as their SHA-256 unless the engine was asked to
/// include bodies.
package struct DriftFinding: Sendable, Hashable {
    package var code: DriftCode
    package var severity: Severity
    package var entity: DriftEntity
    /// The Syncro id of the record (for a comment finding, the comment's).
    package var syncroID: Int?
    /// The partner id of the record (for a comment finding, the comment's).
    package var partnerID: String?
    /// For a comment finding: the ticket the comment belongs to.
    package var ticketSyncroID: Int?
    package var ticketPartnerID: String?
    /// The field that differs (`status`, `properties.Partner Ticket`, `tag_list`, ...), nil for a whole record.
    package var field: String?
    package var expected: JSONValue
    package var current: JSONValue
    package var partnerCurrent: JSONValue
    /// The items a set finding is about: the missing or extra tags, the missing asset ids; nil otherwise.
    package var difference: JSONValue?
    package var gate: Gate
    /// One sentence for people, e.g. `status is New, Support Fusion expects In Progress`.
    package var message: String

    /// A finding of `code`, with the code's entity, severity and default gate unless given.
    package init(
        code: DriftCode, syncroID: Int? = nil, partnerID: String? = nil, ticketSyncroID: Int? = nil,
        ticketPartnerID: String? = nil, field: String? = nil, expected: JSONValue = .null, current: JSONValue = .null,
        partnerCurrent: JSONValue = .null, difference: JSONValue? = nil, gate: Gate? = nil, message: String
    ) {
        self.code = code
        severity = code.severity
        entity = code.entity
        self.syncroID = syncroID
        self.partnerID = partnerID
        self.ticketSyncroID = ticketSyncroID
        self.ticketPartnerID = ticketPartnerID
        self.field = field
        self.expected = expected
        self.current = current
        self.partnerCurrent = partnerCurrent
        self.difference = difference
        self.gate = gate ?? code.defaultGate
        self.message = message
    }

    /// Whether `lhs` comes before `rhs` in a report: by severity, then code (in `DriftCode` order), then the
    /// ticket's ids, the record's ids and the field.
    package static func reportOrder(_ lhs: DriftFinding, _ rhs: DriftFinding) -> Bool {
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code.order < rhs.code.order }
        let left = lhs.sortKey
        let right = rhs.sortKey
        if left.ticket != right.ticket { return left.ticket < right.ticket }
        if left.ticketPartner != right.ticketPartner { return left.ticketPartner < right.ticketPartner }
        if left.record != right.record { return left.record < right.record }
        if left.partner != right.partner { return left.partner < right.partner }
        if left.field != right.field { return left.field < right.field }
        return lhs.message < rhs.message
    }

    private var sortKey: (ticket: Int, ticketPartner: String, record: Int, partner: String, field: String) {
        let ticket = entity == .comment ? ticketSyncroID : syncroID
        let ticketPartner = entity == .comment ? ticketPartnerID : partnerID
        return (ticket ?? Int.max, ticketPartner ?? "", syncroID ?? Int.max, partnerID ?? "", field ?? "")
    }
}
