/// The default page size of each list endpoint when a request sends no `per_page`.
///
/// The defaults are what live accounts returned (as live accounts showed), not the stale "25" of the OpenAPI text:
///
/// | endpoint | default |
/// |---|---|
/// | `GET /tickets` | 50 |
/// | `GET /customers` | 100 |
/// | `GET /contacts` | 50 |
/// | `GET /customer_assets` | 50 |
/// | `GET /tickets/{id}/comments` | 10 |
/// | `GET /products` | 25 |
package struct SimulatorPageSizes: Sendable, Hashable {
    package var tickets = 50
    package var customers = 100
    package var contacts = 50
    package var assets = 50
    package var comments = 10
    package var products = 25

    package init() {}
}
