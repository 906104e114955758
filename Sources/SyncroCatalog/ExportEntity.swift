import Foundation

/// Every kind of record the tool reads from Syncro, one file each in an export, in this order.
///
/// What each one *is* (its endpoint, permission, paging, filters, columns and XML names) is said once, in
/// ``definition`` (`EntityCatalog.swift`); everything else reads it from there.
package enum ExportEntity: String, Sendable, Hashable, CaseIterable, Comparable {
    case tickets, comments, customers, contacts, assets, tags, users, products
    case invoices
    case invoiceLineItems = "invoice_line_items"
    case estimates
    case estimateLineItems = "estimate_line_items"
    case payments
    case ticketTimers = "ticket_timers"
    case timelogs, appointments, contracts, leads, vendors
    case purchaseOrders = "purchase_orders"
    case partsOrders = "parts_orders"
    case portalUsers = "portal_users"
    case rmmAlerts = "rmm_alerts"
    case wikiPages = "wiki_pages"

    /// What an export writes when `--entities` is not given: the eight of the first version, so existing cron lines
    /// keep writing the same files.
    package static let defaults: [ExportEntity] = [
        .tickets, .comments, .customers, .contacts, .assets, .tags, .users, .products,
    ]

    /// The element name of one record in XML (`<ticket>`).
    package var recordName: String { definition.recordName }

    package static func < (lhs: ExportEntity, rhs: ExportEntity) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// The entities named in `tickets,customers` (or every one for `all`), sorted into file order; nil names the
    /// first unknown word.
    package static func parse(_ text: String) -> Result<[ExportEntity], UnknownEntity> {
        var result: [ExportEntity] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            if name == "all" {
                result = allCases
                continue
            }
            guard let entity = ExportEntity(rawValue: name) else { return .failure(UnknownEntity(name: name)) }
            if !result.contains(entity) { result.append(entity) }
        }
        guard !result.isEmpty else { return .failure(UnknownEntity(name: text)) }
        return .success(result.sorted())
    }

    /// A word of an entity list that names no entity.
    package struct UnknownEntity: Error, Sendable, Equatable {
        package var name: String
        /// Every accepted word, `all` included.
        package static var known: [String] { ExportEntity.allCases.map(\.rawValue) + ["all"] }
    }
}
