import RecordFormats
import SyncroCatalog

/// A query parameter that narrows a list served from the catalog, as the OpenAPI document lists it for that
/// endpoint. Parameters an endpoint does not know are ignored, as Rails ignores them; so is a value that cannot be
/// read (a date that does not parse, a flag that is not `true`).
package struct RecordFilter: Sendable {
    /// What the parameter's value asks of a record's field.
    package enum Test: Sendable {
        /// The field equals the value (numbers numerically, text case-insensitively).
        case equals
        /// With `true`, the field is not null.
        case notNull
        /// With `true`, the field equals the given boolean.
        case flag(Bool)
        /// The field's time is strictly after the value (`YYYY-MM-DD` or ISO-8601).
        case after
        /// The field's time is strictly before the value.
        case before
        /// The field's time is at or after the value.
        case from
        /// The field's time is at or before the value.
        case to
    }

    package var parameter: String
    package var field: String
    package var test: Test

    package init(_ parameter: String, _ field: String, _ test: Test) {
        self.parameter = parameter
        self.field = field
        self.test = test
    }

    /// The filters of `entity`'s list endpoint: its catalog `incrementalFilter` (updated strictly after) and the
    /// parameters its OpenAPI operation documents.
    package static func filters(for entity: ExportEntity) -> [RecordFilter] {
        var filters: [RecordFilter] = []
        if let incremental = entity.definition.incrementalFilter {
            filters.append(RecordFilter(incremental, "updated_at", .after))
        }
        switch entity {
        case .invoices:
            filters += [
                RecordFilter("ticket_id", "ticket_id", .equals), RecordFilter("paid", "is_paid", .flag(true)),
                RecordFilter("unpaid", "is_paid", .flag(false)),
            ]
        case .invoiceLineItems, .estimateLineItems:
            filters += [
                RecordFilter("invoice_id", "invoice_id", .equals), RecordFilter("estimate_id", "estimate_id", .equals),
                RecordFilter("invoice_id_not_null", "invoice_id", .notNull),
                RecordFilter("estimate_id_not_null", "estimate_id", .notNull),
            ]
        case .estimates, .rmmAlerts:
            filters.append(RecordFilter("status", "status", .equals))
        case .ticketTimers:
            filters += [
                RecordFilter("created_at_gt", "created_at", .after),
                RecordFilter("created_at_lt", "created_at", .before),
            ]
        case .timelogs:
            filters.append(RecordFilter("user_id", "user_id", .equals))
        case .appointments:
            filters += [RecordFilter("date_from", "start_at", .from), RecordFilter("date_to", "start_at", .to)]
        case .portalUsers:
            filters += [RecordFilter("customer_id", "customer_id", .equals), RecordFilter("email", "email", .equals)]
        default:
            break
        }
        return filters
    }

    /// The test of this filter for `query`, or nil when the request does not use it.
    package func predicate(_ query: QueryParameters) -> ((JSONObject) -> Bool)? {
        guard let text = query.nonEmpty(parameter) else { return nil }
        let field = field
        func time(_ record: JSONObject) -> Int64? {
            record[field]?.stringValue.flatMap(SimulatorTimestamp.parse)
        }
        switch test {
        case .equals:
            return { record in
                switch record[field] {
                case .number(let number)?: Int(text).map { $0 == Int(number) } ?? (number == text)
                case .string(let value)?: value.lowercased() == text.lowercased()
                default: false
                }
            }
        case .notNull:
            guard query.bool(parameter) == true else { return nil }
            return { record in !(record[field] ?? .null).isNull }
        case .flag(let wanted):
            guard query.bool(parameter) == true else { return nil }
            return { record in record[field]?.boolValue == wanted }
        case .after, .before, .from, .to:
            guard let bound = SimulatorTimestamp.parse(text) else { return nil }
            let test = test
            return { record in
                guard let value = time(record) else { return false }
                switch test {
                case .after: return value > bound
                case .before: return value < bound
                case .from: return value >= bound
                default: return value <= bound
                }
            }
        }
    }
}
