import Foundation
import SyncroCatalog
import SyncroExport
import TestSupport
import Testing

/// The entity catalog's own rules, and the README tables that users read it through.
@Suite("Entity catalog")
struct EntityCatalogTests {
    @Test("every entity has a unique file name, an XML element, an id column first and a way to be read")
    func wellFormed() {
        #expect(Set(ExportEntity.allCases.map(\.rawValue)).count == 24)
        for entity in ExportEntity.allCases {
            let definition = entity.definition
            #expect(!definition.recordName.isEmpty, "\(entity)")
            let first = definition.columns.first?.header
            #expect(first == (entity == .tags ? "entity_type" : "id"), "\(entity)")
            #expect(Set(definition.columns.map(\.header)).count == definition.columns.count, "\(entity)")
            if definition.source == .list {
                #expect(definition.path?.hasPrefix("/") == true, "\(entity)")
                #expect(definition.listKey != nil, "\(entity)")
                // An endpoint refuses a token without one of its permissions, or narrows what it returns.
                #expect(!definition.permissions.isEmpty || definition.scope != nil, "\(entity)")
            }
            if let parent = definition.parent { #expect(parent < entity, "\(entity) comes after \(parent)") }
        }
        #expect(ExportEntity.defaults == Array(ExportEntity.allCases.prefix(8)))
    }

    @Test("entity lists: names in any order and case, all, and an unknown word named with the choices")
    func parsing() throws {
        #expect(try ExportEntity.parseList("Invoices, tickets") == [.tickets, .invoices])
        #expect(try ExportEntity.parseList("all") == ExportEntity.allCases)
        #expect(try ExportEntity.parseList("parts_orders,all") == ExportEntity.allCases)
        #expect(throws: ExportError.unknownEntity("invoice", known: ExportEntity.UnknownEntity.known)) {
            try ExportEntity.parseList("tickets,invoice")
        }
        let sentence = ExportError.unknownEntity("invoice", known: ExportEntity.UnknownEntity.known).errorDescription
        #expect(sentence?.contains("invoice_line_items") == true)
        #expect(sentence?.hasSuffix("all.") == true)
    }

    @Test("file names name the longest entity they end with")
    func fileNames() {
        #expect(ExportFileName.entity(inStem: "invoice_line_items") == .invoiceLineItems)
        #expect(ExportFileName.entity(inStem: "2026-11-29-invoice_line_items") == .invoiceLineItems)
        #expect(ExportFileName.entity(inStem: "acme_portal_users") == .portalUsers)
        #expect(ExportFileName.entity(inStem: "acme-users") == .users)
        #expect(ExportFileName.entity(inStem: "line_items") == nil)
    }

    @Test("requests a listing costs: pages of 100, one empty page more without total_pages, one for /timelogs")
    func listCost() {
        #expect(ExportEntity.invoices.listRequests(records: 0) == 1)
        #expect(ExportEntity.invoices.listRequests(records: 250) == 3)
        #expect(ExportEntity.vendors.listRequests(records: 0) == 1)
        #expect(ExportEntity.vendors.listRequests(records: 200) == 3)
        #expect(ExportEntity.vendors.listRequests(records: 250) == 4)
        #expect(ExportEntity.timelogs.listRequests(records: 5_000) == 1)
    }

    /// The README's row for an entity in the endpoint table.
    static func endpointRow(_ entity: ExportEntity) -> String {
        let definition = entity.definition
        let request: String
        let cost: String
        switch definition.source {
        case .ticketsWithDetails:
            request = "`GET \(definition.path ?? "")`, `GET \(definition.detailPath ?? "")`"
            cost = "⌈n/100⌉, and 1 per ticket with `--details all`"
        case .ticketComments:
            request = "`GET /ticket_comments`, else `GET /tickets/{id}/comments`"
            cost = "⌈n/100⌉ in bulk, else 1 per ticket; 0 with `--details all` (in the ticket details)"
        case .derivedTags:
            request = "from tickets and customers"
            cost = "0"
        case .userPairs:
            request = "`GET \(definition.path ?? "")`, `GET \(definition.detailPath ?? "")`"
            cost = "1 + 1 per user"
        case .list:
            var query = definition.query.map { "\($0.0)=\($0.1)" }
            if let filter = definition.incrementalFilter { query.append("\(filter)=…") }
            request = "`GET \(definition.path ?? "")\(query.isEmpty ? "" : "?" + query.joined(separator: "&"))`"
            cost =
                definition.pageSize == nil ? "1" : definition.hasTotalPages ? "⌈n/100⌉" : "⌈n/100⌉ + 1"
        }
        var permission = definition.permissions.joined(separator: " or ")
        if let scope = definition.scope {
            permission = "none (\(scope.permission) for every user's; without it \(scope.without))"
        }
        if permission.isEmpty { permission = entity == .tags ? "those of tickets and customers" : "none" }
        return "| `\(entity.rawValue)` | \(request) | \(permission) | \(cost) |"
    }

    /// The README's row for an entity in the CSV column table.
    static func columnRow(_ entity: ExportEntity) -> String {
        let definition = entity.definition
        let columns = definition.columns.map(\.header) + (definition.hasCustomFields ? ["properties.*"] : [])
        return "| \(entity.rawValue) | \(columns.joined(separator: ", ")) |"
    }

    @Test("the README lists every entity with its endpoint, permission, cost in requests and CSV columns")
    func readmeTables() throws {
        let readme = try String(contentsOfFile: SimulatedAccount.repositoryRoot + "/README.md", encoding: .utf8)
        let lines = Set(readme.split(separator: "\n").map(String.init))
        let missing = ExportEntity.allCases.flatMap { [Self.endpointRow($0), Self.columnRow($0)] }.filter {
            !lines.contains($0)
        }
        #expect(missing.isEmpty, "README.md lacks these rows:\n\(missing.joined(separator: "\n"))")
    }
}
