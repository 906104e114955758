import RecordFormats
import SyncroCatalog

/// The account-level endpoints: `/me`, users, products and settings.
extension SimulatorStore {
    /// `GET /me` for the token's user, with permission flags derived from the token's permissions.
    func me(_ request: APIRequest) -> APIReply {
        let token = request.token
        let user = users[token.userID] ?? users.records.first
        func flags(_ read: String, _ write: [String], _ delete: String) -> JSONValue {
            [
                "read": .bool(token.grants(read)), "write": .bool(token.grantsAny(write)),
                "delete": .bool(token.grants(delete)),
            ]
        }
        let body: JSONValue = [
            // Never the real token: a stable stand-in derived from the token's name.
            "user_token": .string("sim-" + String(token.name.stableHash, radix: 16)),
            "user_email": user?["email"] ?? nil,
            "user_name": user?["full_name"] ?? nil,
            "user_id": user?["id"] ?? nil,
            "admin": .bool(token.grants(SyncroPermission.all) || user?["admin"]?.boolValue == true),
            "can_use_app": true,
            "two_factor_required": false,
            "subdomain": .string(configuration.subdomain),
            "default_location": nil,
            "enable_multi_locations": false,
            "locations_allowed": [],
            "permissions": [
                "asset": flags(
                    SyncroPermission.assetsView, [SyncroPermission.assetsEdit, SyncroPermission.assetsCreate],
                    "Assets - Delete"),
                "customer": flags(
                    SyncroPermission.customersView, [SyncroPermission.customersEdit, SyncroPermission.customersCreate],
                    SyncroPermission.customersDelete
                ),
                "ticket": flags(
                    SyncroPermission.ticketsView, [SyncroPermission.ticketsEdit, SyncroPermission.ticketsCreate],
                    SyncroPermission.ticketsDelete
                ),
                "invoice": flags(
                    "Invoices - View Details", ["Invoices - Edit", "Invoices - Create"], "Invoices - Delete"),
                "payment": flags("Payments - View Details", ["Payments - Create"], "Payments - Delete"),
                "worksheet": [
                    "add": .bool(token.grants(SyncroPermission.ticketsEdit)),
                    "manage": .bool(token.grants(SyncroPermission.ticketsEdit)),
                    "delete": .bool(token.grants(SyncroPermission.ticketsDelete)),
                ],
                "script": ["execute": .bool(token.grants("Scripts - Run"))],
            ],
        ]
        return .json(body)
    }

    /// `GET /users`: `[[id, "name"], …]` tuples, no meta.
    func listUsers() -> APIReply {
        let rows = users.records.map { user -> JSONValue in
            [user["id"] ?? nil, user["full_name"] ?? nil]
        }
        return .json(["users": .array(rows)])
    }

    /// `GET /users/{id}`: the `admin` flag under its plain name.
    func showUser(_ id: Int?) -> APIReply {
        guard let user = users[id] else { return .notFound }
        return .json(["user": .object(SyncroShapes.user.render(user))])
    }

    /// `GET /products`: `name`, `query`, `sku`, `upc_code`, `id[]`, `id_not[]`, `sort`; 25 per page.
    func listProducts(_ request: APIRequest) -> APIReply {
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.products, configuration: configuration)
        let name = query.nonEmpty("name")?.lowercased()
        let text = query.nonEmpty("query")?.lowercased()
        let sku = query.nonEmpty("sku")
        let upc = query.nonEmpty("upc_code")
        let ids = Set(query.list("id").compactMap { Int($0) })
        let excluded = Set(query.list("id_not").compactMap { Int($0) })
        var matches = products.records.filter { product in
            let id = product["id"]?.intValue ?? 0
            if !ids.isEmpty, !ids.contains(id) { return false }
            if excluded.contains(id) { return false }
            if let name, product["name"]?.stringValue?.lowercased().contains(name) != true { return false }
            if let text {
                let fields = [product["name"]?.stringValue, product["description"]?.stringValue]
                guard fields.contains(where: { $0?.lowercased().contains(text) == true }) else { return false }
            }
            if let upc, product["upc_code"]?.stringValue != upc { return false }
            if let sku {
                let skus = (product["product_skus"]?.arrayValue ?? []).compactMap { $0["sku"]?.stringValue }
                guard skus.contains(sku) else { return false }
            }
            return true
        }
        if let sort = query.nonEmpty("sort") { matches = Self.sorted(matches, by: sort) }
        let rows = page.slice(matches).map { JSONValue.object(SyncroShapes.product.render($0)) }
        return .json(page.body("products", total: matches.count, items: rows, keys: configuration.metaKeys.products))
    }

    /// `GET /products/{id}`.
    func showProduct(_ id: Int?) -> APIReply {
        guard let product = products[id] else { return .notFound }
        return .json(["product": .object(SyncroShapes.product.render(product))])
    }

    /// The body of `GET /settings`: the dataset's, or a default modelled on the OpenAPI example.
    var currentSettings: JSONObject {
        settings ?? SimulatorDefaults.settings
    }

    /// The body of `GET /tickets/settings`, with `users` filled from the users when the dataset has none.
    var currentTicketSettings: JSONObject {
        var result = ticketSettings ?? SimulatorDefaults.ticketSettings
        if result["users"]?.arrayValue?.isEmpty ?? true {
            result["users"] = .array(
                users.records.map { ["id": $0["id"] ?? nil, "name": $0["full_name"] ?? nil] }
            )
        }
        return result
    }
}
