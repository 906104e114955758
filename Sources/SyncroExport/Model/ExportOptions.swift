import Foundation
import SyncroCatalog

/// What an export writes, where, and how it limits itself to changes.
package struct ExportOptions: Sendable {
    package var outputDirectory: String
    package var format: ExportFormat = .csv
    package var entities: [ExportEntity] = ExportEntity.defaults
    package var comments: CommentsMode = .all
    /// Only records updated after this instant (`--since`); tickets are filtered by the API, the rest here.
    package var since: Date?
    /// The incremental state file (`--state`).
    package var statePath: String?
    /// Excel's CSV dialect: BOM, CRLF, formula-like cells neutralised.
    package var excelCSV = false
    /// How far before the watermark an incremental run asks again, because `since_updated_at` may be
    /// date-granular or inclusive; re-read records are dropped by their unchanged content hash.
    package var overlap: TimeInterval = 3600
    /// Requests in flight at once; nil derives it from the rate limit (enough to hide 1 s of latency).
    package var concurrency: Int?

    package init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }
}

/// Progress of a running export, for a terminal line or a log.
package struct ExportProgress: Sendable {
    package enum Phase: String, Sendable {
        case listing, details, writing
    }

    package var entity: ExportEntity
    package var phase: Phase
    package var done: Int
    /// The total when known (pages from `total_pages`, tickets to detail).
    package var total: Int?
}
