import RecordFormats
import SyncroAPI

/// Fetches every page of a list as fast as the rate limit allows: page 1 first, then, once `meta.total_pages` is
/// known, the remaining pages concurrently; without `total_pages`, one page after another until an empty page.
struct PageFetcher: Sendable {
    let client: SyncroClient
    /// Requests in flight for `forEach`, one record each.
    let concurrency: Int

    /// Pages in flight for `fetch`: a sixteenth of `concurrency`, at least four.
    ///
    /// A page holds a hundred records, decoded, from its arrival until it is staged, and staging (one writer)
    /// is slower than a fast server, so pages in flight are what an export's memory peaks on: 256 of them held
    /// about 100 MB. A page also brings a hundred rows for one request, so a sixteenth keeps the listing far ahead
    /// of the one-request-per-ticket detail fetches it feeds, and four pages at Syncro's 180 requests a minute
    /// (concurrency 7) still outrun the limiter at 600 ms per request.
    var pagesInFlight: Int { max(4, concurrency / 16) }

    struct Listing: Sendable {
        var pages = 0
        var records = 0
        /// `meta.total_entries` of page 1, when the endpoint reports it.
        var totalEntries: Int?
    }

    /// Calls `handle` with each page as it arrives (in any order); returns what the listing held.
    func fetch<Record: SyncroRecord>(
        _ list: ListRequest, as type: Record.Type, handle: @escaping @Sendable (Page<Record>) async throws -> Void
    ) async throws -> Listing {
        let pageSize = client.configuration.pageSize
        let first = try await client.page(list, number: 1, perPage: pageSize, as: type)
        try await handle(first)
        var listing = Listing(pages: 1, records: first.records.count, totalEntries: first.totalEntries)
        guard list.isPaged else { return listing }
        if let total = first.totalPages {
            guard total > 1 else { return listing }
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                var next = 2
                var records = 0
                func schedule() {
                    let number = next
                    next += 1
                    group.addTask {
                        let page = try await client.page(list, number: number, perPage: pageSize, as: type)
                        try await handle(page)
                        return page.records.count
                    }
                }
                while next <= total, next - 2 < pagesInFlight { schedule() }
                while let count = try await group.next() {
                    records += count
                    if next <= total { schedule() }
                }
                return records
            }
            listing.pages = total
            listing.records += counts
            return listing
        }
        guard !first.records.isEmpty else { return listing }
        var number = 2
        while true {
            let page = try await client.page(list, number: number, perPage: pageSize, as: type)
            listing.pages += 1
            guard !page.records.isEmpty else { return listing }
            try await handle(page)
            listing.records += page.records.count
            number += 1
            if number > client.configuration.maximumPages {
                throw SyncroAPIError(
                    kind: .unexpectedResponse, method: .get, path: list.path, status: 200,
                    messages: ["more than \(client.configuration.maximumPages) pages"]
                )
            }
        }
    }

    /// Runs `work` for every item with at most `concurrency` in flight.
    func forEach<Item: Sendable>(_ items: [Item], _ work: @escaping @Sendable (Item) async throws -> Void) async throws
    {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = items.makeIterator()
            var running = 0
            while running < concurrency, let item = iterator.next() {
                group.addTask { try await work(item) }
                running += 1
            }
            while try await group.next() != nil {
                if let item = iterator.next() { group.addTask { try await work(item) } }
            }
        }
    }
}
