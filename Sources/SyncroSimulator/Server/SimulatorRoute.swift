import SyncroCatalog

/// An API endpoint the simulator implements, with the record id from its path.
///
/// A path id that is not an integer stays in the route as nil, so the permission check still runs first and the
/// lookup then answers 404, as Rails does.
package enum SimulatorRoute: Sendable, Hashable {
    case me
    case listTickets
    case createTicket
    case ticketSettings
    case showTicket(Int?)
    case updateTicket(Int?)
    case deleteTicket(Int?)
    case listComments(ticketID: Int?)
    case createComment(ticketID: Int?)
    /// `GET /ticket_comments`: the comments of many tickets in one list (newer accounts only; see
    /// ``SimulatorConfiguration/servesTicketComments``).
    case listTicketComments
    case listCustomers
    case showCustomer(Int?)
    case listContacts
    case showContact(Int?)
    case listAssets
    case showAsset(Int?)
    case listUsers
    case showUser(Int?)
    case listProducts
    case showProduct(Int?)
    case settings
    /// `GET path` of one of the dataset's ``SimulatorDataset/recordEntities`` (the first entity of the path:
    /// `/line_items` serves both kinds of line item).
    case listRecords(ExportEntity)
    /// `GET detailPath` of one of the record entities.
    case showRecord(ExportEntity, Int?)

    /// The route of `method` and the path segments after `/api/v1`, or nil when Syncro has no such endpoint.
    package init?(method: String, segments: [String]) {
        let id = segments.count > 1 ? Int(segments[1]) : nil
        switch (method, segments.count, segments.first ?? "") {
        case ("GET", 1, "me"): self = .me
        case ("GET", 1, "tickets"): self = .listTickets
        case ("POST", 1, "tickets"): self = .createTicket
        case ("GET", 2, "tickets") where segments[1] == "settings": self = .ticketSettings
        case ("GET", 2, "tickets"): self = .showTicket(id)
        case ("PUT", 2, "tickets"), ("PATCH", 2, "tickets"): self = .updateTicket(id)
        case ("DELETE", 2, "tickets"): self = .deleteTicket(id)
        case ("GET", 3, "tickets") where segments[2] == "comments": self = .listComments(ticketID: id)
        case ("POST", 3, "tickets") where segments[2] == "comment": self = .createComment(ticketID: id)
        case ("GET", 1, "ticket_comments"): self = .listTicketComments
        case ("GET", 1, "customers"): self = .listCustomers
        case ("GET", 2, "customers"): self = .showCustomer(id)
        case ("GET", 1, "contacts"): self = .listContacts
        case ("GET", 2, "contacts"): self = .showContact(id)
        case ("GET", 1, "customer_assets"): self = .listAssets
        case ("GET", 2, "customer_assets"): self = .showAsset(id)
        case ("GET", 1, "users"): self = .listUsers
        case ("GET", 2, "users"): self = .showUser(id)
        case ("GET", 1, "products"): self = .listProducts
        case ("GET", 2, "products"): self = .showProduct(id)
        case ("GET", 1, "settings"): self = .settings
        case ("GET", 1, let name):
            guard let entity = Self.recordEntity({ $0.path == "/" + name }) else { return nil }
            self = .listRecords(entity)
        case ("GET", 2, let name):
            guard let entity = Self.recordEntity({ $0.detailPath == "/\(name)/{id}" }) else { return nil }
            self = .showRecord(entity, id)
        default: return nil
        }
    }

    /// The first record entity whose definition matches.
    private static func recordEntity(_ matches: (EntityDefinition) -> Bool) -> ExportEntity? {
        SimulatorDataset.recordEntities.first { matches($0.definition) }
    }

    /// The permissions of which the token needs one, or an empty list when the endpoint lists none
    /// (as live accounts do).
    package var requiredPermissions: [String] {
        switch self {
        case .me, .ticketSettings, .listUsers, .showUser, .settings: []
        case .listTickets: [SyncroPermission.ticketsList]
        case .createTicket: [SyncroPermission.ticketsCreate]
        case .showTicket, .listComments: [SyncroPermission.ticketsView]
        case .listTicketComments: [SyncroPermission.ticketsView, SyncroPermission.ticketsViewTheirs]
        case .updateTicket, .createComment: [SyncroPermission.ticketsEdit]
        case .deleteTicket: [SyncroPermission.ticketsDelete]
        case .listCustomers: [SyncroPermission.customersList]
        case .showCustomer, .listContacts, .showContact: [SyncroPermission.customersView]
        case .listAssets: [SyncroPermission.assetsList]
        case .showAsset: [SyncroPermission.assetsView]
        case .listProducts, .showProduct: [SyncroPermission.productsList]
        case .listRecords(let entity): entity.definition.permissions
        case .showRecord(let entity, _): entity.definition.detailPermissions ?? entity.definition.permissions
        }
    }

    /// Whether the request changes data (a `dropAfterWrite` fault applies it before dropping the connection).
    package var isWrite: Bool {
        switch self {
        case .createTicket, .updateTicket, .deleteTicket, .createComment: true
        default: false
        }
    }
}
