/// The keys of the `meta` object each list endpoint returns, in the order they are written.
///
/// Syncro's `meta` differs per endpoint (as live accounts showed). An empty list means the endpoint sends no `meta`.
/// The defaults follow the OpenAPI examples, with two deliberate additions: assets carry
/// `total_entries` (a live test saw "page 1 of 2, 68 total"), and products carry `total_pages` and `page`
/// because a client cannot know when to stop paging without them (set `products` to `[]` for the example's
/// bare array).
package struct SimulatorMetaKeys: Sendable, Hashable {
    /// One key of a `meta` object.
    package enum Key: String, Sendable, Hashable, CaseIterable {
        case totalPages = "total_pages"
        case totalEntries = "total_entries"
        case perPage = "per_page"
        case page
    }

    package var tickets: [Key] = [.totalPages, .page]
    package var customers: [Key] = [.totalPages, .totalEntries, .perPage, .page]
    package var contacts: [Key] = [.totalPages, .totalEntries, .perPage, .page]
    package var assets: [Key] = [.totalPages, .totalEntries, .perPage, .page]
    package var comments: [Key] = [.totalPages, .page, .perPage]
    package var products: [Key] = [.totalPages, .page]

    package init() {}
}
