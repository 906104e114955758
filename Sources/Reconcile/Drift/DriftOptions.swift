/// What a drift comparison looks at and how.
package struct DriftOptions: Sendable, Hashable {
    /// How each field is compared.
    package var rules: ComparisonRules
    /// Show comment bodies in findings; otherwise only their SHA-256 appears (bodies may hold private data).
    package var includeBodies: Bool
    /// Expected statuses that close a ticket: a `TICKET_FIELD` setting one of them needs review.
    package var closingStatuses: Set<String>
    /// The gate of a `SNAPSHOT_LAST_RUN` finding: `report` for `diff`, `abort` for `plan` (unless the operator
    /// said to ignore the last run, when the finding stays a report).
    package var lastRunGate: Gate

    package init(
        rules: ComparisonRules = .standard, includeBodies: Bool = false,
        closingStatuses: Set<String> = ["Resolved", "Invoiced"], lastRunGate: Gate = .report
    ) {
        self.rules = rules
        self.includeBodies = includeBodies
        self.closingStatuses = closingStatuses
        self.lastRunGate = lastRunGate
    }
}
