import RecordFormats

/// The stable, documented CSV columns of each entity. `properties.NAME` columns follow, one per custom field
/// found in the export, sorted by name.
///
/// JSON, JSON Lines and XML carry every field the API returned; CSV carries these. Lists and nested values (tags,
/// asset ids, attachments) are one cell of compact JSON, so nothing in a documented column is lost.
package enum EntityColumns {
    package static func base(_ entity: ExportEntity) -> [CSVColumn] {
        switch entity {
        case .tickets:
            [
                CSVColumn("id", .number), CSVColumn("number", .number), CSVColumn("subject"), CSVColumn("status"),
                CSVColumn("priority"), CSVColumn("problem_type"), CSVColumn("customer_id", .number),
                CSVColumn("customer_business_then_name"), CSVColumn("contact_id", .number),
                CSVColumn("contact_fullname"),
                CSVColumn("user_id", .number), CSVColumn("ticket_type_id", .number), CSVColumn("ticket_type_name"),
                CSVColumn("location_id", .number), CSVColumn("location_name"), CSVColumn("created_at"),
                CSVColumn("updated_at"), CSVColumn("due_date"), CSVColumn("start_at"), CSVColumn("end_at"),
                CSVColumn("resolved_at"), CSVColumn("billing_status"), CSVColumn("sla_name"),
                CSVColumn("parent_id", .number), CSVColumn("tag_list", .json), CSVColumn("customer_tag_list", .json),
                CSVColumn("asset_ids", .json), CSVColumn("attachments", .json),
            ]
        case .comments:
            [
                CSVColumn("id", .number), CSVColumn("ticket_id", .number), CSVColumn("created_at"),
                CSVColumn("updated_at"), CSVColumn("subject"), CSVColumn("body"), CSVColumn("tech"),
                CSVColumn("hidden", .boolean), CSVColumn("user_id", .number), CSVColumn("is_rich_text", .boolean),
            ]
        case .customers:
            [
                CSVColumn("id", .number), CSVColumn("business_name"), CSVColumn("firstname"), CSVColumn("lastname"),
                CSVColumn("fullname"), CSVColumn("email"), CSVColumn("phone"), CSVColumn("mobile"),
                CSVColumn("address"), CSVColumn("address_2"), CSVColumn("city"), CSVColumn("state"), CSVColumn("zip"),
                CSVColumn("notes"), CSVColumn("disabled", .boolean), CSVColumn("opt_out", .boolean),
                CSVColumn("no_email", .boolean), CSVColumn("get_sms", .boolean), CSVColumn("referred_by"),
                CSVColumn("created_at"), CSVColumn("updated_at"), CSVColumn("tag_list", .json),
            ]
        case .contacts:
            [
                CSVColumn("id", .number), CSVColumn("customer_id", .number), CSVColumn("name"), CSVColumn("email"),
                CSVColumn("phone"), CSVColumn("mobile"), CSVColumn("address1"), CSVColumn("address2"),
                CSVColumn("city"), CSVColumn("state"), CSVColumn("zip"), CSVColumn("notes"),
                CSVColumn("opt_out", .boolean), CSVColumn("created_at"), CSVColumn("updated_at"),
            ]
        case .assets:
            [
                CSVColumn("id", .number), CSVColumn("customer_id", .number), CSVColumn("contact_id", .number),
                CSVColumn("name"), CSVColumn("asset_type"), CSVColumn("asset_serial"), CSVColumn("external_rmm_link"),
                CSVColumn("created_at"), CSVColumn("updated_at"),
            ]
        case .tags:
            [CSVColumn("entity_type"), CSVColumn("entity_id", .number), CSVColumn("tag"), CSVColumn("source")]
        case .users:
            [
                CSVColumn("id", .number), CSVColumn("name"), CSVColumn("full_name"), CSVColumn("email"),
                CSVColumn("group"), CSVColumn("admin", .boolean), CSVColumn("color"), CSVColumn("created_at"),
                CSVColumn("updated_at"),
            ]
        case .products:
            [
                CSVColumn("id", .number), CSVColumn("name"), CSVColumn("description"), CSVColumn("product_category"),
                CSVColumn("upc_code"), CSVColumn("price_cost", .number), CSVColumn("price_retail", .number),
                CSVColumn("price_wholesale", .number), CSVColumn("quantity", .number), CSVColumn("taxable", .boolean),
                CSVColumn("disabled", .boolean), CSVColumn("maintain_stock", .boolean),
                CSVColumn("serialized", .boolean), CSVColumn("notes"),
            ]
        }
    }

    /// Whether an entity's records carry `properties` custom fields.
    package static func hasProperties(_ entity: ExportEntity) -> Bool {
        [.tickets, .customers, .contacts, .assets].contains(entity)
    }

    /// The full column list: the base columns, then `properties.NAME` for each custom field name, sorted.
    package static func columns(_ entity: ExportEntity, propertyNames: some Sequence<String>) -> [CSVColumn] {
        base(entity) + propertyNames.sorted().map { CSVColumn("properties.\($0)", key: $0, .text, isProperty: true) }
    }

    /// The columns a CSV header names: documented columns by name, `properties.NAME` as custom fields, and any
    /// other header as text.
    package static func columns(_ entity: ExportEntity, header: [String]) -> [CSVColumn] {
        let known = Dictionary(base(entity).map { ($0.header, $0) }, uniquingKeysWith: { first, _ in first })
        return header.map { name in
            if let column = known[name] { return column }
            if name.hasPrefix("properties.") {
                return CSVColumn(name, key: String(name.dropFirst("properties.".count)), .text, isProperty: true)
            }
            return CSVColumn(name)
        }
    }
}
