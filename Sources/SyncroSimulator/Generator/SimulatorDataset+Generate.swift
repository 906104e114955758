import RecordFormats

extension SimulatorDataset {
    /// A deterministic, realistic MSP account: the same spec (seed included) always gives the same dataset.
    ///
    /// The work is linear in the requested counts, so 100,000 tickets take a few seconds in a release build. The
    /// entities the catalog seeds (invoices, payments, timers, ...) follow in the counts of their seeds
    /// (see `RecordGenerator`).
    package static func generate(_ spec: GeneratorSpec) -> SimulatorDataset {
        var generator = DatasetGenerator(spec: spec)
        return generator.generate()
    }
}

/// Builds a generated dataset; one instance per `generate` call.
struct DatasetGenerator {
    typealias Words = GeneratorVocabulary

    let spec: GeneratorSpec
    var random: SplitMix64
    /// "Now" for the generated account: fixed, so output never depends on the wall clock.
    let now: Int64 = 1_768_478_400_000  // 2026-01-15T12:00:00Z
    static let day: Int64 = 86_400_000

    init(spec: GeneratorSpec) {
        self.spec = spec
        random = SplitMix64(seed: spec.seed ^ 0x5359_4E43_524F)  // "SYNCRO"
    }

    mutating func generate() -> SimulatorDataset {
        let users = makeUsers()
        let userIDs = users.compactMap { $0["id"]?.intValue }
        var customers: [JSONObject] = []
        var contacts: [JSONObject] = []
        var contactsOfCustomer: [[(id: Int, name: String)]] = []
        var customerNames: [(business: String?, full: String, prefix: String, email: String)] = []
        customers.reserveCapacity(spec.customers)
        for index in 0..<spec.customers {
            let made = makeCustomer(id: index + 1, firstContactID: contacts.count + 1)
            customers.append(made.customer)
            contacts += made.contacts
            contactsOfCustomer.append(made.contacts.map { ($0["id"]?.intValue ?? 0, $0["name"]?.stringValue ?? "") })
            customerNames.append(made.names)
        }
        var assets: [JSONObject] = []
        var assetsOfCustomer = [[Int]](repeating: [], count: spec.customers)
        assets.reserveCapacity(spec.assets)
        for index in 0..<spec.assets {
            let customerIndex = random.int(in: 0...(spec.customers - 1))
            let contactsHere = contactsOfCustomer[customerIndex]
            let contactID = contactsHere.isEmpty || random.chance(0.5) ? nil : random.pick(contactsHere).id
            assets.append(
                makeAsset(
                    id: index + 1, customerIndex: customerIndex, contactID: contactID,
                    prefix: customerNames[customerIndex].prefix))
            assetsOfCustomer[customerIndex].append(index + 1)
        }
        var tickets: [JSONObject] = []
        tickets.reserveCapacity(spec.tickets)
        var commentID = 1
        let technicians = Array(userIDs.filter { $0 != 118 })
        for index in 0..<spec.tickets {
            let customerIndex = skewedCustomer()
            tickets.append(
                makeTicket(
                    id: index + 1,
                    customerIndex: customerIndex,
                    customer: customerNames[customerIndex],
                    contacts: contactsOfCustomer[customerIndex],
                    assets: assetsOfCustomer[customerIndex],
                    technicians: technicians,
                    users: users,
                    commentID: &commentID
                )
            )
        }
        var dataset = SimulatorDataset(
            customers: customers,
            contacts: contacts,
            tickets: tickets,
            assets: assets,
            users: users,
            products: makeProducts(),
            settings: SimulatorDefaults.settings.replacing(ticketTypes: Self.ticketTypes),
            ticketSettings: SimulatorDefaults.ticketSettings.replacing(
                ticketTypes: Self.ticketTypes,
                users: users.map { ["id": $0["id"] ?? nil, "name": $0["full_name"] ?? nil] }
            )
        )
        var records = RecordGenerator(seed: spec.seed, now: now)
        records.addRecords(to: &dataset)
        return dataset
    }

    // MARK: Records

    private mutating func makeUsers() -> [JSONObject] {
        var users: [JSONObject] = []
        let count = max(1, spec.users)
        for index in 0..<(count - 1) {
            let tech = Words.techs[index % Words.techs.count]
            let suffix = index >= Words.techs.count ? " \(index / Words.techs.count + 1)" : ""
            let name = tech.name + suffix
            users.append(
                object([
                    "id": .int(index + 1),
                    "email": .string(Self.emailLocalPart(name) + "@brightpath-it.example"),
                    "full_name": .string(name),
                    "created_at": timestamp(daysAgo: 1500 - index * 30),
                    "updated_at": timestamp(daysAgo: random.int(in: 1...200)),
                    "group": .string(tech.group),
                    "admin": .bool(tech.admin),
                    "color": .string(tech.color),
                ])
            )
        }
        users.append(
            object([
                "id": 118, "email": "support-fusion@brightpath-it.example", "full_name": "Support Fusion",
                "created_at": timestamp(daysAgo: 140), "updated_at": timestamp(daysAgo: 140), "group": "Integrations",
                "admin": false, "color": "7e57c2",
            ])
        )
        return users
    }

    private mutating func makeCustomer(id: Int, firstContactID: Int)
        -> (
            customer: JSONObject, contacts: [JSONObject],
            names: (business: String?, full: String, prefix: String, email: String)
        )
    {
        let first = random.pick(Words.firstNames)
        let last = random.pick(Words.lastNames)
        let fullName = "\(first) \(last)"
        let residential = random.chance(0.1)
        var business: String?
        var domain = Self.emailLocalPart(last) + "-home.example"
        if !residential {
            let stem = random.pick(Words.businessStems)
            let kind = random.pick(Words.businessKinds)
            let suffix = random.pick(Words.businessSuffixes)
            // The id keeps names unique in large datasets without looking machine-made in small ones.
            let number = id > Words.businessStems.count * 4 ? " \(id)" : ""
            business = [stem, kind + number, suffix].filter { !$0.isEmpty }.joined(separator: " ")
            domain = Self.emailLocalPart(stem + kind) + "\(id).example"
        }
        let place = random.pick(Words.cities)
        let email = "\(Self.emailLocalPart(first)).\(Self.emailLocalPart(last))@\(domain)"
        let created = now - Int64(random.int(in: 60...1400)) * Self.day - Int64(random.int(in: 0...86_399_999))
        let updated = min(
            now, created + Int64(random.int(in: 0...400)) * Self.day + Int64(random.int(in: 0...86_399_999)))
        var tags: [JSONValue] = []
        for tag in Words.customerTags where random.chance(0.18) { tags.append(.string(tag)) }
        if residential { tags = ["Residential"] }
        let disabled = random.chance(0.05)
        let businessThenName = business ?? fullName
        let customer = object([
            "id": .int(id), "firstname": .string(first), "lastname": .string(last), "fullname": .string(fullName),
            "business_name": business.map(JSONValue.string) ?? nil, "email": .string(email),
            "phone": .string(phone(place.area)), "mobile": random.chance(0.5) ? .string(phone(place.area)) : nil,
            "created_at": .string(SimulatorTimestamp.format(milliseconds: created)),
            "updated_at": .string(SimulatorTimestamp.format(milliseconds: updated)), "pdf_url": nil,
            "address": .string("\(random.int(in: 100...9999)) \(random.pick(Words.streets))"), "address_2": nil,
            "city": .string(place.city), "state": .string(place.state), "zip": .string(place.zip), "latitude": nil,
            "longitude": nil, "notes": random.chance(0.2) ? "Call the office manager before any onsite visit." : nil,
            "get_sms": .bool(random.chance(0.3)), "opt_out": false, "disabled": .bool(disabled),
            "no_email": .bool(random.chance(0.1)), "location_name": nil, "location_id": nil,
            "properties": residential
                ? [:]
                : [
                    "Contract Tier": .string(random.pick(Words.contractTiers)),
                    "Onboarded": .string(String(SimulatorTimestamp.format(milliseconds: created).prefix(10))),
                ],
            "online_profile_url": .string("https://demo.syncromsp.com/my_profile/v2/index?portal_key=gen\(id)"),
            "tax_rate_id": nil, "notification_email": nil, "invoice_cc_emails": nil, "invoice_term_id": nil,
            "referred_by": nil, "ref_customer_id": nil,
            "business_and_full_name": .string(business.map { "\($0) - \(fullName)" } ?? fullName),
            "business_then_name": .string(businessThenName), "tag_list": .array(tags),
        ])
        var contacts: [JSONObject] = []
        let average = spec.contactsPerCustomer
        let count = average == 0 ? 0 : random.int(in: 1...(2 * average - 1))
        for offset in 0..<count {
            let name = offset == 0 ? fullName : "\(random.pick(Words.firstNames)) \(random.pick(Words.lastNames))"
            let contactCreated = created + Int64(offset) * Self.day * Int64(random.int(in: 0...30))
            contacts.append(
                object([
                    "id": .int(firstContactID + offset), "name": .string(name), "address1": nil, "address2": nil,
                    "city": .string(place.city), "state": .string(place.state), "zip": .string(place.zip),
                    "email": .string(contactEmail(name: name, number: offset, domain: domain)),
                    "phone": .string(phone(place.area)),
                    "mobile": random.chance(0.4) ? .string(phone(place.area)) : nil,
                    "latitude": nil, "longitude": nil, "customer_id": .int(id), "account_id": 1, "notes": nil,
                    "created_at": .string(SimulatorTimestamp.format(milliseconds: min(now, contactCreated))),
                    "updated_at": .string(
                        SimulatorTimestamp.format(milliseconds: min(now, max(contactCreated, updated)))),
                    "vendor_id": nil, "properties": ["title": .string(random.pick(Words.titles))], "opt_out": false,
                    "extension": nil,
                ])
            )
        }
        let prefix = String((business ?? last).filter(\.isLetter).uppercased().prefix(3))
        return (customer, contacts, (business, fullName, prefix, email))
    }

    private mutating func makeAsset(id: Int, customerIndex: Int, contactID: Int?, prefix: String) -> JSONObject {
        let kind = random.pick(Words.assetTypes)
        let model = random.pick(kind.models)
        var properties: JSONObject = ["Model": .string(model)]
        switch kind.type {
        case "Laptop", "Desktop":
            properties.appendUnchecked("OS", .string(random.pick(Words.operatingSystems)))
            properties.appendUnchecked("RAM (GB)", .int(random.pick([8, 16, 32])))
        case "Server":
            properties.appendUnchecked("OS", .string(random.pick(Words.serverSystems)))
            properties.appendUnchecked("RAM (GB)", .int(random.pick([32, 64, 128])))
        default:
            properties.appendUnchecked(
                "IP", .string("10.\(random.int(in: 0...40)).\(random.int(in: 0...9)).\(random.int(in: 2...250))"))
        }
        let created = now - Int64(random.int(in: 10...1200)) * Self.day - Int64(random.int(in: 0...86_399_999))
        let updated = min(now, created + Int64(random.int(in: 0...300)) * Self.day)
        return object([
            "id": .int(id), "name": .string("\(prefix)-\(kind.prefix)-\(String(id).leftPadded(to: 3))"),
            "customer_id": .int(customerIndex + 1), "contact_id": contactID.map(JSONValue.int) ?? nil,
            "created_at": .string(SimulatorTimestamp.format(milliseconds: created)),
            "updated_at": .string(SimulatorTimestamp.format(milliseconds: updated)), "properties": .object(properties),
            "asset_type": .string(kind.type), "asset_serial": .string(serial()), "external_rmm_link": nil,
            "rmm_links": [], "address": nil,
        ])
    }

    private mutating func makeTicket(
        id: Int,
        customerIndex: Int,
        customer: (business: String?, full: String, prefix: String, email: String),
        contacts: [(id: Int, name: String)],
        assets: [Int],
        technicians: [Int],
        users: [JSONObject],
        commentID: inout Int
    ) -> JSONObject {
        let topic = random.pick(Words.ticketSubjects)
        let contact = contacts.isEmpty || random.chance(0.25) ? nil : random.pick(contacts)
        let requester = contact?.name ?? customer.full
        let status = pickStatus()
        let created = now - Int64(random.int(in: 0...720)) * Self.day - Int64(random.int(in: 0...86_399_999))
        let closed = status == "Resolved" || status == "Invoiced"
        let lifetime =
            Int64(random.int(in: 0...(closed ? 20 : 60))) * Self.day + Int64(random.int(in: 60_000...36_000_000))
        let updated = min(now, created + lifetime)
        let techID = technicians.isEmpty || random.chance(0.1) ? nil : random.pick(technicians)
        var tags: [JSONValue] = []
        for tag in Words.ticketTags where random.chance(0.12) { tags.append(.string(tag)) }
        var properties = JSONObject()
        if random.chance(0.2) { properties.appendUnchecked("Billable", random.chance(0.7) ? "Yes" : "No") }
        if random.chance(0.05) { properties.appendUnchecked("Support Fusion ID", .string("SF-\(10_000 + id)")) }
        let assetIDs: [JSONValue] = !assets.isEmpty && random.chance(0.3) ? [.int(random.pick(assets))] : []

        // Comments: the description first, then technician updates, private notes and customer replies, spread
        // between creation and the last update (which the last comment sets).
        let average = max(1, spec.commentsPerTicket)
        let count = random.int(in: 1...(2 * average - 1))
        var comments: [JSONValue] = []
        comments.reserveCapacity(count)
        for index in 0..<count {
            let time = index == 0 ? created : created + (updated - created) * Int64(index) / Int64(max(1, count - 1))
            let stamp = JSONValue.string(SimulatorTimestamp.format(milliseconds: time))
            var subject: JSONValue = "Update"
            var body: String
            var tech: JSONValue
            var hidden = false
            var userID: JSONValue = nil
            if index == 0 {
                subject = "Initial Issue"
                body = "\(topic.subject). \(random.pick(Words.descriptions))"
                tech = .string(random.chance(0.3) ? customer.email : requester)
            } else if random.chance(0.25) {
                subject = "Customer reply"
                body = random.pick(Words.customerReplies)
                tech = .string(requester)
            } else {
                let author = techID ?? (technicians.isEmpty ? nil : random.pick(technicians))
                hidden = random.chance(0.35)
                subject = hidden ? "Private note" : "Update"
                body = hidden ? random.pick(Words.privateNotes) : random.pick(Words.techUpdates)
                let name = author.flatMap { id in users.first { $0["id"]?.intValue == id }?["full_name"] }
                tech = name ?? nil
                userID = author.map(JSONValue.int) ?? nil
            }
            comments.append(
                .object(
                    object([
                        "id": .int(commentID), "created_at": stamp, "updated_at": stamp, "ticket_id": .int(id),
                        "subject": subject, "body": .string(body), "tech": tech, "hidden": .bool(hidden),
                        "user_id": userID,
                    ])
                )
            )
            commentID += 1
        }
        return object([
            "id": .int(id), "number": .int(1000 + id), "subject": .string(topic.subject),
            "created_at": .string(SimulatorTimestamp.format(milliseconds: created)),
            "customer_id": .int(customerIndex + 1),
            "due_date": nil, "resolved_at": closed ? .string(SimulatorTimestamp.format(milliseconds: updated)) : nil,
            "start_at": nil, "end_at": nil, "location_id": nil, "location_name": nil,
            "problem_type": .string(topic.problem),
            "status": .string(status), "ticket_type_id": .int(random.int(in: 1...Self.ticketTypes.count)),
            "properties": .object(properties), "user_id": techID.map(JSONValue.int) ?? nil,
            "updated_at": .string(SimulatorTimestamp.format(milliseconds: updated)), "pdf_url": nil,
            "priority": .string(random.pick(["0 Urgent", "1 High", "2 Normal", "2 Normal", "2 Normal", "3 Low"])),
            "billing_status": status == "Invoiced" ? "Invoiced" : nil, "tag_list": .array(tags),
            "contact_id": contact.map { .int($0.id) } ?? nil, "asset_ids": .array(assetIDs),
            "comments": .array(comments),
        ])
    }

    private mutating func makeProducts() -> [JSONObject] {
        (0..<spec.products).map { index in
            let item = Words.products[index % Words.products.count]
            let round = index / Words.products.count
            let name = round == 0 ? item.name : "\(item.name) (\(round + 1))"
            let id = index + 1
            return object([
                "id": .int(id), "price_cost": .number(item.cost), "price_retail": .number(item.retail),
                "condition": nil,
                "description": .string(item.name), "maintain_stock": .bool(item.stocked), "name": .string(name),
                "quantity": .int(item.stocked ? random.int(in: 0...25) : 0), "warranty": nil, "sort_order": nil,
                "reorder_at": item.stocked ? 2 : nil, "disabled": false, "taxable": .bool(item.stocked),
                "product_category": .string(item.category), "category_path": .string(item.category), "upc_code": nil,
                "discount_percent": nil, "warranty_template_id": nil, "qb_item_id": nil, "desired_stock_level": nil,
                "price_wholesale": 0, "notes": nil, "tax_rate_id": nil, "physical_location": nil,
                "serialized": .bool(item.stocked), "vendor_ids": [],
                "product_skus": [
                    .object(
                        object([
                            "id": .int(id), "vendor_name": .string(item.vendor),
                            "sku": .string("SKU-\(String(id).leftPadded(to: 5))"),
                        ]))
                ],
                "long_description": nil, "location_quantities": [], "photos": [],
            ])
        }
    }

    // MARK: Helpers

    static let ticketTypes: [JSONValue] = ["Incident", "Service Request", "Onboarding", "Maintenance"].enumerated().map
    {
        .object([
            "id": .int($0.offset + 1), "name": .string($0.element), "account_id": 1,
            "created_at": "2021-03-02T15:10:00.000Z", "updated_at": "2021-03-02T15:10:00.000Z", "disabled": false,
            "intake_terms": nil, "skip_intake": false, "outtake_terms": nil, "skip_outtake": false,
            "ticket_fields": [],
        ])
    }

    /// Statuses weighted like a real board: most tickets are closed, a few are open.
    private mutating func pickStatus() -> String {
        let draw = random.unit()
        switch draw {
        case ..<0.55: return "Resolved"
        case ..<0.70: return "Invoiced"
        case ..<0.78: return "In Progress"
        case ..<0.84: return "New"
        case ..<0.89: return "Waiting on Customer"
        case ..<0.93: return "Waiting for Parts"
        case ..<0.97: return "Scheduled"
        default: return "Customer Reply"
        }
    }

    /// A customer index skewed towards the first customers, as a few clients raise most tickets.
    private mutating func skewedCustomer() -> Int {
        let draw = random.unit()
        return min(spec.customers - 1, Int(Double(spec.customers) * draw * draw))
    }

    private mutating func phone(_ area: String) -> String {
        "\(area)555\(String(random.int(in: 0...9999)).leftPadded(to: 4))"
    }

    private mutating func serial() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
        return String((0..<10).map { _ in alphabet[random.int(in: 0...(alphabet.count - 1))] })
    }

    private func timestamp(daysAgo days: Int) -> JSONValue {
        .string(SimulatorTimestamp.format(milliseconds: now - Int64(days) * Self.day))
    }

    /// The e-mail address of a customer's contact: the first name, a number after the first contact, the domain.
    private func contactEmail(name: String, number: Int, domain: String) -> String {
        let first = name.split(separator: " ").first.map(String.init) ?? name
        return Self.emailLocalPart(first) + (number == 0 ? "" : String(number)) + "@" + domain
    }

    static func emailLocalPart(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    /// An object from pairs that are known to be unique, without the duplicate check of `JSONObject.init`.
    private func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var result = JSONObject()
        for (key, value) in pairs { result.appendUnchecked(key, value) }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension JSONObject {
    fileprivate func replacing(ticketTypes: [JSONValue], users: [JSONValue]? = nil) -> JSONObject {
        var result = self
        if result["ticket_types"] != nil { result["ticket_types"] = .array(ticketTypes) }
        if var ticket = result["ticket"]?.objectValue {
            ticket["ticket_types"] = .array(ticketTypes)
            result["ticket"] = .object(ticket)
        }
        if let users { result["users"] = .array(users) }
        return result
    }
}
