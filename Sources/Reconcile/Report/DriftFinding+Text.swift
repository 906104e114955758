extension DriftFinding {
    /// The record a finding is about, for the text report: `ticket 44190233 (partner 88412)`,
    /// `comment 1550021 (partner act_771) on ticket 44190233 (partner 88412)`, `customer 902311`, `snapshot`.
    package var recordLabel: String {
        func label(_ noun: String, _ syncroID: Int?, _ partnerID: String?) -> String {
            switch (syncroID, partnerID) {
            case (let id?, let partner?): "\(noun) \(id) (partner \(partner))"
            case (let id?, nil): "\(noun) \(id)"
            case (nil, let partner?): "\(noun) (partner \(partner))"
            case (nil, nil): noun
            }
        }
        switch entity {
        case .snapshot:
            return partnerID.map { "snapshot (\($0))" } ?? "snapshot"
        case .comment:
            return label("comment", syncroID, partnerID) + " on " + label("ticket", ticketSyncroID, ticketPartnerID)
        default:
            return label(entity.rawValue, syncroID, partnerID)
        }
    }
}
