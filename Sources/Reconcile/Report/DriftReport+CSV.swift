import RecordFormats

extension DriftReport {
    /// The fixed columns of the CSV rendering, in order.
    package static let csvColumns = [
        "code", "severity", "entity", "syncro_id", "partner_id", "ticket_syncro_id", "ticket_partner_id", "field",
        "expected", "current", "partner_current", "gate", "message",
    ]

    /// One header row and one row per finding in report order; values as text, lists as compact JSON, null empty.
    /// `profile: .excel` adds the byte-order mark and neutralises formula-like cells for spreadsheets.
    package func csv(profile: CSVProfile = .standard) -> String {
        let encoder = CSVRowEncoder(
            profile: profile, columns: Self.csvColumns,
            numericColumns: ["syncro_id", "ticket_syncro_id", "expected", "current", "partner_current"])
        var bytes: [UInt8] = profile.writesByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        encoder.append(Self.csvColumns.map { Optional($0) }, to: &bytes)
        for finding in findings {
            let row: [String?] = [
                finding.code.rawValue, finding.severity.rawValue, finding.entity.rawValue,
                finding.syncroID.map(String.init), finding.partnerID, finding.ticketSyncroID.map(String.init),
                finding.ticketPartnerID, finding.field, finding.expected.cellText, finding.current.cellText,
                finding.partnerCurrent.cellText, finding.gate.rawValue, finding.message,
            ]
            encoder.append(row, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
