import Foundation
import SyncroCatalog

/// What an export writes, where, and how it limits itself to changes.
package struct ExportOptions: Sendable {
    package var outputDirectory: String
    package var format: ExportFormat = .csv
    package var entities: [ExportEntity] = ExportEntity.defaults
    package var comments: CommentsMode = .all
    /// Whether each ticket's detail is read (one request per ticket: asset links, attachments, worksheets).
    package var details: DetailsMode = .none
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
package enum ExportProgress: Sendable {
    /// Fetching into the staging mirror: records committed, requests made and known to be left.
    case fetching(MirrorProgress)
    /// Writing one entity's file.
    case writing(ExportEntity)
}
