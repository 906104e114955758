import RecordFormats

/// The only requests `apply` can send: reads of tickets and `/me`, and three exact write routes, each with the
/// body fields it may carry.
///
/// Syncro deletes through ordinary POST routes (`/tickets/{id}/delete_attachment`, `/remove_line_item`, ...), so
/// the check is by exact path, not by HTTP method; `DELETE` matches nothing. Every comment, including a new
/// ticket's first one, must carry `do_not_email: true`. The apply transport checks every request against this
/// list before it leaves the process, and the planner builds operations only in these shapes.
package enum WriteAllowlist {
    /// The fields a ticket update may set (`docs/plan-format.md`, `TICKET_FIELD`, tags and assets).
    package static let ticketUpdateFields: Set<String> = [
        "subject", "status", "priority", "problem_type", "contact_id", "user_id", "due_date", "customer_id",
        "properties", "tag_list", "asset_ids",
    ]
    /// The fields a ticket creation may set, including its first comment.
    package static let ticketCreateFields: Set<String> = [
        "customer_id", "subject", "status", "priority", "problem_type", "contact_id", "tag_list",
        "comments_attributes",
    ]
    /// The fields a comment may carry.
    package static let commentFields: Set<String> = ["subject", "body", "hidden", "do_not_email"]

    /// Why a request may not be sent, or nil when it may. `path` is relative to the API base; a query is allowed
    /// on reads only.
    package static func violation(method: String, path fullPath: String, body: JSONObject?) -> String? {
        let parts = fullPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        guard path.hasPrefix("/"), !segments.isEmpty, !segments.contains(where: \.isEmpty) else {
            return "\(method) \(fullPath) is not a route the reconciler may call"
        }
        func isID(_ text: String) -> Bool { text.utf8.allSatisfy { (0x30...0x39).contains($0) } }
        let isTicket = segments.count >= 2 && segments[0] == "tickets" && isID(segments[1])
        if method == "GET" {
            let readable =
                segments == ["me"] || segments == ["tickets"] || (isTicket && segments.count == 2)
                || (isTicket && segments.count == 3 && segments[2] == "comments")
            return readable ? nil : "GET \(path) is not a read the reconciler needs"
        }
        guard parts.count == 1 else { return "\(method) \(fullPath) may not carry a query" }
        let body = body ?? JSONObject()
        switch method {
        case "PUT" where isTicket && segments.count == 2:
            return fieldViolation(body, allowed: ticketUpdateFields, route: "\(method) \(path)")
        case "POST" where segments == ["tickets"]:
            if let problem = fieldViolation(body, allowed: ticketCreateFields, route: "POST /tickets") {
                return problem
            }
            for comment in body["comments_attributes"]?.arrayValue ?? [] {
                guard let comment = comment.objectValue else {
                    return "POST /tickets has a comment that is not an object"
                }
                if let problem = commentViolation(comment, route: "POST /tickets") { return problem }
            }
            return nil
        case "POST" where isTicket && segments.count == 3 && segments[2] == "comment":
            return commentViolation(body, route: "POST \(path)")
        default:
            return "\(method) \(path) is not on the write allowlist"
        }
    }

    private static func fieldViolation(_ body: JSONObject, allowed: Set<String>, route: String) -> String? {
        guard let field = body.keys.first(where: { !allowed.contains($0) }) else { return nil }
        return "\(route) may not set \(field)"
    }

    private static func commentViolation(_ comment: JSONObject, route: String) -> String? {
        if let problem = fieldViolation(comment, allowed: commentFields, route: route) { return problem }
        guard comment["do_not_email"] == .bool(true) else {
            return "\(route) must send comments with do_not_email: true"
        }
        return nil
    }
}
