/// The renderings of a drift report (`diff --report text|json|csv`).
package enum DriftReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Grouped by code, critical first, for a terminal.
    case text
    /// The stable machine-readable shape of `docs/drift-codes.md`.
    case json
    /// One row per finding with fixed columns, for spreadsheets and scripts.
    case csv
}

extension DriftReport {
    /// The report rendered in `format`, ending with a newline.
    package func rendered(as format: DriftReportFormat) -> String {
        switch format {
        case .text: text
        case .json: jsonText
        case .csv: csv()
        }
    }
}
