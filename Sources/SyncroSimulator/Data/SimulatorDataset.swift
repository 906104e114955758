import Foundation
import RecordFormats
import SyncroCatalog

/// A Syncro account's data in the API's own JSON shape: the simulator's starting state and `GET /_sim/state`.
///
/// The file form is one object with the arrays `customers`, `contacts`, `tickets`, `assets`, `users` and
/// `products`, one optional array per entity of ``recordEntities`` named by its raw value (`invoices`,
/// `invoice_line_items`, `ticket_timers`, ...), and the optional objects `settings` and `ticket_settings`. Every
/// ticket holds all its comments in `comments`, and every customer its organization tags in `tag_list`. Records keep
/// their key order. Invoice and estimate line items share one id space, as Syncro's one `/line_items` table does.
package struct SimulatorDataset: Sendable, Hashable {
    package var customers: [JSONObject]
    package var contacts: [JSONObject]
    package var tickets: [JSONObject]
    package var assets: [JSONObject]
    package var users: [JSONObject]
    package var products: [JSONObject]
    /// The body of `GET /settings`; nil uses a default modelled on the OpenAPI example.
    package var settings: JSONObject?
    /// The body of `GET /tickets/settings`; nil uses a default modelled on the OpenAPI example.
    package var ticketSettings: JSONObject?
    /// The records of the ``recordEntities``, read and written through ``subscript(_:)``; never holds an empty
    /// array, so a missing array and an empty one are the same dataset.
    private var records: [ExportEntity: [JSONObject]] = [:]

    package init(
        customers: [JSONObject] = [],
        contacts: [JSONObject] = [],
        tickets: [JSONObject] = [],
        assets: [JSONObject] = [],
        users: [JSONObject] = [],
        products: [JSONObject] = [],
        settings: JSONObject? = nil,
        ticketSettings: JSONObject? = nil
    ) {
        self.customers = customers
        self.contacts = contacts
        self.tickets = tickets
        self.assets = assets
        self.users = users
        self.products = products
        self.settings = settings
        self.ticketSettings = ticketSettings
    }

    /// The names of the record arrays, in file order.
    package static let entityKeys =
        ["customers", "contacts", "tickets", "assets", "users", "products"] + recordEntities.map(\.rawValue)

    /// The entities kept as plain records and served from the catalog's definitions (every entity beyond the
    /// hand-served tickets, comments, customers, contacts, assets, users and products, and the derived tags), in
    /// catalog order.
    package static let recordEntities: [ExportEntity] = ExportEntity.allCases.filter {
        ![.tickets, .comments, .customers, .contacts, .assets, .tags, .users, .products].contains($0)
    }

    /// The records of one of the ``recordEntities``; setting an empty array removes them.
    package subscript(entity: ExportEntity) -> [JSONObject] {
        get { records[entity] ?? [] }
        set { records[entity] = newValue.isEmpty ? nil : newValue }
    }

    /// The dataset-file form.
    package var json: JSONValue {
        var root = JSONObject()
        root.appendUnchecked("customers", .array(customers.map(JSONValue.object)))
        root.appendUnchecked("contacts", .array(contacts.map(JSONValue.object)))
        root.appendUnchecked("tickets", .array(tickets.map(JSONValue.object)))
        root.appendUnchecked("assets", .array(assets.map(JSONValue.object)))
        root.appendUnchecked("users", .array(users.map(JSONValue.object)))
        root.appendUnchecked("products", .array(products.map(JSONValue.object)))
        for entity in Self.recordEntities {
            root.appendUnchecked(entity.rawValue, .array(self[entity].map(JSONValue.object)))
        }
        if let settings { root.appendUnchecked("settings", .object(settings)) }
        if let ticketSettings { root.appendUnchecked("ticket_settings", .object(ticketSettings)) }
        return .object(root)
    }

    /// Loads a dataset file.
    package static func load(contentsOf path: String) throws -> SimulatorDataset {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulatorInputError("The dataset file \(path) cannot be read; check the path and its permissions.")
        }
        let root: JSONValue
        do {
            root = try JSONValue.parse(data)
        } catch {
            throw SimulatorInputError("The dataset file \(path) is not valid JSON (\(error)); fix it and retry.")
        }
        return try SimulatorDataset(json: root, source: path)
    }

    /// A dataset from its file form, checking that every record has a unique integer `id`.
    package init(json root: JSONValue, source: String = "dataset") throws {
        guard let object = root.objectValue else {
            throw SimulatorInputError(
                "The dataset \(source) is not a JSON object; write {\"customers\": [...], \"tickets\": [...], ...}."
            )
        }
        func records(_ key: String) throws -> [JSONObject] {
            guard let value = object[key], !value.isNull else { return [] }
            guard let array = value.arrayValue else {
                throw SimulatorInputError("The dataset \(source) has a \"\(key)\" that is not an array; make it one.")
            }
            var seen = Set<Int>()
            var result: [JSONObject] = []
            result.reserveCapacity(array.count)
            for (index, element) in array.enumerated() {
                guard let record = element.objectValue, let id = record["id"]?.intValue else {
                    throw SimulatorInputError(
                        "Record \(index + 1) of \"\(key)\" in \(source) is not an object with an integer \"id\"; "
                            + "add one."
                    )
                }
                guard seen.insert(id).inserted else {
                    throw SimulatorInputError(
                        "The dataset \(source) has two \"\(key)\" records with id \(id); make ids unique.")
                }
                result.append(record)
            }
            return result
        }
        func settingsObject(_ key: String) throws -> JSONObject? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let settings = value.objectValue else {
                throw SimulatorInputError("The dataset \(source) has a \"\(key)\" that is not an object; make it one.")
            }
            return settings
        }
        self.init(
            customers: try records("customers"),
            contacts: try records("contacts"),
            tickets: try records("tickets"),
            assets: try records("assets"),
            users: try records("users"),
            products: try records("products"),
            settings: try settingsObject("settings"),
            ticketSettings: try settingsObject("ticket_settings")
        )
        for entity in Self.recordEntities {
            self[entity] = try records(entity.rawValue)
        }
        var lineItemIDs = Set<Int>()
        for record in self[.invoiceLineItems] + self[.estimateLineItems] {
            let id = record["id"]?.intValue ?? 0
            guard lineItemIDs.insert(id).inserted else {
                throw SimulatorInputError(
                    "The dataset \(source) has two line items with id \(id) (invoice and estimate line items share "
                        + "one table); make ids unique."
                )
            }
        }
        var commentIDs = Set<Int>()
        for ticket in tickets {
            guard let comments = ticket["comments"], !comments.isNull else { continue }
            guard let array = comments.arrayValue else {
                throw SimulatorInputError(
                    "Ticket \(ticket["id"]?.intValue ?? 0) in \(source) has \"comments\" that is not an array; "
                        + "make it one."
                )
            }
            for comment in array {
                guard let id = comment["id"]?.intValue else {
                    throw SimulatorInputError(
                        "A comment of ticket \(ticket["id"]?.intValue ?? 0) in \(source) has no integer \"id\"; "
                            + "add one."
                    )
                }
                guard commentIDs.insert(id).inserted else {
                    throw SimulatorInputError("The dataset \(source) has two comments with id \(id); make ids unique.")
                }
            }
        }
    }
}
