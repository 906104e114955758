import Foundation
import SyncroCatalog

/// Whether ticket details are fetched: `all` costs one request per (changed) ticket and brings asset links,
/// attachments and the other detail-only fields; `none` keeps the list rows.
package enum DetailsMode: String, Sendable, CaseIterable {
    case all, none
}

/// What `sync --mirror` fetches and how long it may run.
package struct MirrorOptions: Sendable {
    package var entities: [ExportEntity] = ExportEntity.defaults
    package var details: DetailsMode = .none
    /// Stop cleanly after this many requests (exit 3); the next run continues.
    package var maxRequests: Int?
    /// Stop cleanly after this long.
    package var maxDuration: Duration?
    /// List every ticket id to notice deleted tickets, even when the last full scan is recent.
    package var fullScan = false
    /// How far before the watermark an incremental run asks again (`since_updated_at` may be date-granular).
    package var overlap: TimeInterval = 3600
    /// A full scan runs by itself when the last one is older than this.
    package var fullScanInterval: TimeInterval = 7 * 86_400
    /// Requests in flight at once; nil derives it from the rate limit.
    package var concurrency: Int?
    /// Where a mirror with no complete pass yet starts: tickets (and entities with an updated-since filter) listed
    /// from these instants instead of in full. An export's staging mirror uses it for `--since` and `--state`.
    package var since: [ExportEntity: Date] = [:]
    /// `first` keeps only the first comment each ticket's list row carries, with no comment request; `none`
    /// (like leaving `comments` out of the entities) reads no comment at all.
    package var comments: CommentsMode = .all

    package init() {}
}

/// What a sync did.
package struct MirrorReport: Sendable {
    /// `full` (the first complete pass), `incremental`, or `scan` (incremental plus every ticket id listed).
    package var kind: String
    /// False when a budget stopped the sync before the pass was complete.
    package var complete: Bool
    /// True when this run continued a pass an earlier run left unfinished.
    package var resumed: Bool
    package var requests: Int
    package var changed: [ExportEntity: Int] = [:]
    package var deleted: [ExportEntity: Int] = [:]
    /// `bulk` (`GET /ticket_comments`), `per-ticket` or `details`.
    package var comments: String?
    package var warnings: [String] = []
    package var stoppedBy: String?
    /// Records listed twice in this pass (moved between pages while paging); the newest was kept.
    package var duplicates: [ExportEntity: Int] = [:]
}

/// How far a sync is: records committed, requests made, and the requests still known to be needed (pages of the
/// listings whose size is known, and queued details), for the progress line.
package struct MirrorProgress: Sendable {
    package var records: Int
    package var requests: Int
    package var requestsLeft: Int
}
