import Foundation

/// The entities an export writes, one file each, in this order.
package enum ExportEntity: String, Sendable, Hashable, CaseIterable, Comparable {
    case tickets, comments, customers, contacts, assets, tags, users, products

    /// The element name of one record in XML (`<ticket>`).
    package var recordName: String {
        switch self {
        case .tickets: "ticket"
        case .comments: "comment"
        case .customers: "customer"
        case .contacts: "contact"
        case .assets: "asset"
        case .tags: "tag"
        case .users: "user"
        case .products: "product"
        }
    }

    package static func < (lhs: ExportEntity, rhs: ExportEntity) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// Parses `tickets,customers`; the error names the unknown entity and lists the known ones.
    package static func parseList(_ text: String) throws(ExportError) -> [ExportEntity] {
        var result: [ExportEntity] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let entity = ExportEntity(rawValue: name) else {
                throw .unknownEntity(name, known: allCases.map(\.rawValue))
            }
            if !result.contains(entity) { result.append(entity) }
        }
        guard !result.isEmpty else { throw .unknownEntity(text, known: allCases.map(\.rawValue)) }
        return result.sorted()
    }
}
