import Foundation
import RecordFormats
import SyncroCatalog

/// The simulator's account data and every read and write the API endpoints perform on it.
///
/// One actor owns the data so concurrent requests see each write whole. Handlers get a request that is already
/// routed, authenticated and permitted, and return the reply; they never see HTTP.
package actor SimulatorStore {
    let configuration: SimulatorConfiguration
    private let initial: SimulatorDataset

    var customers: RecordTable
    var contacts: RecordTable
    var assets: RecordTable
    var users: RecordTable
    var products: RecordTable
    /// Tickets in ascending id order.
    var tickets: [StoredTicket]
    var ticketPositions: [Int: Int]
    var contactsByCustomer: [Int: [JSONObject]]
    /// The records of the dataset's ``SimulatorDataset/recordEntities``, one table per list path (`/line_items`
    /// holds the line items of invoices and estimates).
    var recordTables: [String: RecordTable]
    var settings: JSONObject?
    var ticketSettings: JSONObject?
    var nextCommentID: Int
    var nextTicketNumber: Int
    /// The last timestamp handed to a write, so successive writes get strictly increasing `updated_at`.
    var lastWriteMilliseconds: Int64

    package init(dataset: SimulatorDataset, configuration: SimulatorConfiguration) {
        self.configuration = configuration
        self.initial = dataset
        customers = RecordTable([])
        contacts = RecordTable([])
        assets = RecordTable([])
        users = RecordTable([])
        products = RecordTable([])
        tickets = []
        ticketPositions = [:]
        contactsByCustomer = [:]
        recordTables = [:]
        nextCommentID = 1
        nextTicketNumber = 1
        lastWriteMilliseconds = 0
        // Actor initialisers cannot call isolated methods, so the load is a static function.
        let loaded = Self.load(dataset)
        customers = loaded.customers
        contacts = loaded.contacts
        assets = loaded.assets
        users = loaded.users
        products = loaded.products
        tickets = loaded.tickets
        ticketPositions = loaded.ticketPositions
        contactsByCustomer = loaded.contactsByCustomer
        recordTables = loaded.recordTables
        settings = dataset.settings
        ticketSettings = dataset.ticketSettings
        nextCommentID = loaded.nextCommentID
        nextTicketNumber = loaded.nextTicketNumber
    }

    /// Returns the data to the initial dataset.
    package func reset() {
        let loaded = Self.load(initial)
        customers = loaded.customers
        contacts = loaded.contacts
        assets = loaded.assets
        users = loaded.users
        products = loaded.products
        tickets = loaded.tickets
        ticketPositions = loaded.ticketPositions
        contactsByCustomer = loaded.contactsByCustomer
        recordTables = loaded.recordTables
        settings = initial.settings
        ticketSettings = initial.ticketSettings
        nextCommentID = loaded.nextCommentID
        nextTicketNumber = loaded.nextTicketNumber
        lastWriteMilliseconds = 0
    }

    /// The current data in the dataset-file shape.
    package func state() -> SimulatorDataset {
        var dataset = SimulatorDataset(
            customers: customers.records,
            contacts: contacts.records,
            tickets: tickets.map(\.datasetRecord),
            assets: assets.records,
            users: users.records,
            products: products.records,
            settings: settings,
            ticketSettings: ticketSettings
        )
        for entity in SimulatorDataset.recordEntities {
            dataset[entity] = records(of: entity)
        }
        return dataset
    }

    /// Answers an authenticated, permitted API request.
    package func handle(_ request: APIRequest) -> APIReply {
        switch request.route {
        case .me: me(request)
        case .listTickets: listTickets(request)
        case .createTicket: createTicket(request)
        case .ticketSettings: .json(.object(currentTicketSettings))
        case .showTicket(let id): showTicket(id, request)
        case .updateTicket(let id): updateTicket(id, request)
        case .deleteTicket(let id): deleteTicket(id, request)
        case .listComments(let id): listComments(id, request)
        case .createComment(let id): createComment(id, request)
        case .listTicketComments: listTicketComments(request)
        case .listCustomers: listCustomers(request)
        case .showCustomer(let id): showCustomer(id, request)
        case .listContacts: listContacts(request)
        case .showContact(let id): showContact(id, request)
        case .listAssets: listAssets(request)
        case .showAsset(let id): showAsset(id, request)
        case .listUsers: listUsers()
        case .showUser(let id): showUser(id)
        case .listProducts: listProducts(request)
        case .showProduct(let id): showProduct(id)
        case .settings: .json(.object(currentSettings))
        case .listRecords(let entity): listRecords(entity, request)
        case .showRecord(let entity, let id): showRecord(entity, id, request)
        }
    }

    /// A timestamp for a write: the wall clock, but always later than the previous write and than `after`.
    func writeTimestamp(after previous: Int64? = nil) -> String {
        var milliseconds = SimulatorTimestamp.milliseconds(of: configuration.wallClock())
        milliseconds = max(milliseconds, lastWriteMilliseconds + 1, (previous ?? 0) + 1)
        lastWriteMilliseconds = milliseconds
        return SimulatorTimestamp.format(milliseconds: milliseconds)
    }

    /// The position of ticket `id` when the token may see it (Single-Customer Users see only their own).
    func ticketPosition(_ id: Int?, for token: SimulatorToken) -> Int? {
        guard let position = id.flatMap({ ticketPositions[$0] }), token.sees(customer: tickets[position].customerID)
        else { return nil }
        return position
    }

    func reindexTickets() {
        ticketPositions = [:]
        ticketPositions.reserveCapacity(tickets.count)
        for (position, ticket) in tickets.enumerated() { ticketPositions[ticket.id] = position }
    }

    private struct Loaded {
        var customers: RecordTable
        var contacts: RecordTable
        var assets: RecordTable
        var users: RecordTable
        var products: RecordTable
        var tickets: [StoredTicket]
        var ticketPositions: [Int: Int]
        var contactsByCustomer: [Int: [JSONObject]]
        var recordTables: [String: RecordTable]
        var nextCommentID: Int
        var nextTicketNumber: Int
    }

    /// One table per list path, holding the records of every entity listed there.
    private static func recordTables(_ dataset: SimulatorDataset) -> [String: RecordTable] {
        var grouped: [String: [JSONObject]] = [:]
        for entity in SimulatorDataset.recordEntities {
            guard let path = entity.definition.path else { continue }
            grouped[path, default: []] += dataset[entity]
        }
        return grouped.mapValues(RecordTable.init)
    }

    private static func load(_ dataset: SimulatorDataset) -> Loaded {
        let contacts = RecordTable(dataset.contacts)
        var contactsByCustomer: [Int: [JSONObject]] = [:]
        for contact in contacts.records {
            guard let customerID = contact["customer_id"]?.intValue else { continue }
            contactsByCustomer[customerID, default: []].append(contact)
        }
        let tickets = dataset.tickets.map(StoredTicket.init(datasetRecord:)).sorted { $0.id < $1.id }
        var positions: [Int: Int] = [:]
        positions.reserveCapacity(tickets.count)
        var maxCommentID = 0
        var maxNumber = 0
        for (position, ticket) in tickets.enumerated() {
            positions[ticket.id] = position
            maxNumber = max(maxNumber, ticket.number ?? 0)
            for comment in ticket.comments { maxCommentID = max(maxCommentID, comment["id"]?.intValue ?? 0) }
        }
        return Loaded(
            customers: RecordTable(dataset.customers),
            contacts: contacts,
            assets: RecordTable(dataset.assets),
            users: RecordTable(dataset.users),
            products: RecordTable(dataset.products),
            tickets: tickets,
            ticketPositions: positions,
            contactsByCustomer: contactsByCustomer,
            recordTables: recordTables(dataset),
            nextCommentID: maxCommentID + 1,
            nextTicketNumber: maxNumber + 1
        )
    }
}
