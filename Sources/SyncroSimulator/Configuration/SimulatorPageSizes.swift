import SyncroCatalog

/// The default page size of each list endpoint when a request sends no `per_page`.
///
/// Every default is the catalog's (`ExportEntity.definition.pageSize`): what live accounts returned, not the stale
/// "25" of the OpenAPI text, for example
///
/// | endpoint | default |
/// |---|---|
/// | `GET /tickets` | 50 |
/// | `GET /customers` | 100 |
/// | `GET /contacts` | 50 |
/// | `GET /customer_assets` | 50 |
/// | `GET /tickets/{id}/comments` | 10 |
/// | `GET /products`, `GET /invoices` | 25 |
/// | `GET /ticket_timers`, `GET /line_items` | 100 |
/// | `GET /ticket_comments` | 25 |
///
/// `GET /ticket_comments` has no catalog entity (it is one more way to read comments); its 25 is the newer API's
/// usual default, which no live account has contradicted yet. The named properties and `others` are overrides for
/// tests and scripts.
package struct SimulatorPageSizes: Sendable, Hashable {
    package var tickets = ExportEntity.tickets.definition.pageSize ?? 50
    package var customers = ExportEntity.customers.definition.pageSize ?? 100
    package var contacts = ExportEntity.contacts.definition.pageSize ?? 50
    package var assets = ExportEntity.assets.definition.pageSize ?? 50
    package var comments = ExportEntity.comments.definition.pageSize ?? 10
    package var products = ExportEntity.products.definition.pageSize ?? 25
    /// `GET /ticket_comments`, which no catalog entity describes.
    package var ticketComments = 25
    /// Overrides for the other entities; an entity without one uses the catalog's size.
    package var others: [ExportEntity: Int] = [:]

    package init() {}

    /// The default page size of `entity`'s list endpoint, or nil when it does not page.
    package subscript(entity: ExportEntity) -> Int? {
        switch entity {
        case .tickets: tickets
        case .customers: customers
        case .contacts: contacts
        case .assets: assets
        case .comments: comments
        case .products: products
        default: others[entity] ?? entity.definition.pageSize
        }
    }
}
