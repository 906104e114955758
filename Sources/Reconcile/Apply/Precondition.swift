import Foundation
import RecordFormats
import Snapshot

/// The checks `apply` makes on a freshly read ticket before each write (`docs/plan-format.md`, apply protocol 2).
///
/// The ticket's `updated_at` must be the plan's, or one our own writes left (the journal records them), or the
/// journal must hold a write on this ticket whose outcome is unknown (its new `updated_at` was never seen); then
/// each field must hold `from` or `to`. Values compare typed, as drift does: sets as sets (tags ignore case),
/// ids as integers, custom fields per name.
package enum Precondition {
    /// What Apply knows of its own earlier writes on a ticket.
    package struct OwnWrites: Sendable, Hashable {
        /// `updated_at` values (as milliseconds) our writes left.
        package var updatedAts: Set<Int64> = []
        /// Whether a write on the ticket may have happened without its answer.
        package var uncertain = false

        package init(updatedAts: Set<Int64> = [], uncertain: Bool = false) {
            self.updatedAts = updatedAts
            self.uncertain = uncertain
        }
    }

    /// The status of a ticket a customer has answered: a customer message is waiting for a technician.
    package static let customerReplyStatus = "Customer Reply"
    /// Why a status change of a ticket in Customer Reply is never made.
    package static let customerReplyReason = "the ticket is in Customer Reply: a customer message is waiting"

    /// Whether `status` is Customer Reply (case and surrounding white space ignored).
    package static func isCustomerReply(_ status: String) -> Bool {
        FieldComparison.normalize(status, .caseInsensitive)
            == FieldComparison.normalize(customerReplyStatus, .caseInsensitive)
    }

    /// The result for an update of `ticket` (the detail as Syncro returns it now).
    ///
    /// Before anything else: an operation that sets `status` on a ticket now in Customer Reply is a conflict,
    /// whatever the plan says, so a waiting customer message is never moved out of sight.
    package static func evaluateUpdate(
        _ operation: PlanOperation, ticket: JSONObject, ownWrites: OwnWrites, rules: ComparisonRules = .standard
    ) -> PreconditionResult {
        if let target = operation.to["status"], let current = ticket["status"]?.stringValue, isCustomerReply(current),
            !(target.stringValue.map(isCustomerReply) ?? false)
        {
            return .conflict(customerReplyReason)
        }
        var allTo = true
        for (field, target) in operation.to {
            let current = ticket[field] ?? .null
            let from = operation.from[field] ?? .null
            switch field {
            case "properties":
                let currentProperties = current.objectValue ?? JSONObject()
                let fromProperties = from.objectValue ?? JSONObject()
                for (name, value) in target.objectValue ?? JSONObject() {
                    let now = currentProperties[name] ?? .null
                    let isTo = rules.equal(value, now, field: "properties.\(name)", in: "ticket")
                    let isFrom = rules.equal(
                        fromProperties[name] ?? .null, now, field: "properties.\(name)", in: "ticket")
                    if !isTo && !isFrom {
                        return .conflict(
                            "properties.\(name) is now \(now.displayText), neither \(fromProperties[name]?.displayText ?? "empty") nor \(value.displayText)"
                        )
                    }
                    allTo = allTo && isTo
                }
            case "tag_list":
                let now = Set(FieldComparison.elementTexts(current).map { $0.lowercased() })
                let wanted = Set(FieldComparison.elementTexts(target).map { $0.lowercased() })
                let before = Set(FieldComparison.elementTexts(from).map { $0.lowercased() })
                if wanted.isSubset(of: now) { continue }
                if now != before {
                    return .conflict("the tags are now \(current.displayText), the plan saw \(from.displayText)")
                }
                allTo = false
            case "asset_ids":
                let now = FieldComparison.integerSet(current)
                let wanted = FieldComparison.integerSet(target)
                let before = FieldComparison.integerSet(from)
                if wanted.isSubset(of: now) { continue }
                if now != before {
                    return .conflict(
                        "the linked assets are now \(current.displayText), the plan saw \(from.displayText)")
                }
                allTo = false
            default:
                let isTo = rules.equal(target, current, field: field, in: "ticket")
                if isTo { continue }
                guard rules.equal(from, current, field: field, in: "ticket") else {
                    return .conflict(
                        "\(field) is now \(current.displayText), neither \(from.displayText) nor \(target.displayText)")
                }
                allTo = false
            }
        }
        if allTo { return .alreadyApplied(syncroID: operation.ticketID) }
        if let problem = movedByOthers(operation, ticket: ticket, ownWrites: ownWrites) { return .conflict(problem) }
        return .proceed
    }

    /// The result for a comment to add to `ticket`, whose comments are `comments` (every comment, as Syncro
    /// returns them): already there when a comment carries the operation's marker, or has the expected body hash
    /// and visibility.
    package static func evaluateComment(
        _ operation: PlanOperation, ticket: JSONObject, comments: [JSONObject], ownWrites: OwnWrites
    ) -> PreconditionResult {
        if let existing = existingComment(for: operation, in: comments) {
            return .alreadyApplied(syncroID: existing)
        }
        if let problem = movedByOthers(operation, ticket: ticket, ownWrites: ownWrites) { return .conflict(problem) }
        return .proceed
    }

    /// The id of a comment in `comments` that is the operation's comment, if any.
    package static func existingComment(for operation: PlanOperation, in comments: [JSONObject]) -> Int? {
        let expectedHash = operation.to["body_sha256"]?.stringValue
        let expectedHidden = operation.to["hidden"].flatMap(FieldComparison.boolean)
        for comment in comments {
            guard let body = comment["body"]?.stringValue else { continue }
            if let marker = ReferenceMarker.find(in: body), marker.opKey == operation.opKey {
                return comment["id"]?.intValue
            }
            let hidden = comment["hidden"].flatMap(FieldComparison.boolean) ?? false
            if let expectedHash, BodyHash.sha256(ReferenceMarker.stripped(body)) == expectedHash,
                expectedHidden == nil || expectedHidden == hidden
            {
                return comment["id"]?.intValue
            }
        }
        return nil
    }

    /// Why the ticket's `updated_at` shows someone else's change, or nil when it does not.
    static func movedByOthers(_ operation: PlanOperation, ticket: JSONObject, ownWrites: OwnWrites) -> String? {
        guard let planned = operation.ticketUpdatedAt.flatMap(milliseconds) else { return nil }
        let currentText = ticket["updated_at"]?.stringValue
        guard let current = currentText.flatMap(milliseconds) else { return nil }
        if current == planned || ownWrites.updatedAts.contains(current) || ownWrites.uncertain { return nil }
        return
            "the ticket was updated at \(currentText ?? "?") after the plan saw it at \(operation.ticketUpdatedAt ?? "?")"
    }

    static func milliseconds(_ text: String) -> Int64? {
        Timestamp.parse(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }
}
