import Foundation

/// The result of comparing Syncro with a snapshot: every finding in report order, and notes on what could not be
/// compared.
package struct DriftReport: Sendable, Hashable {
    /// The snapshot's id, nil when its header could not be read.
    package var snapshotID: String?
    package var generatedAt: Date
    /// The Syncro subdomain compared against (the export's, else the snapshot's).
    package var syncroSubdomain: String?
    /// Findings sorted by `DriftFinding.reportOrder`.
    package private(set) var findings: [DriftFinding]
    /// What was left out and why, e.g. `the export has no comments file, so comments were not compared`.
    package var notes: [String]

    package init(
        snapshotID: String?, generatedAt: Date, syncroSubdomain: String?, findings: [DriftFinding],
        notes: [String] = []
    ) {
        self.snapshotID = snapshotID
        self.generatedAt = generatedAt
        self.syncroSubdomain = syncroSubdomain
        self.findings = findings.sorted(by: DriftFinding.reportOrder)
        self.notes = notes
    }

    /// Each code found with its number of findings, in report order.
    package var summary: [(code: DriftCode, count: Int)] {
        var result: [(code: DriftCode, count: Int)] = []
        for finding in findings {
            if let last = result.last, last.code == finding.code {
                result[result.count - 1].count += 1
            } else {
                result.append((finding.code, 1))
            }
        }
        return result
    }

    /// Whether Syncro and the snapshot differ at all.
    package var hasDrift: Bool { !findings.isEmpty }

    /// Whether a finding stops every write (`SNAPSHOT_SUBDOMAIN`, `SNAPSHOT_INVALID`).
    package var isAborted: Bool { findings.contains { $0.gate == .abort } }

    /// The findings of one code.
    package func findings(_ code: DriftCode) -> [DriftFinding] {
        findings.filter { $0.code == code }
    }
}
