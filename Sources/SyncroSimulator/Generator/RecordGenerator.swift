import RecordFormats
import SyncroCatalog

/// Generates the records of the entities the catalog seeds (invoices, line items, payments, timers, ...), linked to
/// a dataset's customers, contacts, tickets, assets, users and products.
///
/// How many of each: the catalog's `seed`, a percentage of the records of its basis entity (`.per`) or a fixed
/// count. Its own random stream (seeded from the spec's seed) keeps the other entities' bytes as they were before
/// these existed. Every record goes through its `SyncroShapes.record` shape, so it has exactly the fields of its
/// list endpoint's OpenAPI example, in that order.
struct RecordGenerator {
    typealias Words = GeneratorVocabulary

    /// The order records are made in: every entity after the basis of its seed and the records it links to.
    static let order: [ExportEntity] = [
        .vendors, .purchaseOrders, .invoices, .invoiceLineItems, .estimates, .estimateLineItems, .payments,
        .ticketTimers, .timelogs, .appointments, .contracts, .leads, .partsOrders, .portalUsers, .rmmAlerts,
        .wikiPages,
    ]

    var random: SplitMix64
    let now: Int64
    static let day: Int64 = 86_400_000
    static let hour: Int64 = 3_600_000

    init(seed: UInt64, now: Int64) {
        random = SplitMix64(seed: seed ^ 0x5245_434F_5244)  // "RECORD"
        self.now = now
    }

    /// How many records of `entity` the catalog's seed asks for, given the counts made so far.
    static func count(of entity: ExportEntity, counts: [ExportEntity: Int]) -> Int {
        switch entity.definition.seed {
        case .per(let basis, let percent)?: (counts[basis] ?? 0) * percent / 100
        case .fixed(let count)?: count
        case nil: 0
        }
    }

    /// Adds every seeded entity's records to `dataset`.
    mutating func addRecords(to dataset: inout SimulatorDataset) {
        var counts: [ExportEntity: Int] = [
            .customers: dataset.customers.count, .contacts: dataset.contacts.count, .tickets: dataset.tickets.count,
            .assets: dataset.assets.count, .users: dataset.users.count, .products: dataset.products.count,
        ]
        let context = Context(dataset)
        for entity in Self.order {
            let count = Self.count(of: entity, counts: counts)
            let records = make(entity, count: count, context: context, dataset: dataset)
            dataset[entity] = records.map { SyncroShapes.record(entity).render($0) }
            counts[entity] = records.count
        }
        settleInvoices(&dataset)
    }

    /// The linked records, looked up once.
    struct Context {
        var customers: [JSONObject]
        var customersByID: [Int: JSONObject]
        var contactsByCustomer: [Int: [JSONObject]]
        var tickets: [JSONObject]
        var userIDs: [Int]
        var products: [JSONObject]

        init(_ dataset: SimulatorDataset) {
            customers = dataset.customers
            customersByID = Dictionary(
                dataset.customers.compactMap { record in record["id"]?.intValue.map { ($0, record) } },
                uniquingKeysWith: { first, _ in first })
            contactsByCustomer = Dictionary(grouping: dataset.contacts) { $0["customer_id"]?.intValue ?? 0 }
            tickets = dataset.tickets
            userIDs = dataset.users.compactMap { $0["id"]?.intValue }
            products = dataset.products
        }
    }

    private mutating func make(
        _ entity: ExportEntity, count: Int, context: Context, dataset: SimulatorDataset
    ) -> [JSONObject] {
        guard count > 0 else { return [] }
        switch entity {
        case .vendors: return (1...count).map { makeVendor(id: $0) }
        case .purchaseOrders:
            let vendors = dataset[.vendors]
            guard !vendors.isEmpty, !context.userIDs.isEmpty else { return [] }
            return (1...count).map { makePurchaseOrder(id: $0, vendor: vendors[($0 - 1) % vendors.count], context) }
        case .invoices:
            return pickTickets(count, context).enumerated().map {
                makeInvoice(id: $0.offset + 1, ticket: $0.element, context)
            }
        case .invoiceLineItems:
            return makeLineItems(count: count, parents: dataset[.invoices], key: "invoice_id", firstID: 1, context)
        case .estimates:
            guard !context.customers.isEmpty else { return [] }
            return (1...count).map { makeEstimate(id: $0, customer: random.pick(context.customers), context) }
        case .estimateLineItems:
            // One `/line_items` table: estimate items number on after the invoice items.
            let firstID = (dataset[.invoiceLineItems].last?["id"]?.intValue ?? 0) + 1
            return makeLineItems(
                count: count, parents: dataset[.estimates], key: "estimate_id", firstID: firstID, context)
        case .payments:
            return shuffled(dataset[.invoices]).prefix(count).enumerated().map {
                makePayment(id: $0.offset + 1, invoice: $0.element, context)
            }
        case .ticketTimers:
            guard !context.userIDs.isEmpty else { return [] }
            return pickTickets(count, context).enumerated().map {
                makeTicketTimer(id: $0.offset + 1, ticket: $0.element, context)
            }
        case .timelogs:
            guard !context.userIDs.isEmpty else { return [] }
            return (1...count).map { makeTimelog(id: $0, user: context.userIDs[($0 - 1) % context.userIDs.count]) }
        case .appointments:
            return pickTickets(count, context).enumerated().map {
                makeAppointment(id: $0.offset + 1, ticket: $0.element)
            }
        case .contracts:
            guard !context.customers.isEmpty else { return [] }
            return (1...count).map { makeContract(id: $0, customer: random.pick(context.customers), context) }
        case .leads:
            guard !context.customers.isEmpty else { return [] }
            return (1...count).map { makeLead(id: $0, customer: random.pick(context.customers), context) }
        case .partsOrders:
            return pickTickets(count, context).enumerated().map {
                makePartsOrder(id: $0.offset + 1, ticket: $0.element, context)
            }
        case .portalUsers:
            let contacts = context.contactsByCustomer.keys.sorted().flatMap { context.contactsByCustomer[$0] ?? [] }
            guard !contacts.isEmpty else { return [] }
            return (1...count).map { makePortalUser(id: $0, contact: contacts[($0 - 1) % contacts.count]) }
        case .rmmAlerts:
            let assets = dataset.assets
            guard !assets.isEmpty else { return [] }
            return (1...count).map { makeRMMAlert(id: $0, asset: random.pick(assets)) }
        case .wikiPages: return (1...count).map { makeWikiPage(id: $0) }
        default: return []
        }
    }

    /// `count` distinct tickets (all of them when there are fewer), in ticket order.
    private mutating func pickTickets(_ count: Int, _ context: Context) -> [JSONObject] {
        shuffled(Array(context.tickets.indices)).prefix(count).sorted().map { context.tickets[$0] }
    }

    /// `items` in a random order (Fisher-Yates over this generator's own stream, so it never changes with the
    /// standard library's shuffle).
    private mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, random.int(in: 0...index))
        }
        return items
    }

    // MARK: Records

    private mutating func makeVendor(id: Int) -> JSONObject {
        let vendor = Words.vendors[(id - 1) % Words.vendors.count]
        let round = (id - 1) / Words.vendors.count
        let name = round == 0 ? vendor.name : "\(vendor.name) \(round + 1)"
        let first = random.pick(Words.firstNames)
        let last = random.pick(Words.lastNames)
        let place = random.pick(Words.cities)
        let created = past(days: 300...1500)
        let domain = DatasetGenerator.emailLocalPart(vendor.name) + ".example"
        return [
            "id": .int(id), "name": .string(name), "rep_first_name": .string(first), "rep_last_name": .string(last),
            "email": .string("\(DatasetGenerator.emailLocalPart(first))@\(domain)"),
            "phone": .string(phone(place.area)), "account_number": .string("ACCT-\(40_000 + id * 7)"),
            "created_at": stamp(created), "updated_at": stamp(later(than: created)),
            "address": .string("\(random.int(in: 100...9999)) \(random.pick(Words.streets))"),
            "city": .string(place.city), "state": .string(place.state), "zip": .string(place.zip),
            "website": .string("https://www.\(domain)"), "notes": .string(vendor.notes),
        ]
    }

    private mutating func makePurchaseOrder(id: Int, vendor: JSONObject, _ context: Context) -> JSONObject {
        let created = past(days: 1...400)
        let received = random.chance(0.6)
        let shipping = random.int(in: 0...4) * 500
        let other = random.chance(0.2) ? random.int(in: 1...20) * 100 : 0
        let items = random.int(in: 1...6) * random.int(in: 2_000...90_000)
        return [
            "id": .int(id), "account_subdomain": "demo", "created_at": stamp(created),
            "updated_at": stamp(later(than: created)), "expected_date": date(created + 7 * Self.day),
            "number": .string("PO-\(2000 + id)"), "other": money(other), "shipping": money(shipping),
            "shipping_notes": .string(random.pick(["Ground", "2-day", "Will call", "Freight"])),
            "status": .string(received ? "Received" : random.pick(["Draft", "Ordered"])),
            "total": money(items + shipping + other), "user_id": .int(random.pick(context.userIDs)),
            "vendor_id": vendor["id"] ?? nil, "due_date": date(created + 30 * Self.day),
            "paid_date": received ? date(created + 20 * Self.day) : "",
            "delivery_tracking": .string(received ? "1Z\(String(random.int(in: 100_000_000...999_999_999)))" : ""),
            "vendor": .object(SyncroShapes.vendor.render(vendor)), "line_items": [],
        ]
    }

    private mutating func makeInvoice(id: Int, ticket: JSONObject, _ context: Context) -> JSONObject {
        let ticketUpdated = time(ticket["updated_at"]) ?? now
        let created = min(now, ticketUpdated + Int64(random.int(in: 1...72)) * Self.hour)
        let customer = context.customersByID[ticket["customer_id"]?.intValue ?? 0]
        return [
            "id": .int(id), "customer_id": ticket["customer_id"] ?? nil,
            "customer_business_then_name": customer.map { .string(SimulatorStore.businessThenName(of: $0)) } ?? nil,
            "number": .string(String(7000 + id)), "created_at": stamp(created), "updated_at": stamp(created),
            "date": date(created), "due_date": date(created + 30 * Self.day), "subtotal": "0.00", "total": "0.00",
            "tax": "0.00", "verified_paid": false, "tech_marked_paid": false, "ticket_id": ticket["id"] ?? nil,
            "is_paid": false, "contact_id": ticket["contact_id"] ?? nil, "hardwarecost": 0,
            "user_id": ticket["user_id"] ?? nil,
        ]
    }

    private mutating func makeLineItems(
        count: Int, parents: [JSONObject], key: String, firstID: Int, _ context: Context
    ) -> [JSONObject] {
        guard !parents.isEmpty else { return [] }
        var positions: [Int: Int] = [:]
        return (0..<count).map { index in
            let parent = parents[index % parents.count]
            let parentID = parent["id"]?.intValue ?? 0
            positions[parentID, default: 0] += 1
            let created = time(parent["created_at"]) ?? now
            let product = context.products.isEmpty ? nil : random.pick(context.products)
            let retail = product.flatMap { cents($0["price_retail"]) } ?? random.int(in: 50...400) * 100
            let cost = product.flatMap { cents($0["price_cost"]) } ?? 0
            let name = product?["name"]?.stringValue ?? "Labor"
            var record: JSONObject = [
                "id": .int(firstID + index), "created_at": stamp(created), "updated_at": stamp(created),
                "invoice_id": nil, "estimate_id": nil, "item": .string(name),
                "name": .string(product?["description"]?.stringValue ?? name), "cost": decimal(cost),
                "price": decimal(retail), "quantity": .string("\(random.int(in: 1...4)).0"),
                "product_id": product?["id"] ?? nil, "taxable": .bool(product?["taxable"]?.boolValue ?? false),
                "position": .int(positions[parentID] ?? 1),
            ]
            record[key] = .int(parentID)
            return record
        }
    }

    private mutating func makeEstimate(id: Int, customer: JSONObject, _ context: Context) -> JSONObject {
        let created = past(days: 1...500)
        let status = random.pick(["Fresh", "Draft", "Approved", "Declined", "Approved"])
        let topic = random.pick(Words.estimateTopics)
        return [
            "id": .int(id), "customer_id": customer["id"] ?? nil,
            "customer_business_then_name": .string(SimulatorStore.businessThenName(of: customer)),
            "name": .string(topic),
            "number": .string(String(3000 + id)), "status": .string(status), "created_at": stamp(created),
            "updated_at": stamp(later(than: created)), "date": date(created), "subtotal": "0.00", "total": "0.00",
            "tax": "0.00", "employee": .string(Words.techs[random.int(in: 0...(Words.techs.count - 1))].name),
        ]
    }

    private mutating func makePayment(id: Int, invoice: JSONObject, _ context: Context) -> JSONObject {
        let invoiceCreated = time(invoice["created_at"]) ?? now
        let applied = min(now, invoiceCreated + Int64(random.int(in: 0...25)) * Self.day + 3_600_000)
        let method = random.pick(["Credit Card", "Check", "ACH", "Cash"])
        let customer = context.customersByID[invoice["customer_id"]?.intValue ?? 0]
        return [
            "id": .int(id), "created_at": stamp(applied), "updated_at": stamp(applied), "success": true,
            // The amount is set from the invoice's total once the line items are in (`settleInvoices`).
            "payment_amount": 0, "invoice_ids": [invoice["id"] ?? nil],
            "ref_num": .string(method == "Check" ? String(random.int(in: 1000...9999)) : ""),
            "applied_at": date(applied), "payment_method": .string(method),
            "customer": customer.map { .object(SyncroShapes.customer.render($0)) } ?? nil,
        ]
    }

    private mutating func makeTicketTimer(id: Int, ticket: JSONObject, _ context: Context) -> JSONObject {
        let created = time(ticket["created_at"]) ?? now
        let start = min(now - Self.hour, created + Int64(random.int(in: 0...48)) * Self.hour)
        let seconds = random.int(in: 5...180) * 60
        let end = start + Int64(seconds) * 1000
        let billable = random.chance(0.8)
        return [
            "id": .int(id), "ticket_id": ticket["id"] ?? nil,
            "user_id": .int(ticket["user_id"]?.intValue ?? random.pick(context.userIDs)), "start_time": stamp(start),
            "end_time": stamp(end), "recorded": .bool(random.chance(0.7)), "created_at": stamp(start),
            "updated_at": stamp(end), "billable": .bool(billable),
            "notes": random.chance(0.5) ? .string(random.pick(Words.techUpdates)) : nil,
            "active_duration": .int(seconds), "billable_time": .int(billable ? seconds : 0),
        ]
    }

    private mutating func makeTimelog(id: Int, user: Int) -> JSONObject {
        // Working days back from today, one shift per entry; the newest entry of a user may still be open.
        let dayStart = (now / Self.day - Int64(random.int(in: 0...60))) * Self.day
        let inAt = dayStart + 15 * Self.hour + Int64(random.int(in: 0...90)) * 60_000
        let open = random.chance(0.05)
        let outAt = inAt + Int64(random.int(in: 6 * 60...9 * 60)) * 60_000
        return [
            "id": .int(id), "in_at": stamp(inAt), "out_at": open ? nil : stamp(outAt), "account_id": 1,
            "user_id": .int(user), "in_note": random.chance(0.2) ? "Onsite first" : nil,
            "out_note": open || !random.chance(0.2) ? nil : "Handed over to on-call",
            "created_at": stamp(inAt), "updated_at": stamp(open ? inAt : outAt), "lunch": .bool(random.chance(0.3)),
            "manually_updated": .bool(random.chance(0.1)),
        ]
    }

    private mutating func makeAppointment(id: Int, ticket: JSONObject) -> JSONObject {
        let created = time(ticket["created_at"]) ?? now
        let start = (created / Self.hour + Int64(random.int(in: 18...96))) * Self.hour
        let minutes = random.pick([30, 60, 90, 120])
        let subject = ticket["subject"]?.stringValue ?? "Onsite visit"
        return [
            "id": .int(id), "summary": .string("Onsite: \(subject)"),
            "description": .string("Visit for ticket #\(ticket["number"]?.intValue ?? 0)."),
            "customer_id": ticket["customer_id"] ?? nil, "created_at": stamp(created),
            "updated_at": stamp(min(max(created, start - Self.day), now)), "start_at": stamp(start),
            "end_at": stamp(start + Int64(minutes) * 60_000), "duration": .int(minutes),
            "location": .string(random.pick(["Customer site", "Front office", "Server room"])),
            "ticket_id": ticket["id"] ?? nil, "appointment_location_type": "customer",
            "start_at_label": .string(String(SimulatorTimestamp.format(milliseconds: start).prefix(16))),
            "all_day": false,
            "ticket": [
                "id": ticket["id"] ?? nil, "number": ticket["number"] ?? nil, "subject": ticket["subject"] ?? nil,
                "status": ticket["status"] ?? nil,
            ],
            "do_not_email": "false",
        ]
    }

    private mutating func makeContract(id: Int, customer: JSONObject, _ context: Context) -> JSONObject {
        let created = past(days: 30...900)
        let tier = random.pick(Words.contractTiers)
        let contact = context.contactsByCustomer[customer["id"]?.intValue ?? 0]?.first
        return [
            "id": .int(id), "account_id": 1, "customer_id": customer["id"] ?? nil,
            "name": .string("\(tier) Managed Services"),
            "contract_amount": decimal(random.int(in: 5...60) * 10_000), "start_date": date(created),
            "end_date": date(created + 365 * Self.day), "primary_contact": contact?["name"] ?? nil,
            "description": .string("\(tier) tier: monitoring, patching and helpdesk."),
            "created_at": stamp(created), "updated_at": stamp(later(than: created)),
            "status": .string(created + 365 * Self.day < now ? "Expired" : "Active"),
            "likelihood": .int(random.pick([50, 75, 100])), "apply_to_all": .bool(random.chance(0.3)),
        ]
    }

    private mutating func makeLead(id: Int, customer: JSONObject, _ context: Context) -> JSONObject {
        let contact = context.contactsByCustomer[customer["id"]?.intValue ?? 0]?.first
        let name = (contact?["name"]?.stringValue ?? "\(customer["firstname"]?.stringValue ?? "") ")
            .split(separator: " ", maxSplits: 1).map(String.init)
        let created = past(days: 1...700)
        let topic = random.pick(Words.ticketSubjects)
        let hasTicket = random.chance(0.3)
        return [
            "id": .int(id), "first_name": .string(name.first ?? ""), "last_name": .string(name.last ?? ""),
            "email": contact?["email"] ?? customer["email"] ?? "", "phone": customer["phone"] ?? "",
            "mobile": customer["mobile"].flatMap { $0.isNull ? nil : $0 } ?? "", "created_at": stamp(created),
            "updated_at": stamp(later(than: created)), "address": customer["address"] ?? "",
            "city": customer["city"] ?? "", "state": customer["state"] ?? "", "zip": customer["zip"] ?? "",
            "ticket_subject": hasTicket ? .string(topic.subject) : nil,
            "ticket_description": hasTicket ? .string(random.pick(Words.descriptions)) : nil,
            "ticket_problem_type": hasTicket ? .string(topic.problem) : nil, "customer_id": customer["id"] ?? nil,
            "contact_id": contact?["id"] ?? nil,
            "business_then_name": .string(SimulatorStore.businessThenName(of: customer)),
            "has_attachments": .bool(random.chance(0.1)), "message_read": .bool(random.chance(0.8)),
            "status": .string(random.pick(["New", "Contacted", "Converted", "Closed"])),
        ]
    }

    private mutating func makePartsOrder(id: Int, ticket: JSONObject, _ context: Context) -> JSONObject {
        let created = time(ticket["created_at"]) ?? now
        let product = context.products.isEmpty ? nil : random.pick(context.products)
        let received = random.chance(0.6)
        let retail = product.flatMap { cents($0["price_retail"]) } ?? 9_900
        return [
            "id": .int(id), "requestedon": date(created), "ticketnum": .string(String(ticket["number"]?.intValue ?? 0)),
            "parturl": .string("https://www.example.com/parts/\(10_000 + id)"),
            "trackingnum": .string(received ? "1Z\(String(random.int(in: 100_000_000...999_999_999)))" : ""),
            "price": decimal(product.flatMap { cents($0["price_cost"]) } ?? 4_900), "account_id": 1,
            "description": .string(product?["name"]?.stringValue ?? "Replacement part"),
            "user_id": ticket["user_id"] ?? nil, "created_at": stamp(created),
            "updated_at": stamp(later(than: created)), "ticket_id": ticket["id"] ?? nil,
            "product_id": product?["id"] ?? nil, "quantity": .int(random.int(in: 1...3)), "round_trip": false,
            "retail_cents": .int(retail), "taxable": .bool(product?["taxable"]?.boolValue ?? true),
            "converted": .bool(received && random.chance(0.5)),
        ]
    }

    private mutating func makePortalUser(id: Int, contact: JSONObject) -> JSONObject {
        let created = max(time(contact["created_at"]) ?? now, now - 400 * Self.day)
        return [
            "id": .int(id), "email": contact["email"] ?? "", "account_id": 1,
            "customer_id": contact["customer_id"] ?? nil,
            "contact_id": contact["id"] ?? nil, "created_at": stamp(created),
            "updated_at": stamp(later(than: created)), "portal_group_id": .int(random.int(in: 1...2)),
        ]
    }

    private mutating func makeRMMAlert(id: Int, asset: JSONObject) -> JSONObject {
        let check = random.pick(Words.rmmChecks)
        let created = past(days: 0...90)
        let resolved = random.chance(0.7)
        return [
            "id": .int(id), "customer_id": asset["customer_id"] ?? nil,
            "computer_name": asset["name"] ?? "", "properties": [:], "resolved": .bool(resolved),
            "check_id": .int(check.id), "status": .string(resolved ? "resolved" : "active"),
            "formatted_output": .string(check.output), "description": .string(check.description),
            "created_at": stamp(created), "updated_at": stamp(resolved ? later(than: created) : created),
            "asset_id": asset["id"] ?? nil,
        ]
    }

    private mutating func makeWikiPage(id: Int) -> JSONObject {
        let title = Words.wikiTitles[(id - 1) % Words.wikiTitles.count]
        let round = (id - 1) / Words.wikiTitles.count
        let name = round == 0 ? title : "\(title) (\(round + 1))"
        let slug = name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        let body = "<h1>\(name)</h1><p>Steps and contacts for \(name.lowercased()).</p>"
        return [
            "id": .int(id), "account_id": 1, "name": .string(name), "slug": .string(slug), "body": .string(body),
            "interpolated_body": .string(body),
        ]
    }

    /// Sets invoice and estimate totals from their line items, and marks paid the invoices that have a payment.
    private func settleInvoices(_ dataset: inout SimulatorDataset) {
        func totals(_ items: [JSONObject], key: String) -> [Int: Int] {
            var totals: [Int: Int] = [:]
            for item in items {
                let quantity = Int(Double(item["quantity"]?.stringValue ?? "0") ?? 0)
                totals[item[key]?.intValue ?? 0, default: 0] += (cents(item["price"]) ?? 0) * quantity
            }
            return totals
        }
        let invoiceTotals = totals(dataset[.invoiceLineItems], key: "invoice_id")
        let estimateTotals = totals(dataset[.estimateLineItems], key: "estimate_id")
        let paid = Set(dataset[.payments].flatMap { ($0["invoice_ids"]?.arrayValue ?? []).compactMap(\.intValue) })
        dataset[.invoices] = dataset[.invoices].map { invoice in
            var invoice = invoice
            let id = invoice["id"]?.intValue ?? 0
            let total = invoiceTotals[id] ?? 0
            invoice["subtotal"] = decimal(total)
            invoice["total"] = decimal(total)
            invoice["is_paid"] = .bool(paid.contains(id))
            invoice["verified_paid"] = .bool(paid.contains(id))
            return invoice
        }
        let invoiceTotalsByID = invoiceTotals
        dataset[.payments] = dataset[.payments].map { payment in
            var payment = payment
            let invoice = payment["invoice_ids"]?.arrayValue?.first?.intValue ?? 0
            payment["payment_amount"] = money(invoiceTotalsByID[invoice] ?? 0)
            return payment
        }
        dataset[.estimates] = dataset[.estimates].map { estimate in
            var estimate = estimate
            let total = estimateTotals[estimate["id"]?.intValue ?? 0] ?? 0
            estimate["subtotal"] = decimal(total)
            estimate["total"] = decimal(total)
            return estimate
        }
    }

    // MARK: Helpers

    private func stamp(_ milliseconds: Int64) -> JSONValue {
        .string(SimulatorTimestamp.format(milliseconds: milliseconds))
    }

    private func date(_ milliseconds: Int64) -> JSONValue {
        .string(String(SimulatorTimestamp.format(milliseconds: milliseconds).prefix(10)))
    }

    private func time(_ value: JSONValue?) -> Int64? {
        value?.stringValue.flatMap(SimulatorTimestamp.parse)
    }

    /// A moment `days` ago, with milliseconds.
    private mutating func past(days: ClosedRange<Int>) -> Int64 {
        now - Int64(random.int(in: days)) * Self.day - Int64(random.int(in: 0...86_399_999))
    }

    /// A moment after `milliseconds`, no later than now.
    private mutating func later(than milliseconds: Int64) -> Int64 {
        min(now, milliseconds + Int64(random.int(in: 0...60)) * Self.day + Int64(random.int(in: 1...86_399_999)))
    }

    private mutating func phone(_ area: String) -> String {
        "\(area)555\(String(1000 + random.int(in: 0...8999)))"
    }

    /// Cents as the API's decimal text ("149.00").
    private func decimal(_ cents: Int) -> JSONValue {
        .string("\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)")
    }

    /// Cents as a JSON number (149.0).
    private func money(_ cents: Int) -> JSONValue {
        .number("\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)")
    }

    /// The cents of a price written as a number or text ("149.00").
    private func cents(_ value: JSONValue?) -> Int? {
        let text: String? =
            switch value {
            case .number(let number)?: number
            case .string(let string)?: string
            default: nil
            }
        return text.flatMap(Double.init).map { Int(($0 * 100).rounded()) }
    }
}
