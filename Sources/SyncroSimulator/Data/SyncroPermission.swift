/// The names of Syncro API token permissions, spelled exactly as the OpenAPI operation descriptions spell them.
///
/// Names from the setup guide that the OpenAPI never mentions (comments, attachments, tags) follow the same
/// "Module - Action" style. A token's permissions are plain strings, so unknown names load and simply grant
/// nothing; `"*"` grants everything.
package enum SyncroPermission {
    package static let all = "*"

    package static let ticketsList = "Tickets - List/Search"
    package static let ticketsView = "Tickets - View Details"
    package static let ticketsViewTheirs = "Tickets - View 'Their Ticket' Details (assigned to them)"
    package static let ticketsCreate = "Tickets - Create"
    package static let ticketsEdit = "Tickets - Edit"
    package static let ticketsDelete = "Tickets - Delete"
    package static let customersList = "Customers - List/Search"
    package static let customersView = "Customers - View Detail"
    package static let customersCreate = "Customers - Create"
    package static let customersEdit = "Customers - Edit"
    package static let customersDelete = "Customers - Delete"
    package static let assetsList = "Assets - List/Search"
    package static let assetsView = "Assets - View Details"
    package static let assetsCreate = "Assets - Create"
    package static let assetsEdit = "Assets - Edit"
    package static let productsList = "Products - List/Search"
    package static let productsCreate = "Products - Create"
    package static let productsEdit = "Products - Edit"

    package static let ticketCommentsNew = "Ticket Comments - New"
    package static let ticketAttachmentsView = "Ticket Attachments - View"
    package static let endUserTags = "Tags - End User Tags"
    package static let organizationTags = "Tags - Organization Tags"
    package static let ticketTags = "Tags - Ticket Tags"
}
