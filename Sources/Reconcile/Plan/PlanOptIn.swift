import Foundation

/// The kinds of write a plan holds only when the operator asks for them (`plan --allow ...`).
///
/// Creating tickets and posting comments cannot be undone through the API, and Support Fusion may echo a new
/// record to the partner, so `docs/plan-format.md` gates both as `opt-in`.
package enum PlanOptIn: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `TICKET_NOT_CREATED` → `POST /tickets`.
    case createTickets = "create-tickets"
    /// `COMMENT_MISSING` → `POST /tickets/{id}/comment`.
    case addComments = "add-comments"

    /// The opt-in a finding's write needs, nil when its code writes without one (or never writes).
    package init?(code: DriftCode) {
        switch code {
        case .ticketNotCreated: self = .createTickets
        case .commentMissing: self = .addComments
        default: return nil
        }
    }

    /// Parses `create-tickets,add-comments` (commas, white space ignored); throws naming the first unknown kind.
    package static func parseList(_ text: String) throws(PlanOptInError) -> Set<PlanOptIn> {
        var kinds = Set<PlanOptIn>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            guard let kind = PlanOptIn(rawValue: name) else { throw PlanOptInError(name: name) }
            kinds.insert(kind)
        }
        return kinds
    }

    package static func < (lhs: PlanOptIn, rhs: PlanOptIn) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An `--allow` value that names no opt-in kind.
package struct PlanOptInError: Error, Sendable, Hashable, CustomStringConvertible {
    package var name: String

    package init(name: String) {
        self.name = name
    }

    package var description: String {
        let known = PlanOptIn.allCases.map(\.rawValue).joined(separator: ", ")
        return "\(name) is not a kind of write that can be allowed; use \(known)"
    }
}
