extension DriftReport {
    /// The report for a terminal: a title line, then one block per code (critical first) with a header line
    /// holding the code, its severity and count, and one indented line per finding; notes last.
    ///
    /// ```
    /// Drift: snapshot 8b1f4a52 against northwind: 2 findings (1 critical, 1 warning)
    ///
    /// COMMENT_VISIBILITY_LEAK (critical, 1)
    ///   comment 1550021 (partner act_771) on ticket 44190233 (partner 88412): private note act_771 is public ...
    /// TICKET_FIELD (warning, 1)
    ///   ticket 44190233 (partner 88412): status is New, Support Fusion expects In Progress [auto]
    /// ```
    package var text: String {
        var lines = [title]
        if !findings.isEmpty { lines.append("") }
        var index = 0
        for (code, count) in summary {
            lines.append("\(code.rawValue) (\(code.severity.rawValue), \(count))")
            for finding in findings[index..<(index + count)] {
                lines.append("  \(finding.recordLabel): \(finding.message) [\(finding.gate.rawValue)]")
            }
            index += count
        }
        if !notes.isEmpty {
            lines.append("")
            lines.append("Notes:")
            lines += notes.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var title: String {
        let snapshot = snapshotID.map { "snapshot \($0)" } ?? "the snapshot"
        let account = syncroSubdomain.map { " against \($0)" } ?? ""
        guard !findings.isEmpty else { return "No drift: \(snapshot)\(account) matches Syncro." }
        var bySeverity: [(Severity, Int)] = []
        for severity in Severity.allCases {
            let count = findings.count { $0.severity == severity }
            if count > 0 { bySeverity.append((severity, count)) }
        }
        let counts = bySeverity.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        let noun = findings.count == 1 ? "finding" : "findings"
        return "Drift: \(snapshot)\(account): \(findings.count) \(noun) (\(counts))"
    }
}
