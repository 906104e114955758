/// How far a drift comparison has come: what `DriftEngine` reports to a progress display while it streams a
/// snapshot.
package struct DriftProgress: Sendable, Equatable {
    /// How often progress is reported: every this many snapshot records (and once at the end).
    package static let interval = 4096

    /// Snapshot records (header, customers, contacts, assets, tickets) compared so far.
    package var records: Int
    /// Findings so far.
    package var findings: Int
    /// About how many bytes of the snapshot have been read (a little ahead of `records`).
    package var bytesRead: Int
    /// The snapshot's size in bytes; 0 when unknown.
    package var totalBytes: Int

    package init(records: Int, findings: Int, bytesRead: Int, totalBytes: Int) {
        self.records = records
        self.findings = findings
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }

    /// The share of the snapshot read, from 0 to 1; nil when its size is unknown.
    package var fractionRead: Double? {
        totalBytes > 0 ? min(1, Double(bytesRead) / Double(totalBytes)) : nil
    }
}
