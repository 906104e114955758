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

    package static let globalAdmin = "Global Admin"
    package static let invoicesList = "Invoices - List/Search"
    package static let invoicesView = "Invoices - View Details"
    package static let estimatesList = "Estimates - List/Search"
    package static let estimatesView = "Estimates - View Details"
    package static let paymentsList = "Payments - View List"
    package static let ticketTimersOverview = "Ticket Timers - Overview"
    package static let timelogsManage = "Timelogs - Manage"
    package static let appointmentsViewAll = "Appointments - View All"
    package static let contractsList = "Contracts - List/Search"
    package static let leadsList = "Leads - List/Search"
    package static let vendorsList = "Vendors - List"
    package static let purchaseOrdersList = "Purchase Orders - List/Search"
    package static let partsOrdersList = "Parts Orders - List/Search"
    package static let rmmAlertsList = "RMM Alerts - List"
    package static let documentationUsage = "Documentation - Allow Usage"

    package static let ticketCommentsNew = "Ticket Comments - New"
    package static let ticketAttachmentsView = "Ticket Attachments - View"
    package static let endUserTags = "Tags - End User Tags"
    package static let organizationTags = "Tags - Organization Tags"
    package static let ticketTags = "Tags - Ticket Tags"
}
