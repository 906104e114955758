import RecordFormats
import SyncroSimulator
import Testing

@Suite("Paging and meta")
struct PagingTests {
    /// Enough records that every endpoint has several pages.
    static let dataset: SimulatorDataset = {
        var spec = GeneratorSpec(customers: 250, tickets: 230, comments: 2, assets: 120, seed: 3)
        spec.products = 60
        return SimulatorDataset.generate(spec)
    }()

    static var activeCustomers: Int {
        dataset.customers.filter { $0["disabled"]?.boolValue != true }.count
    }

    @Test("Each endpoint has its default page size and meta keys")
    func defaults() async throws {
        let dataset = Self.dataset
        let active = Self.activeCustomers
        try await Harness.withSimulator(dataset: dataset) { client in
            let tickets = try #require(try await client.get("/tickets").json)
            #expect(tickets.count("tickets") == 50)
            #expect(tickets["meta"] == ["total_pages": 5, "page": 1])

            let customers = try #require(try await client.get("/customers").json)
            #expect(customers.count("customers") == 100)
            #expect(customers["meta"]?.objectValue?.keys == ["total_pages", "total_entries", "per_page", "page"])
            #expect(customers["meta"]?["total_entries"]?.intValue == active)
            #expect(customers["meta"]?["per_page"] == 100)

            let contacts = try #require(try await client.get("/contacts").json)
            #expect(contacts.count("contacts") == 50)
            #expect(contacts["meta"]?["per_page"] == 50)
            #expect(contacts["meta"]?["total_entries"]?.intValue == dataset.contacts.count)

            let assets = try #require(try await client.get("/customer_assets").json)
            #expect(assets.count("assets") == 50)
            #expect(assets["meta"] == ["total_pages": 3, "total_entries": 120, "per_page": 50, "page": 1])

            let products = try #require(try await client.get("/products").json)
            #expect(products.count("products") == 25)
            #expect(products["meta"] == ["total_pages": 3, "page": 1])
        }
    }

    @Test("per_page is honoured and clamped at 100")
    func perPage() async throws {
        try await Harness.withSimulator(dataset: Self.dataset) { client in
            let big = try #require(try await client.get("/tickets?per_page=500").json)
            #expect(big.count("tickets") == 100)
            #expect(big["meta"] == ["total_pages": 3, "page": 1])
            let small = try #require(try await client.get("/customers?per_page=7&page=2").json)
            #expect(small.count("customers") == 7)
            #expect(small["meta"]?["per_page"] == 7)
            #expect(small["meta"]?["page"] == 2)
            let nonsense = try #require(try await client.get("/contacts?per_page=abc&page=-3").json)
            #expect(nonsense.count("contacts") == 50)
            #expect(nonsense["meta"]?["page"] == 1)
        }
        try await Harness.withSimulator(
            dataset: Self.dataset, configuration: Harness.configured { $0.honoursPerPage = false }
        ) { client in
            let ignored = try #require(try await client.get("/tickets?per_page=10").json)
            #expect(ignored.count("tickets") == 50)
        }
    }

    @Test("A page past the end is 200 with an empty array and meta")
    func pastTheEnd() async throws {
        try await Harness.withSimulator(dataset: Self.dataset) { client in
            for (path, key) in [
                ("/tickets", "tickets"), ("/customers", "customers"), ("/contacts", "contacts"),
                ("/customer_assets", "assets"), ("/products", "products"),
            ] {
                let result = try await client.get(path + "?page=999")
                #expect(result.status == 200, "\(path)")
                #expect(result.json?.count(key) == 0, "\(path)")
                #expect(result.json?["meta"]?["page"] == 999, "\(path)")
            }
        }
    }

    @Test("Pages cover every ticket exactly once, newest first")
    func pagesCoverAll() async throws {
        try await Harness.withSimulator(dataset: Self.dataset) { client in
            var ids: [Int] = []
            for page in 1...5 {
                let rows = try #require(try await client.get("/tickets?page=\(page)").json?["tickets"]?.arrayValue)
                ids += rows.compactMap { $0["id"]?.intValue }
            }
            #expect(ids == Array((1...230).reversed()))
        }
    }

    @Test("The products meta can be turned off, as in the OpenAPI example")
    func productsWithoutMeta() async throws {
        try await Harness.withSimulator(
            dataset: Self.dataset, configuration: Harness.configured { $0.metaKeys.products = [] }
        ) { client in
            let products = try #require(try await client.get("/products").json)
            #expect(products["meta"] == nil)
            #expect(products.count("products") == 25)
        }
    }
}
