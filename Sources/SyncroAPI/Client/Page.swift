import RecordFormats
import SyncroCatalog

/// One page of a list endpoint, with whatever `meta` the endpoint sent.
package struct Page<Record: SyncroRecord>: Sendable {
    /// The 1-based page number asked for.
    package var number: Int
    package var records: [Record]
    /// `meta.total_pages`, when the endpoint sent it.
    package var totalPages: Int?
    /// `meta.total_entries`, when the endpoint sent it (customers, contacts, assets).
    package var totalEntries: Int?
    /// `meta.per_page`, when the endpoint sent it.
    package var perPage: Int?

    package init(number: Int, records: [Record], totalPages: Int?, totalEntries: Int?, perPage: Int?) {
        self.number = number
        self.records = records
        self.totalPages = totalPages
        self.totalEntries = totalEntries
        self.perPage = perPage
    }
}

/// What to list: the path, the key that holds the array, and the filters.
package struct ListRequest: Sendable {
    package var path: String
    package var key: String
    package var query: [(String, String)]
    /// The key that wraps each item (`{"appointment": {...}}`), when the endpoint wraps them.
    package var itemKey: String?
    /// False for an endpoint that answers everything at once and takes no `page` (`/timelogs`).
    package var isPaged: Bool

    package init(
        path: String, key: String, query: [(String, String)] = [], itemKey: String? = nil, isPaged: Bool = true
    ) {
        self.path = path
        self.key = key
        self.query = query
        self.itemKey = itemKey
        self.isPaged = isPaged
    }

    /// The list request of a catalog entity, with its fixed query and then `filters`.
    package init(_ entity: ExportEntity, filters: [(String, String)] = []) {
        let definition = entity.definition
        self.init(
            path: definition.path ?? "/\(entity.rawValue)", key: definition.listKey ?? entity.rawValue,
            query: definition.query + filters, itemKey: definition.itemKey, isPaged: definition.pageSize != nil
        )
    }
}

extension SyncroClient {
    /// Fetches one page. `perPage` nil leaves the page size to the server.
    package func page<Record: SyncroRecord>(
        _ list: ListRequest, number: Int, perPage: Int?, as type: Record.Type = Record.self,
        retriesGatewayTimeouts: Bool = true
    ) async throws -> Page<Record> {
        var query = list.query
        if list.isPaged {
            query.append(("page", String(number)))
            if let perPage { query.append(("per_page", String(perPage))) }
        }
        let request = HTTPRequest(
            method: .get, path: list.path, query: query, retriesGatewayTimeouts: retriesGatewayTimeouts)
        let body = try await send(request)
        guard let items = body[list.key]?.arrayValue else {
            throw SyncroAPIError(
                kind: .unexpectedResponse, method: .get, path: list.path, status: 200,
                messages: ["the body has no \"\(list.key)\" array"]
            )
        }
        var records: [Record] = []
        records.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            guard let object = list.itemKey.flatMap({ item[$0]?.objectValue }) ?? item.objectValue else {
                throw SyncroAPIError(
                    kind: .unexpectedResponse, method: .get, path: list.path, status: 200,
                    messages: ["item \(position) of page \(number) is not an object"]
                )
            }
            records.append(Record(json: object))
        }
        let meta = body["meta"]
        return Page(
            number: number, records: records, totalPages: meta?["total_pages"]?.intValue,
            totalEntries: meta?["total_entries"]?.intValue, perPage: meta?["per_page"]?.intValue
        )
    }

    /// Every page of a list, in order, as an `AsyncSequence`.
    package func pages<Record: SyncroRecord>(_ list: ListRequest, as type: Record.Type = Record.self) -> PageSequence<
        Record
    > {
        PageSequence(
            client: self, list: list, pageSize: configuration.pageSize, maximumPages: configuration.maximumPages)
    }

    /// Every record of a list, collected. For small lists; exports stream ``pages(_:as:)`` instead.
    package func all<Record: SyncroRecord>(_ list: ListRequest, as type: Record.Type = Record.self) async throws
        -> [Record]
    {
        var records: [Record] = []
        for try await page in pages(list, as: type) { records.append(contentsOf: page.records) }
        return records
    }
}

/// The pages of a list endpoint, fetched one after another.
///
/// It asks `per_page` (100 by default) and stops after `meta.total_pages`; when an endpoint sends no `meta` it stops
/// at the first empty page. Every `meta` variant is accepted: `{total_pages, page}`, with `total_entries` and
/// `per_page`, or none. An HTML gateway time-out makes it halve the page size (to a size that divides the records
/// already read, so no record is skipped or read twice) and ask again. A server that returns the same page twice is
/// an error, never an endless loop.
package struct PageSequence<Record: SyncroRecord>: AsyncSequence, Sendable {
    package typealias Element = Page<Record>

    let client: SyncroClient
    let list: ListRequest
    let pageSize: Int
    let maximumPages: Int

    package struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PageSequence
        var nextNumber = 1
        var pageSize: Int
        var recordsRead = 0
        var finished = false
        var previousIDs: [Int] = []
        var pagesRead = 0

        package mutating func next() async throws -> Page<Record>? {
            guard !finished else { return nil }
            while true {
                do {
                    let page = try await sequence.client.page(
                        sequence.list, number: nextNumber, perPage: pageSize, as: Record.self,
                        retriesGatewayTimeouts: pageSize <= 1
                    )
                    return try accept(page)
                } catch let error as SyncroAPIError where error.kind == .gatewayTimeout && pageSize > 1 {
                    var smaller = pageSize / 2
                    while smaller > 1, recordsRead % smaller != 0 { smaller -= 1 }
                    pageSize = smaller
                    nextNumber = recordsRead / smaller + 1
                    sequence.client.configuration.logger.warning(
                        "GET \(sequence.list.path): gateway time-out; asking \(smaller) records per page from now on")
                }
            }
        }

        private mutating func accept(_ page: Page<Record>) throws -> Page<Record>? {
            pagesRead += 1
            let ids = page.records.compactMap(\.id)
            if !ids.isEmpty, ids == previousIDs {
                throw SyncroAPIError(
                    kind: .unexpectedResponse, method: .get, path: sequence.list.path, status: 200,
                    messages: ["page \(page.number) repeats the previous page; the endpoint ignores the page parameter"]
                )
            }
            if pagesRead >= sequence.maximumPages {
                throw SyncroAPIError(
                    kind: .unexpectedResponse, method: .get, path: sequence.list.path, status: 200,
                    messages: ["more than \(sequence.maximumPages) pages"]
                )
            }
            previousIDs = ids
            recordsRead += page.records.count
            nextNumber = page.number + 1
            if page.records.isEmpty {
                finished = true
                // An empty first page is a real (empty) result; an empty later page only ends the listing.
                return page.number == 1 ? page : nil
            }
            if let total = page.totalPages, page.number >= total { finished = true }
            if !sequence.list.isPaged { finished = true }
            return page
        }
    }

    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(sequence: self, pageSize: pageSize)
    }
}
