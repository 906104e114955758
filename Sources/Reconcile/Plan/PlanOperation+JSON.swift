import RecordFormats

extension PlanOperation {
    /// The operation as the plan file holds it; keys beyond the spec's (`kind`, `partner_id`, `marker`, ...) are
    /// extra and allowed.
    package var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("op_key", .string(opKey))
        object.appendUnchecked("code", .string(code.rawValue))
        object.appendUnchecked("gate", .string(gate.rawValue))
        object.appendUnchecked("kind", .string(kind.rawValue))
        object.appendUnchecked("method", .string(method))
        object.appendUnchecked("path", .string(path))
        object.appendUnchecked("body", .object(body))
        object.appendUnchecked("from", .object(from))
        object.appendUnchecked("to", .object(to))
        object.appendUnchecked("ticket_id", ticketID.map(JSONValue.int) ?? .null)
        object.appendUnchecked("ticket_updated_at", ticketUpdatedAt.map(JSONValue.string) ?? .null)
        object.appendUnchecked("partner_id", partnerID.map(JSONValue.string) ?? .null)
        object.appendUnchecked("ticket_partner_id", ticketPartnerID.map(JSONValue.string) ?? .null)
        object.appendUnchecked("marker", marker.map(JSONValue.string) ?? .null)
        object.appendUnchecked("message", .string(message))
        if let automations { object.appendUnchecked("automations", .array(automations.map(JSONValue.string))) }
        if let note { object.appendUnchecked("note", .string(note)) }
        if echoRisk { object.appendUnchecked("echo_risk", .bool(true)) }
        return .object(object)
    }

    /// Reads an operation of a plan file; `index` names it in errors.
    package init(json value: JSONValue, index: Int) throws(PlanFileError) {
        let place = "operation \(index + 1)"
        guard let object = value.objectValue else { throw .invalid("\(place) is not an object") }
        func text(_ key: String) throws(PlanFileError) -> String {
            guard let value = object[key]?.stringValue else { throw .invalid("\(place) has no text \(key)") }
            return value
        }
        func optionalText(_ key: String) throws(PlanFileError) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw .invalid("\(place): \(key) is not text") }
            return text
        }
        func map(_ key: String) throws(PlanFileError) -> JSONObject {
            guard let value = object[key]?.objectValue else { throw .invalid("\(place) has no object \(key)") }
            return value
        }
        let codeText = try text("code")
        guard let code = DriftCode(rawValue: codeText) else { throw .invalid("\(place) has unknown code \(codeText)") }
        let gateText = try text("gate")
        guard let gate = Gate(rawValue: gateText), [.auto, .review, .optIn].contains(gate) else {
            throw .invalid("\(place) has gate \(gateText), which never writes")
        }
        let kindText = try text("kind")
        guard let kind = OperationKind(rawValue: kindText) else {
            throw .invalid("\(place) has unknown kind \(kindText)")
        }
        var ticketID: Int?
        if let value = object["ticket_id"], !value.isNull {
            guard let id = value.intValue else { throw .invalid("\(place): ticket_id is not an integer") }
            ticketID = id
        }
        self.init(
            opKey: try text("op_key"), code: code, gate: gate, kind: kind, method: try text("method"),
            path: try text("path"), body: try map("body"), from: try map("from"), to: try map("to"),
            ticketID: ticketID, ticketUpdatedAt: try optionalText("ticket_updated_at"),
            partnerID: try optionalText("partner_id"), ticketPartnerID: try optionalText("ticket_partner_id"),
            marker: try optionalText("marker"), message: try optionalText("message") ?? "",
            note: try optionalText("note"))
        // Read as written (absent in plans made before automations were listed), so that the hash still verifies.
        if let value = object["automations"], !value.isNull {
            guard let names = value.arrayValue?.compactMap(\.stringValue), names.count == value.arrayValue?.count
            else { throw .invalid("\(place): automations is not a list of names") }
            automations = names
        } else {
            automations = nil
        }
        if let value = object["echo_risk"], !value.isNull {
            guard case .bool(let flag) = value else { throw .invalid("\(place): echo_risk is not true or false") }
            echoRisk = flag
        }
    }
}
