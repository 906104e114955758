import SyncroCatalog

/// The keys of the `meta` object each list endpoint returns, in the order they are written.
///
/// Every default is the catalog's (`ExportEntity.definition.meta`), which follows the OpenAPI examples with two
/// deliberate additions: assets carry `total_entries` (a live test saw "page 1 of 2, 68 total"), and products carry
/// `total_pages` and `page` because a client cannot know when to stop paging without them. The named properties
/// are overrides for tests and scripts (set `products` to `[]` for the example's bare array); an empty list means
/// the endpoint sends no `meta`.
package struct SimulatorMetaKeys: Sendable, Hashable {
    package var tickets = ExportEntity.tickets.definition.meta
    package var customers = ExportEntity.customers.definition.meta
    package var contacts = ExportEntity.contacts.definition.meta
    package var assets = ExportEntity.assets.definition.meta
    package var comments = ExportEntity.comments.definition.meta
    package var products = ExportEntity.products.definition.meta
    /// `GET /ticket_comments`, which no catalog entity describes: the full set, in the OpenAPI examples' order.
    package var ticketComments: [EntityDefinition.MetaKey] = [.totalPages, .totalEntries, .perPage, .page]
    /// Overrides for the other entities; an entity without one uses the catalog's keys.
    package var others: [ExportEntity: [EntityDefinition.MetaKey]] = [:]

    package init() {}

    /// The `meta` keys of `entity`'s list endpoint.
    package subscript(entity: ExportEntity) -> [EntityDefinition.MetaKey] {
        switch entity {
        case .tickets: tickets
        case .customers: customers
        case .contacts: contacts
        case .assets: assets
        case .comments: comments
        case .products: products
        default: others[entity] ?? entity.definition.meta
        }
    }
}
