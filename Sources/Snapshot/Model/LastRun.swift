import Foundation

/// How Support Fusion's last sync run ended when the snapshot was taken (snapshot v1.1, optional).
///
/// A snapshot taken while the last run failed or was still running describes a sync in an unknown state: `plan`
/// refuses it unless told to ignore it (`SNAPSHOT_LAST_RUN`).
package struct LastRun: Sendable, Hashable {
    package enum Status: String, Sendable, Hashable, CaseIterable {
        case succeeded, failed, running
    }

    package var status: Status
    /// When the run finished; nil while it runs, or when Support Fusion did not say.
    package var finishedAt: Date?

    package init(status: Status, finishedAt: Date? = nil) {
        self.status = status
        self.finishedAt = finishedAt
    }

    /// Whether the snapshot can be trusted to describe a finished, successful sync.
    package var isSettled: Bool { status == .succeeded }
}
