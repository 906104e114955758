import RecordFormats
import SyncroSimulator
import Testing

@Suite("Customer, contact, asset, user, product and settings endpoints")
struct AccountEndpointTests {
    @Test("Disabled customers are hidden unless include_disabled=true")
    func disabledCustomers() async throws {
        try await Harness.withSimulator { client in
            let active = try #require(try await client.get("/customers").json)
            #expect(active.count("customers") == 5)
            #expect(active["meta"] == ["total_pages": 1, "total_entries": 5, "per_page": 100, "page": 1])
            #expect(try await client.get("/customers?include_disabled=true").json?.count("customers") == 6)
            let disabled = try await client.get("/customers/106").json
            #expect(disabled?["customer"]?["disabled"] == true)
        }
    }

    @Test("Customer filters are case-insensitive like matches; sort takes \"field DIR\"")
    func customerFilters() async throws {
        try await Harness.withSimulator { client async throws in
            func ids(_ path: String) async throws -> [Int] {
                try await client.get(path).json?["customers"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
            }
            #expect(try await ids("/customers?business_name=LOGISTICS") == [102])
            #expect(try await ids("/customers?firstname=sar") == [101])
            #expect(try await ids("/customers?lastname=nguy") == [105])
            #expect(try await ids("/customers?email=maplefinchlaw") == [103])
            #expect(try await ids("/customers?query=greenleaf") == [104])
            #expect(try await ids("/customers?sort=business_name%20DESC") == [105, 101, 103, 102, 104])
            #expect(try await ids("/customers?sort=firstname+ASC") == [104, 103, 105, 101, 102])
            #expect(try await ids("/customers?id[]=101&id[]=103") == [101, 103])
            #expect(try await ids("/customers?unknown_param=1") == [101, 102, 103, 104, 105])
        }
    }

    @Test("Customer rows and detail embed contacts; unknown ids are 404")
    func customerDetail() async throws {
        try await Harness.withSimulator { client in
            let customer = try #require(try await client.get("/customers/101").json?["customer"])
            #expect(customer.count("contacts") == 3)
            #expect(customer["business_then_name"] == "Northwind Dental Group")
            #expect(customer["tag_list"] == nil)
            #expect(customer["properties"]?["Contract Tier"] == "Gold")
            let missing = try await client.get("/customers/1")
            #expect(missing.status == 404)
            #expect(missing.json == ["message": "Not found"])
        }
    }

    @Test("Contacts: list with total_entries, flat detail, 404 {\"message\":\"Not found\"}")
    func contacts() async throws {
        try await Harness.withSimulator { client in
            let list = try #require(try await client.get("/contacts?customer_id=101").json)
            #expect(list.count("contacts") == 3)
            #expect(list["meta"] == ["total_pages": 1, "total_entries": 3, "per_page": 50, "page": 1])
            let contact = try #require(try await client.get("/contacts/205").json)
            #expect(contact["name"] == "Alicia Moreno")
            #expect(contact["properties"]?["title"] == "Dispatch Lead")
            #expect(contact["contact"] == nil)
            let missing = try await client.get("/contacts/9")
            #expect(missing.status == 404)
            #expect(missing.json == ["message": "Not found"])
        }
    }

    @Test("Assets: filters, wrapped detail with the customer embedded")
    func assets() async throws {
        try await Harness.withSimulator { client in
            #expect(try await client.get("/customer_assets?customer_id=101").json?.count("assets") == 3)
            // Asset type 3 is "Server" in the sample settings.
            #expect(try await client.get("/customer_assets?asset_type_id=3").json?.count("assets") == 1)
            #expect(try await client.get("/customer_assets?query=thinkpad").json?.count("assets") == 0)
            #expect(try await client.get("/customer_assets?query=hbl").json?.count("assets") == 2)
            let asset = try #require(try await client.get("/customer_assets/302").json?["asset"])
            #expect(asset["asset_type"] == "Server")
            #expect(asset["customer"]?["business_name"] == "Northwind Dental Group")
            #expect(asset["customer"]?["contacts"] == nil)
            #expect(asset["rmm_store"]?["asset_id"] == 302)
            #expect(asset["asset_type_id"] == nil)
            #expect(try await client.get("/customer_assets/1").status == 404)
        }
    }

    @Test("Users are [id, name] tuples without meta; /users/{id} uses admin")
    func users() async throws {
        try await Harness.withSimulator { client in
            let list = try #require(try await client.get("/users").json)
            #expect(
                list == [
                    "users": [
                        [1, "Dana Whitfield"], [2, "Marcus Lee"], [3, "Priya Raman"], [118, "Support Fusion"],
                    ]
                ])
            let user = try #require(try await client.get("/users/118").json?["user"])
            #expect(user["admin"] == false)
            #expect(user["full_name"] == "Support Fusion")
            #expect(try await client.get("/users/5").status == 404)
        }
    }

    @Test("GET /me reports the configured subdomain and the token's user")
    func me() async throws {
        try await Harness.withSimulator(configuration: Harness.configured { $0.subdomain = "brightpath" }) { client in
            let me = try #require(try await client.get("/me").json)
            #expect(me["subdomain"] == "brightpath")
            #expect(me["user_id"] == 118)
            #expect(me["permissions"]?["ticket"]?["write"] == true)
            #expect(me["permissions"]?["ticket"]?["delete"] == false)
            #expect(me["user_token"]?.stringValue?.contains("sfdemo") == false)
            let readOnly = try #require(try await client.get("/me", token: Harness.readOnlyToken).json)
            #expect(readOnly["permissions"]?["ticket"]?["write"] == false)
            #expect(readOnly["user_id"] == 1)
        }
    }

    @Test("Products filter by name, sku and query; settings come from the dataset")
    func productsAndSettings() async throws {
        try await Harness.withSimulator { client in
            #expect(try await client.get("/products?name=labor").json?.count("products") == 1)
            #expect(try await client.get("/products?sku=U6-LITE-US").json?["products"]?.arrayValue?.first?["id"] == 403)
            #expect(try await client.get("/products/404").json?["product"]?["name"] == "Dell Latitude 5440 Laptop")
            let settings = try #require(try await client.get("/settings").json)
            #expect(settings["ticket"]?["problem_types"]?.arrayValue?.count == 5)
            let ticketSettings = try #require(try await client.get("/tickets/settings").json)
            #expect(ticketSettings["ticket_status_list"]?.arrayValue?.count == 8)
            #expect(ticketSettings["users"]?.arrayValue?.count == 4)
        }
    }

    @Test("Unknown endpoints are 404")
    func unknownEndpoint() async throws {
        try await Harness.withSimulator { client async throws in
            // Vendors are served since issue 16; invoice templates never were.
            #expect(try await client.get("/invoice_templates/1").status == 404)
            #expect(try await client.send("DELETE", "/customer_assets/301").status == 404)
        }
    }
}
