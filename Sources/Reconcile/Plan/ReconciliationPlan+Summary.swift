import RecordFormats

extension ReconciliationPlan {
    /// The human summary `plan` prints: what the plan would write, by kind and gate; the report-only findings by
    /// code (with why an opt-in finding was not planned); the keys of the operations that need approval; and the
    /// cost at the rate limit.
    ///
    /// ```
    /// Plan for snapshot 8b1f4a52 against northwind: 3 operations, 1 report-only finding
    ///   file     plan.json
    ///   hash     sha256:5c0e…
    ///   created  2026-11-28T23:00:00.000Z, apply refuses it after 1 hour
    ///
    /// Operations
    ///   update-ticket  auto    2
    ///   update-ticket  review  1
    ///
    /// Report-only findings
    ///   COMMENT_MISSING  1  not planned: add --allow add-comments to post it
    ///
    /// Needs approval (apply --approve all or --approve KEY,..., or syncro-fusion approve):
    ///   sfr1-0f3a…  PUT /tickets/44190233  status: In Progress → Resolved
    ///
    /// Blast radius: 3 tickets touched, 0 creations, 0 comments
    ///   caps: 50 tickets, 10 % of 212 linked tickets = 21, 10 creations; this plan is within them
    ///
    /// Estimate: 6 API calls, at least 2.0 s at 180 requests per minute
    /// ```
    package func summary(path: String?) -> String {
        var lines = [title]
        if let path { lines.append("  file     \(path)") }
        lines.append("  hash     \(hash)")
        lines.append(
            "  created  \(PlanTime.format(createdAt)), apply refuses it after \(Self.duration(Double(maxAgeSeconds)))")
        if !allowed.isEmpty { lines.append("  allowed  \(allowed.joined(separator: ", "))") }
        for warning in warnings { lines += ["", "Warning: \(warning)"] }

        let kinds = operationCounts
        if !kinds.isEmpty {
            lines += ["", "Operations"]
            let width = kinds.map(\.kind.rawValue.count).max() ?? 0
            let gateWidth = kinds.map(\.gate.rawValue.count).max() ?? 0
            for (kind, gate, count) in kinds {
                lines.append("  \(Self.pad(kind.rawValue, width))  \(Self.pad(gate.rawValue, gateWidth))  \(count)")
            }
        }

        let codes = findingCounts
        if !codes.isEmpty {
            lines += ["", "Report-only findings"]
            let width = codes.map(\.code.count).max() ?? 0
            for (code, count, notes) in codes {
                let note = notes.isEmpty ? "" : "  " + notes.joined(separator: "; ")
                lines.append("  \(Self.pad(code, width))  \(count)\(note)")
            }
        }

        let review = operations(.review)
        if !review.isEmpty {
            lines += ["", "Needs approval (apply --approve all or --approve KEY,..., or syncro-fusion approve):"]
            for operation in review {
                lines.append("  \(operation.opKey)  \(operation.method) \(operation.path)  \(operation.changeText)")
                if let note = operation.note { lines.append("    \(note)") }
            }
        }

        let automations = automationCounts
        if !automations.isEmpty {
            lines += ["", "Automations the writes may trigger in Syncro"]
            let width = automations.map(\.name.count).max() ?? 0
            for (name, count) in automations {
                lines.append("  \(Self.pad(name, width))  \(count == 1 ? "1 operation" : "\(count) operations")")
            }
        }

        if !operations.isEmpty { lines += ["", "Blast radius: \(blastRadius.text)", "  \(capsText)"] }

        lines.append("")
        if operations.isEmpty {
            lines.append("Nothing to write: apply would send no request.")
        } else {
            let calls = estimate.requests == 1 ? "1 API call" : "\(estimate.requests) API calls"
            lines.append(
                "Estimate: \(calls), at least \(Self.duration(estimate.minSeconds)) at "
                    + "\(estimate.rateLimitPerMinute) requests per minute")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The default caps of `apply` against all the plan's operations: `caps: 50 tickets, 10 % of 212 linked tickets
    /// = 21, 10 creations; this plan is within them`, or `…; above the caps: apply needs --max-tickets 60`.
    package var capsText: String {
        BlastRadiusCaps().verdict(blastRadius, linkedTickets: linkedTickets)
    }

    private var title: String {
        let operationCount = operations.count == 1 ? "1 operation" : "\(operations.count) operations"
        let findingCount = findings.count == 1 ? "1 report-only finding" : "\(findings.count) report-only findings"
        return "Plan for snapshot \(snapshotID) against \(syncroSubdomain): \(operationCount), \(findingCount)"
    }

    /// Operations counted by kind and gate, in `OperationKind` then `Gate` order.
    var operationCounts: [(kind: OperationKind, gate: Gate, count: Int)] {
        var result: [(kind: OperationKind, gate: Gate, count: Int)] = []
        for kind in OperationKind.allCases {
            for gate in Gate.allCases {
                let count = operations.count { $0.kind == kind && $0.gate == gate }
                if count > 0 { result.append((kind, gate, count)) }
            }
        }
        return result
    }

    /// Operations counted by the automations they may trigger, in the order the automations first appear.
    var automationCounts: [(name: String, count: Int)] {
        var result: [(name: String, count: Int)] = []
        for name in operations.flatMap({ $0.automations ?? [] }) {
            if let index = result.firstIndex(where: { $0.name == name }) {
                result[index].count += 1
            } else {
                result.append((name, 1))
            }
        }
        return result
    }

    /// Report-only findings counted by code, in the order they first appear (report order), with the distinct
    /// reasons they were not planned.
    var findingCounts: [(code: String, count: Int, notes: [String])] {
        var result: [(code: String, count: Int, notes: [String])] = []
        for finding in findings {
            let code = finding["code"]?.stringValue ?? "?"
            let note = finding["plan_note"]?.stringValue
            if let index = result.firstIndex(where: { $0.code == code }) {
                result[index].count += 1
                if let note, !result[index].notes.contains(note) { result[index].notes.append(note) }
            } else {
                result.append((code, 1, note.map { [$0] } ?? []))
            }
        }
        return result
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// `2.0 s`, `4 min 10 s`, `1 hour`, `2 h 5 min`, for people.
    static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return PlanTime.seconds(seconds) + " s" }
        let whole = Int(seconds.rounded())
        if whole % 3600 == 0 { return whole == 3600 ? "1 hour" : "\(whole / 3600) hours" }
        if whole < 3600 {
            return whole % 60 == 0 ? "\(whole / 60) min" : "\(whole / 60) min \(whole % 60) s"
        }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}

extension PlanOperation {
    /// What the operation changes, for people: `status: New → In Progress`, `comment act_771 (private)`,
    /// `new ticket for partner 88412`.
    package var changeText: String {
        switch kind {
        case .updateTicket:
            return to.map { key, value in
                "\(key): \((from[key] ?? .null).displayText) → \(value.displayText)"
            }.joined(separator: "; ")
        case .addComment:
            let visibility = body["hidden"] == .bool(false) ? "public" : "private"
            return "comment \(partnerID ?? "?") (\(visibility))"
        case .createTicket:
            let subject = body["subject"]?.stringValue.map { " \"\($0)\"" } ?? ""
            return "new ticket\(subject) for partner \(partnerID ?? "?")"
        }
    }
}
