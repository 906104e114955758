/// What one entity is: where the API lists it, who may read it, how it pages and filters, and how an export writes it.
///
/// The values for every entity are in `EntityCatalog.swift`; read them through ``ExportEntity/definition``.
package struct EntityDefinition: Sendable {
    /// How an export reads the records.
    package enum Source: Sendable, Equatable {
        /// Every page of the list endpoint.
        case list
        /// The ticket list, then each ticket's detail (comments, attachments, asset links).
        case ticketsWithDetails
        /// The comments inside the ticket details (or the first comment of each ticket list row).
        case ticketComments
        /// The tags in the tickets' and customers' `tag_list`.
        case derivedTags
        /// The `[id, name]` pairs of `GET /users`, then each user's detail.
        case userPairs
    }

    /// One key of a list endpoint's `meta` object.
    package enum MetaKey: String, Sendable, Hashable, CaseIterable {
        case totalPages = "total_pages"
        case totalEntries = "total_entries"
        case perPage = "per_page"
        case page
    }

    /// A permission that decides how much an endpoint returns rather than whether it answers.
    package struct Scope: Sendable {
        package var permission: String
        /// What the endpoint returns without it.
        package var without: String
    }

    /// How many records the simulator's generator makes: `percent` of the number of `basis` records, or a fixed
    /// count.
    package enum Seed: Sendable, Equatable {
        case per(ExportEntity, percent: Int)
        case fixed(Int)
    }

    /// The XML element of one record (`invoice`).
    package var recordName: String
    package var source: Source = .list
    /// The list endpoint (`/invoices`); nil for entities derived from others.
    package var path: String?
    /// The key of the array in a list response (`invoices`).
    package var listKey: String?
    /// The key that wraps each list item, when items are wrapped (`{"appointment": {...}}`).
    package var itemKey: String?
    /// Query parameters every list request sends (`include_disabled=true`).
    package var query: [(String, String)] = []
    /// The detail endpoint, with `{id}` for the record id.
    package var detailPath: String?
    /// The key that wraps the detail object; nil when the detail is the object itself.
    package var detailKey: String?
    /// The token permissions (Syncro's words) of which one lets the list endpoint answer; empty when Syncro
    /// documents none.
    package var permissions: [String] = []
    /// The permissions of the detail endpoint, where Syncro documents others than the list's.
    package var detailPermissions: [String]?
    /// A permission that widens what the endpoint returns, where its absence narrows the answer instead of
    /// refusing it (time clock entries, appointments).
    package var scope: Scope?
    /// The page size Syncro uses when a request sends no `per_page`; nil when the endpoint does not page.
    package var pageSize: Int?
    /// Whether `per_page` is honoured (the client asks 100).
    package var honoursPerPage = true
    /// The keys of the `meta` object, in Syncro's order; empty when the endpoint sends none.
    package var meta: [MetaKey] = []
    /// The query parameter that lists only records updated after a time, when the endpoint has one.
    package var incrementalFilter: String?
    /// The entity whose records these belong to (line items of invoices).
    package var parent: ExportEntity?
    /// The documented CSV columns, in order.
    package var columns: [CSVColumn]
    /// Whether records carry custom fields in `properties` (written as `properties.NAME` columns).
    package var hasCustomFields = false
    /// How many the simulator generates; nil for the entities it generates by hand.
    package var seed: Seed?

    /// Whether a client can know when the listing ends from `meta.total_pages`; without it, it reads until an
    /// empty page, one request more.
    package var hasTotalPages: Bool { meta.contains(.totalPages) }
}

extension ExportEntity {
    /// Requests a listing of `count` records costs at 100 a page: `meta.total_pages` ends it after the last full
    /// page; without it the client needs one empty page more. Not for entities that are derived or not paged.
    package func listRequests(records count: Int) -> Int {
        let definition = definition
        guard definition.pageSize != nil else { return 1 }
        let pages = max(1, (count + 99) / 100)
        return definition.hasTotalPages || count == 0 ? pages : pages + 1
    }
}
