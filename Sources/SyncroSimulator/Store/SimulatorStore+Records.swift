import RecordFormats
import SyncroCatalog

/// The endpoints of the entities served straight from the catalog (invoices, line items, payments, timers,
/// appointments, ...): one list handler and one detail handler for all of them, whose path, list key, item wrapper,
/// page size and `meta` keys come from `ExportEntity.definition`.
///
/// Visibility, before any filter: a Single-Customer User's token sees only its customer's records (a record with no
/// customer stays visible). Where the definition has a `scope`, a token without the scope's permission sees only its
/// own user's records instead of a 401: time clock entries by `user_id`, and appointments by the technician of the
/// appointment's ticket (an appointment has no user field of its own; one without a ticket is nobody's own). A record
/// the token may not see answers 404 on its detail, as other records do.
extension SimulatorStore {
    /// `GET path`: the visible records that pass the endpoint's filters, in id order, paged when the endpoint pages.
    func listRecords(_ entity: ExportEntity, _ request: APIRequest) -> APIReply {
        let definition = entity.definition
        let query = request.query
        let predicates = RecordFilter.filters(for: entity).compactMap { $0.predicate(query) }
        let matches = records(at: entity).filter { record in
            isVisible(record, of: entity, to: request.token) && predicates.allSatisfy { $0(record) }
        }
        let listKey = definition.listKey ?? entity.rawValue
        func row(_ record: JSONObject) -> JSONValue {
            let rendered = JSONValue.object(renderRecord(record, of: entity))
            guard let itemKey = definition.itemKey else { return rendered }
            return .object(JSONObject([(itemKey, rendered)]))
        }
        guard let size = configuration.pageSizes[entity] else {
            return .json(.object(JSONObject([(listKey, .array(matches.map(row)))])))
        }
        var page = PageRequest(query, defaultSize: size, configuration: configuration)
        if !definition.honoursPerPage { page.perPage = size }
        let rows = page.slice(matches).map(row)
        return .json(page.body(listKey, total: matches.count, items: rows, keys: configuration.metaKeys[entity]))
    }

    /// `GET detailPath`: the record wrapped in the definition's `detailKey`, or flat when it has none.
    func showRecord(_ entity: ExportEntity, _ id: Int?, _ request: APIRequest) -> APIReply {
        guard let record = recordTables[entity.definition.path ?? ""]?[id],
            isVisible(record, of: entity, to: request.token)
        else { return .notFound }
        let detail = JSONValue.object(renderRecordDetail(record, of: entity))
        guard let detailKey = entity.definition.detailKey else { return .json(detail) }
        return .json(.object(JSONObject([(detailKey, detail)])))
    }

    /// The records of `entity` in the dataset-file form (line items split back by their parent).
    func records(of entity: ExportEntity) -> [JSONObject] {
        let all = records(at: entity)
        switch entity {
        case .invoiceLineItems: return all.filter { !($0["invoice_id"] ?? .null).isNull }
        case .estimateLineItems: return all.filter { ($0["invoice_id"] ?? .null).isNull }
        default: return all
        }
    }

    /// Every record of `entity`'s list path, in id order.
    private func records(at entity: ExportEntity) -> [JSONObject] {
        recordTables[entity.definition.path ?? ""]?.records ?? []
    }

    /// Whether `token` may see `record` (see the type's comment).
    private func isVisible(_ record: JSONObject, of entity: ExportEntity, to token: SimulatorToken) -> Bool {
        if token.customerID != nil, let customer = Self.customerID(of: record), !token.sees(customer: customer) {
            return false
        }
        guard let scope = entity.definition.scope, !token.grants(scope.permission) else { return true }
        guard let user = token.userID ?? users.records.first?["id"]?.intValue else { return false }
        switch entity {
        case .appointments:
            return ticketPosition(record["ticket_id"]?.intValue, for: token).map { tickets[$0].userID } == user
        default:
            return record["user_id"]?.intValue == user
        }
    }

    /// The customer a record belongs to: its `customer_id`, or the id of its embedded customer.
    private static func customerID(of record: JSONObject) -> Int? {
        record["customer_id"]?.intValue ?? record["customer"]?["id"]?.intValue
    }

    /// A list row of `entity`, with the embedded customer of payments and appointments taken from the customers.
    func renderRecord(_ record: JSONObject, of entity: ExportEntity) -> JSONObject {
        var computed: [String: JSONValue] = [:]
        if entity == .payments || entity == .appointments, let customer = customers[Self.customerID(of: record)] {
            computed["customer"] = .object(renderCustomer(customer))
        }
        return SyncroShapes.record(entity).render(record, computed: computed)
    }

    /// A detail object of `entity`: the row, except that an invoice adds its customer, line items and payments.
    func renderRecordDetail(_ record: JSONObject, of entity: ExportEntity) -> JSONObject {
        guard entity == .invoices, let id = record["id"]?.intValue else { return renderRecord(record, of: entity) }
        let lineItems = records(at: .invoiceLineItems).filter { $0["invoice_id"]?.intValue == id }
        let payments = records(at: .payments).filter { payment in
            payment["invoice_ids"]?.arrayValue?.contains { $0.intValue == id } == true
        }
        let computed: [String: JSONValue] = [
            "customer": customers[record["customer_id"]?.intValue].map { .object(renderCustomer($0)) } ?? nil,
            "line_items": .array(lineItems.map { .object(renderRecord($0, of: .invoiceLineItems)) }),
            "payments": .array(payments.map { .object(renderRecord($0, of: .payments)) }),
        ]
        return SyncroShapes.invoiceDetail.render(record, computed: computed)
    }
}
