import RecordFormats
import Snapshot

extension DriftEngine {
    /// Comment findings of one linked ticket: `COMMENT_MISSING`, `COMMENT_VISIBILITY_LEAK`,
    /// `COMMENT_VISIBILITY_HIDDEN`, `COMMENT_DUPLICATE` and `COMMENT_BODY_CHANGED`.
    ///
    /// Matching, in order: each snapshot comment with a Syncro id takes that Syncro comment; each other snapshot
    /// comment takes the first unclaimed Syncro comment on the ticket with the same normalised-body hash, one with
    /// the same `hidden` first, else one of either visibility (reconcile v1.1). A visibility difference is its own
    /// finding, never a missing comment: a plan would otherwise post the comment a second time. A private comment
    /// that is public in Syncro is a leak; a public one that is private in Syncro is hidden. After matching,
    /// unclaimed Syncro comments with a matched comment's hash are duplicates of it, and public ones beside a
    /// private comment are leaks.
    func commentFindings(_ ticket: SnapshotTicket, syncroID ticketID: Int) -> [DriftFinding] {
        guard syncro.commentCoverage != .none, !ticket.comments.isEmpty else { return [] }
        if agrees(ticket.comments, onTicket: ticketID) { return [] }
        let onTicket = syncro.comments.comments(onTicket: ticketID)
        let hashes = ticket.comments.map(expectedHash)
        var claimed = Set<Int>()
        var matches: [Int: SyncroComment] = [:]
        var findings: [DriftFinding] = []
        let reportsMissing = syncro.commentCoverage == .complete

        for (index, comment) in ticket.comments.enumerated() {
            guard let id = comment.syncroCommentID else { continue }
            if let match = syncro.comments[id] {
                claimed.insert(id)
                matches[index] = match
            } else if reportsMissing {
                findings.append(missing(comment, hash: hashes[index], ticket: ticket, ticketID: ticketID))
            }
        }
        for (index, comment) in ticket.comments.enumerated() where comment.syncroCommentID == nil {
            let hash = hashes[index]
            let candidates = onTicket.filter { !claimed.contains($0.id) && hash != nil && $0.bodySHA256 == hash }
            if let match = candidates.first(where: { $0.hidden == comment.hidden }) ?? candidates.first {
                claimed.insert(match.id)
                matches[index] = match
            } else if reportsMissing {
                findings.append(missing(comment, hash: hash, ticket: ticket, ticketID: ticketID))
            }
        }

        var leftovers = onTicket.filter { !claimed.contains($0.id) }
        for (index, comment) in ticket.comments.enumerated() {
            guard let match = matches[index] else { continue }
            if comment.hidden && !match.hidden {
                findings.append(leak(comment, match, ticket: ticket, ticketID: ticketID))
            } else if !comment.hidden && match.hidden {
                findings.append(hiddenCopy(comment, match, ticket: ticket, ticketID: ticketID))
            }
            if comment.syncroCommentID != nil, let hash = hashes[index], match.bodySHA256 != hash {
                findings.append(bodyChanged(comment, match, hash: hash, ticket: ticket, ticketID: ticketID))
            }
            guard let hash = hashes[index] else { continue }
            let duplicates = leftovers.filter { $0.bodySHA256 == hash && $0.hidden == match.hidden }
            if !duplicates.isEmpty {
                let ids = [match.id] + duplicates.map(\.id)
                findings.append(
                    DriftFinding(
                        code: .commentDuplicate, syncroID: match.id, partnerID: comment.partnerCommentID,
                        ticketSyncroID: ticketID, ticketPartnerID: ticket.partnerTicketID,
                        field: "syncro_comment_ids", expected: [.int(match.id)],
                        current: .array(ids.map(JSONValue.int)),
                        difference: .array(duplicates.map { .int($0.id) }),
                        message: "\(ids.count) Syncro comments (\(ids.map(String.init).joined(separator: ", "))) "
                            + "match comment \(comment.partnerCommentID)"))
                leftovers.removeAll { duplicates.contains($0) }
            }
            if comment.hidden {
                for copy in leftovers where copy.bodySHA256 == hash && !copy.hidden {
                    findings.append(leak(comment, copy, ticket: ticket, ticketID: ticketID))
                }
                leftovers.removeAll { $0.bodySHA256 == hash && !$0.hidden }
            }
        }
        return findings
    }

    /// Whether every comment of the ticket names a Syncro comment that has its hash and is private where it is,
    /// and the Syncro ticket has no other comment: then matching finds nothing (no comment is missing, changed,
    /// duplicated or leaked), which is most tickets' case, found without building the Syncro comments. A comment
    /// without a Syncro id or a hash, or anything else, gives false and the full matching.
    private func agrees(_ comments: [SnapshotComment], onTicket ticketID: Int) -> Bool {
        var expected: [(id: Int, hidden: Bool, hash: String)] = []
        expected.reserveCapacity(comments.count)
        for comment in comments {
            guard let id = comment.syncroCommentID, let hash = comment.bodySHA256 else { return false }
            expected.append((id, comment.hidden, hash))
        }
        return syncro.comments.holdsExactly(onTicket: ticketID, expected)
    }

    /// The hash a snapshot comment's Syncro counterpart must have: `body_sha256`, else the hash of `body`.
    private func expectedHash(_ comment: SnapshotComment) -> String? {
        comment.bodySHA256 ?? comment.body.map(BodyHash.sha256)
    }

    /// The body shown in a finding: the text when bodies are included and known, else the hash.
    private func bodyValue(body: String?, hash: String?) -> JSONValue {
        if options.includeBodies, let body { return .string(body) }
        return hash.map(JSONValue.string) ?? .null
    }

    private var bodyField: String { options.includeBodies ? "body" : "body_sha256" }

    private func describe(_ comment: SnapshotComment) -> String {
        "\(comment.hidden ? "private note" : "public comment") \(comment.partnerCommentID)"
    }

    private func missing(
        _ comment: SnapshotComment, hash: String?, ticket: SnapshotTicket, ticketID: Int
    ) -> DriftFinding {
        let gone = comment.syncroCommentID.map { " (Syncro comment \($0) is gone)" } ?? ""
        return DriftFinding(
            code: .commentMissing, syncroID: comment.syncroCommentID, partnerID: comment.partnerCommentID,
            ticketSyncroID: ticketID, ticketPartnerID: ticket.partnerTicketID, field: bodyField,
            expected: bodyValue(body: comment.body, hash: hash),
            message: "\(describe(comment)) has no counterpart on Syncro ticket \(ticketID)\(gone)")
    }

    private func leak(
        _ comment: SnapshotComment, _ match: SyncroComment, ticket: SnapshotTicket, ticketID: Int
    ) -> DriftFinding {
        DriftFinding(
            code: .commentVisibilityLeak, syncroID: match.id, partnerID: comment.partnerCommentID,
            ticketSyncroID: ticketID, ticketPartnerID: ticket.partnerTicketID, field: "hidden", expected: true,
            current: false,
            message: "private note \(comment.partnerCommentID) is public in Syncro as comment \(match.id) "
                + "on ticket \(ticketID); hide it in the Syncro web interface")
    }

    private func hiddenCopy(
        _ comment: SnapshotComment, _ match: SyncroComment, ticket: SnapshotTicket, ticketID: Int
    ) -> DriftFinding {
        DriftFinding(
            code: .commentVisibilityHidden, syncroID: match.id, partnerID: comment.partnerCommentID,
            ticketSyncroID: ticketID, ticketPartnerID: ticket.partnerTicketID, field: "hidden", expected: false,
            current: true,
            message: "public comment \(comment.partnerCommentID) is a private note in Syncro as comment \(match.id) "
                + "on ticket \(ticketID); make it public in the Syncro web interface if the customer should see it")
    }

    private func bodyChanged(
        _ comment: SnapshotComment, _ match: SyncroComment, hash: String, ticket: SnapshotTicket, ticketID: Int
    ) -> DriftFinding {
        DriftFinding(
            code: .commentBodyChanged, syncroID: match.id, partnerID: comment.partnerCommentID,
            ticketSyncroID: ticketID, ticketPartnerID: ticket.partnerTicketID, field: bodyField,
            expected: bodyValue(body: comment.body, hash: hash),
            current: bodyValue(body: match.body, hash: match.bodySHA256),
            message: "the body of Syncro comment \(match.id) differs from what Support Fusion synced")
    }
}
