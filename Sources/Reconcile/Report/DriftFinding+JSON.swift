import RecordFormats

extension DriftFinding {
    /// One finding of the drift report; `ticket_syncro_id` and `ticket_partner_id` only for comments,
    /// `difference` only for set findings.
    package var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("code", .string(code.rawValue))
        object.appendUnchecked("severity", .string(severity.rawValue))
        object.appendUnchecked("entity", .string(entity.rawValue))
        object.appendUnchecked("syncro_id", syncroID.map(JSONValue.int) ?? .null)
        object.appendUnchecked("partner_id", partnerID.map(JSONValue.string) ?? .null)
        if entity == .comment {
            object.appendUnchecked("ticket_syncro_id", ticketSyncroID.map(JSONValue.int) ?? .null)
            object.appendUnchecked("ticket_partner_id", ticketPartnerID.map(JSONValue.string) ?? .null)
        }
        object.appendUnchecked("field", field.map(JSONValue.string) ?? .null)
        object.appendUnchecked("expected", expected)
        object.appendUnchecked("current", current)
        object.appendUnchecked("partner_current", partnerCurrent)
        object.appendUnchecked("gate", .string(gate.rawValue))
        object.appendUnchecked("message", .string(message))
        if let difference { object.appendUnchecked("difference", difference) }
        return .object(object)
    }
}
