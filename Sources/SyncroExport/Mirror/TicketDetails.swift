import Foundation
import Synchronization
import SyncroAPI
import SyncroCatalog

/// Ticket details read on demand: the asset links that only a ticket's detail carries, for the tickets a
/// comparison needs them of (`diff` and `plan` over an export or mirror made without `--details all`).
package enum TicketDetails {
    /// The asset links of `ids`: from the mirror's rows that already hold their detail, else read from Syncro
    /// (one request per ticket, as many in flight as the rate limit keeps busy). Each detail read is merged into
    /// its row in `store`, when given, so the next comparison does not read it again. A ticket gone from Syncro
    /// (404) is left out. Returns the links found and how many details were requested.
    package static func assetLinks(
        of ids: [Int], client: SyncroClient?, store: StagingStore?
    ) async throws -> (links: [Int: [Int]], requested: Int) {
        var links = try store?.assetLinks(ofDetailed: ids) ?? [:]
        let missing = ids.filter { links[$0] == nil }
        guard let client, !missing.isEmpty else { return (links, 0) }
        let read = Mutex<[Int: [Int]]>([:])
        let concurrency = min(256, max(4, client.limiter.requestsPerMinute / 60 + 4))
        try await PageFetcher(client: client, concurrency: concurrency).forEach(missing) { id in
            let detail: Ticket
            do {
                detail = try await client.ticket(id: id)
            } catch let error as SyncroAPIError where error.kind == .notFound {
                return
            }
            let assets = detail.json["asset_ids"]?.arrayValue?.compactMap(\.intValue) ?? []
            read.withLock { $0[id] = assets }
            if let store, var row = try store.anyRecord(.tickets, id: id) {
                for (key, value) in detail.json where key != "comments" { row[key] = value }
                try store.commitDetail(id, pending: "detail", row: row, pass: 0, now: Date().timeIntervalSince1970)
            }
        }
        links.merge(read.withLock { $0 }) { $1 }
        return (links, missing.count)
    }
}
