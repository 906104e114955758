/// How much of the account a set of operations writes to: the tickets it touches, the tickets it creates and the
/// comments it posts.
///
/// A ticket is touched once however many of its fields, tags or comments are written; every creation touches the
/// new ticket it makes. The plan file records the blast radius of all its operations together with the number of
/// linked tickets in the snapshot (`linked_tickets`), which the 10 % cap of `BlastRadiusCaps` needs at apply time.
package struct BlastRadius: Sendable, Hashable {
    /// Distinct existing tickets written to, plus the tickets created.
    package var ticketsTouched: Int
    /// `create-ticket` operations.
    package var creations: Int
    /// `add-comment` operations.
    package var comments: Int

    package init(ticketsTouched: Int, creations: Int, comments: Int) {
        self.ticketsTouched = ticketsTouched
        self.creations = creations
        self.comments = comments
    }

    /// The blast radius of `operations`.
    package init(operations: some Sequence<PlanOperation>) {
        var tickets = Set<Int>()
        var creations = 0
        var comments = 0
        for operation in operations {
            switch operation.kind {
            case .createTicket: creations += 1
            case .addComment: comments += 1
            case .updateTicket: break
            }
            if let id = operation.ticketID { tickets.insert(id) }
        }
        self.init(ticketsTouched: tickets.count + creations, creations: creations, comments: comments)
    }

    /// `60 tickets touched, 2 creations, 3 comments`.
    package var text: String {
        "\(Self.count(ticketsTouched, "ticket")) touched, \(Self.count(creations, "creation")), "
            + Self.count(comments, "comment")
    }

    static func count(_ number: Int, _ noun: String) -> String {
        number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
    }
}

/// The blast-radius caps of `apply`: it refuses, before any request, to run operations that touch more tickets or
/// create more tickets than these allow.
///
/// By default at most 50 tickets, and at most 10 % of the snapshot's linked tickets (never less than 10, so that a
/// small account can still be corrected), and at most 10 creations. `--max-tickets N` replaces both ticket caps and
/// `--max-creates N` the creation cap, higher or lower: a cap the operator sets lower is a cap too.
package struct BlastRadiusCaps: Sendable, Hashable {
    /// The most tickets a plan may touch by default.
    package static let ticketLimit = 50
    /// The share of the snapshot's linked tickets a plan may touch by default, in percent.
    package static let linkedPercent = 10
    /// The share cap is never below this, so that a small account can still be corrected.
    package static let shareFloor = 10
    /// The most tickets a plan may create by default.
    package static let creationLimit = 10

    /// `--max-tickets`: replaces the default ticket caps.
    package var maxTickets: Int?
    /// `--max-creates`: replaces the default creation cap.
    package var maxCreates: Int?

    package init(maxTickets: Int? = nil, maxCreates: Int? = nil) {
        self.maxTickets = maxTickets
        self.maxCreates = maxCreates
    }

    /// No caps at all: for benchmarks and tests that apply large generated plans on purpose.
    package static let unlimited = BlastRadiusCaps(maxTickets: Int.max, maxCreates: Int.max)

    /// 10 % of the linked tickets, rounded down: the default share cap before its floor.
    package static func share(ofLinked linked: Int) -> Int { linked * linkedPercent / 100 }

    /// The most tickets the operations may touch, for a snapshot with `linkedTickets` linked tickets (nil when the
    /// plan does not record them: then only the absolute cap applies).
    package func ticketCap(linkedTickets: Int?) -> Int {
        if let maxTickets { return maxTickets }
        guard let linkedTickets else { return Self.ticketLimit }
        return min(Self.ticketLimit, max(Self.shareFloor, Self.share(ofLinked: linkedTickets)))
    }

    /// The most tickets the operations may create.
    package var creationCap: Int { maxCreates ?? Self.creationLimit }

    /// Whether `radius` stays within the caps.
    package func allows(_ radius: BlastRadius, linkedTickets: Int?) -> Bool {
        radius.ticketsTouched <= ticketCap(linkedTickets: linkedTickets) && radius.creations <= creationCap
    }

    /// The options that would let `radius` through: `--max-tickets 60`, `--max-creates 12`; empty when it is within.
    package func neededOptions(for radius: BlastRadius, linkedTickets: Int?) -> [String] {
        var options: [String] = []
        if radius.ticketsTouched > ticketCap(linkedTickets: linkedTickets) {
            options.append("--max-tickets \(radius.ticketsTouched)")
        }
        if radius.creations > creationCap { options.append("--max-creates \(radius.creations)") }
        return options
    }

    /// `caps: 50 tickets, 10 % of 212 linked tickets = 21, 10 creations`.
    package func text(linkedTickets: Int?) -> String {
        var parts: [String] = []
        if let maxTickets {
            parts.append("\(BlastRadius.count(maxTickets, "ticket")) (--max-tickets)")
        } else {
            parts.append("\(Self.ticketLimit) tickets")
            if let linkedTickets {
                let share = Self.share(ofLinked: linkedTickets)
                let floor = share < Self.shareFloor ? " (never below \(Self.shareFloor))" : ""
                parts.append(
                    "\(Self.linkedPercent) % of \(BlastRadius.count(linkedTickets, "linked ticket")) = \(share)\(floor)"
                )
            }
        }
        if let maxCreates {
            parts.append("\(BlastRadius.count(maxCreates, "creation")) (--max-creates)")
        } else {
            parts.append("\(Self.creationLimit) creations")
        }
        var text = "caps: " + parts.joined(separator: ", ")
        if maxTickets == nil, linkedTickets == nil { text += " (the plan records no linked-ticket count)" }
        return text
    }

    /// `caps: …; this plan is within them` or `caps: …; above the caps: apply needs --max-tickets 60`.
    package func verdict(_ radius: BlastRadius, linkedTickets: Int?, subject: String = "this plan is") -> String {
        let needed = neededOptions(for: radius, linkedTickets: linkedTickets)
        let verdict =
            needed.isEmpty
            ? "\(subject) within them" : "above the caps: apply needs \(needed.joined(separator: " "))"
        return text(linkedTickets: linkedTickets) + "; " + verdict
    }

    /// Why `radius` is refused, one clause per cap it exceeds: `it would touch 60 tickets, more than the cap of 50
    /// tickets`. Nil when it is within the caps.
    package func refusal(_ radius: BlastRadius, linkedTickets: Int?) -> String? {
        var reasons: [String] = []
        let ticketCap = ticketCap(linkedTickets: linkedTickets)
        if radius.ticketsTouched > ticketCap {
            let source =
                if maxTickets != nil {
                    "set by --max-tickets"
                } else if let linkedTickets, ticketCap < Self.ticketLimit {
                    "(\(Self.linkedPercent) % of the snapshot's \(linkedTickets) linked tickets, at least "
                        + "\(Self.shareFloor))"
                } else {
                    "(at most \(Self.ticketLimit) by default)"
                }
            reasons.append(
                "it would touch \(BlastRadius.count(radius.ticketsTouched, "ticket")), more than the cap of "
                    + "\(ticketCap) \(source)")
        }
        if radius.creations > creationCap {
            let source = maxCreates != nil ? "set by --max-creates" : "(at most \(Self.creationLimit) by default)"
            reasons.append(
                "it would create \(BlastRadius.count(radius.creations, "ticket")), more than the cap of "
                    + "\(creationCap) \(source)")
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: " and ")
    }
}
