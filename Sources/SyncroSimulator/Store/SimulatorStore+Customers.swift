import RecordFormats

/// The customer ("organization"), contact ("end user") and asset endpoints.
extension SimulatorStore {
    /// `GET /customers`: "like" filters (case-insensitive), `sort`, disabled customers hidden by default.
    func listCustomers(_ request: APIRequest) -> APIReply {
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.customers, configuration: configuration)
        let includeDisabled = query.bool("include_disabled") ?? false
        let likeFilters = ["business_name", "firstname", "lastname", "email"].compactMap { name in
            query.nonEmpty(name).map { (name, $0.lowercased()) }
        }
        let text = query.nonEmpty("query")?.lowercased()
        let ids = Set(query.list("id").compactMap { Int($0) })
        let excluded = Set(query.list("not_id").compactMap { Int($0) })

        var matches = customers.records.filter { customer in
            guard request.token.sees(customer: customer["id"]?.intValue) else { return false }
            if !includeDisabled, customer["disabled"]?.boolValue == true { return false }
            let id = customer["id"]?.intValue ?? 0
            if !ids.isEmpty, !ids.contains(id) { return false }
            if excluded.contains(id) { return false }
            for (name, wanted) in likeFilters {
                guard let value = customer[name]?.stringValue?.lowercased(), value.contains(wanted) else {
                    return false
                }
            }
            if let text {
                let fields = [
                    customer["business_name"]?.stringValue, customer["firstname"]?.stringValue,
                    customer["lastname"]?.stringValue, Self.fullName(of: customer), customer["email"]?.stringValue,
                    customer["phone"]?.stringValue, customer["mobile"]?.stringValue,
                ]
                guard fields.contains(where: { $0?.lowercased().contains(text) == true }) else { return false }
            }
            return true
        }
        if let sort = query.nonEmpty("sort") { matches = Self.sorted(matches, by: sort) }
        let rows = page.slice(matches).map { JSONValue.object(renderCustomer($0)) }
        return .json(page.body("customers", total: matches.count, items: rows, keys: configuration.metaKeys.customers))
    }

    /// `GET /customers/{id}` (disabled customers too).
    func showCustomer(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let customer = customers[id], request.token.sees(customer: id) else { return .notFound }
        return .json(["customer": .object(renderCustomer(customer))])
    }

    /// `GET /contacts`: filtered by `customer_id` only.
    func listContacts(_ request: APIRequest) -> APIReply {
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.contacts, configuration: configuration)
        var matches = contacts.records.filter { request.token.sees(customer: $0["customer_id"]?.intValue) }
        if let text = query.nonEmpty("customer_id") {
            let id = Int(text)
            matches = matches.filter { id != nil && $0["customer_id"]?.intValue == id }
        }
        let rows = page.slice(matches).map { JSONValue.object(Self.renderContact($0)) }
        return .json(page.body("contacts", total: matches.count, items: rows, keys: configuration.metaKeys.contacts))
    }

    /// `GET /contacts/{id}`: a flat object, no wrapper.
    func showContact(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let contact = contacts[id], request.token.sees(customer: contact["customer_id"]?.intValue) else {
            return .notFound
        }
        return .json(.object(Self.renderContact(contact)))
    }

    /// `GET /customer_assets`: `customer_id`, `asset_type_id` (through the settings' asset types) and `query`.
    func listAssets(_ request: APIRequest) -> APIReply {
        let query = request.query
        let page = PageRequest(query, defaultSize: configuration.pageSizes.assets, configuration: configuration)
        var matches = assets.records.filter { request.token.sees(customer: $0["customer_id"]?.intValue) }
        if let text = query.nonEmpty("customer_id") {
            let id = Int(text)
            matches = matches.filter { id != nil && $0["customer_id"]?.intValue == id }
        }
        if let text = query.nonEmpty("asset_type_id") {
            let types = currentSettings["assets"]?["asset_types"]?.arrayValue ?? []
            let name = types.first { $0["id"]?.intValue == Int(text) }?["name"]?.stringValue
            matches = matches.filter { name != nil && $0["asset_type"]?.stringValue == name }
        }
        if let text = query.nonEmpty("query")?.lowercased() {
            matches = matches.filter { asset in
                ["name", "asset_serial", "asset_type"].contains {
                    asset[$0]?.stringValue?.lowercased().contains(text) == true
                }
            }
        }
        let rows = page.slice(matches).map { JSONValue.object(renderAsset($0)) }
        return .json(page.body("assets", total: matches.count, items: rows, keys: configuration.metaKeys.assets))
    }

    /// `GET /customer_assets/{id}` → `{"asset": {...}}` (the wrapper is the reference's inference).
    func showAsset(_ id: Int?, _ request: APIRequest) -> APIReply {
        guard let asset = assets[id], request.token.sees(customer: asset["customer_id"]?.intValue) else {
            return .notFound
        }
        return .json(["asset": .object(renderAsset(asset, shape: SyncroShapes.assetDetail))])
    }

    /// Records ordered by a Syncro `sort` value such as `"firstname ASC"` or `"city DESC"`.
    ///
    /// Strings compare case-insensitively and numbers numerically; nulls sort last ascending and first
    /// descending, as in PostgreSQL. Ties keep id order.
    static func sorted(_ records: [JSONObject], by sort: String) -> [JSONObject] {
        let parts = sort.split(separator: " ", omittingEmptySubsequences: true)
        guard let field = parts.first.map(String.init) else { return records }
        let descending = parts.count > 1 && parts[1].uppercased() == "DESC"
        func ascending(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool? {
            switch (lhs, rhs) {
            case (.number(let a)?, .number(let b)?):
                let (x, y) = (Double(a) ?? 0, Double(b) ?? 0)
                return x == y ? nil : x < y
            case (.string(let a)?, .string(let b)?):
                let (x, y) = (a.lowercased(), b.lowercased())
                return x == y ? nil : x < y
            case (.bool(let a)?, .bool(let b)?):
                return a == b ? nil : !a
            case (.none, .none), (.null?, .null?), (.none, .null?), (.null?, .none):
                return nil
            case (.none, _), (.null?, _):
                return false
            case (_, .none), (_, .null?):
                return true
            default:
                return nil
            }
        }
        return records.enumerated().sorted { lhs, rhs in
            if let order = ascending(lhs.element[field], rhs.element[field]) { return order != descending }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
