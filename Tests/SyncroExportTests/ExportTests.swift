import Foundation
import RecordFormats
import SyncroAPI
import SyncroCatalog
import SyncroExport
import SyncroSimulator
import TestSupport
import Testing

/// Exports against the simulator over loopback, checked against the simulator's own state.
@Suite("Export")
struct ExportTests {
    static let generated = SimulatorDataset.generate(
        GeneratorSpec(customers: 12, tickets: 140, comments: 3, assets: 20, seed: 11)
    )

    private func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)").path
    }

    private func export(
        _ account: SimulatedAccount, to directory: String, token: APIToken? = nil,
        configure: (inout ExportOptions) -> Void = { _ in },
        client configureClient: @escaping (inout ClientConfiguration) -> Void = { _ in }
    ) async throws -> ExportManifest {
        var options = ExportOptions(outputDirectory: directory)
        configure(&options)
        let frozen = options
        return try await account.withClient(token: token ?? SampleTokens.full, configure: configureClient) { client in
            try await Exporter(client: client, options: frozen).run()
        }
    }

    /// Reads a JSON Lines file into records.
    private func records(_ path: String) throws -> [JSONObject] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONValue.parse(String(line)).objectValue)
        }
    }

    @Test("every entity is exported with every comment and the ticket details, and the counts match the account")
    func everyEntity() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let state = try await account.state()
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let manifest = try await export(account, to: directory, token: SampleTokens.migration) {
                $0.format = .jsonl
                $0.entities = ExportEntity.allCases
                $0.details = .all
            }
            let tickets = state["tickets"]?.arrayValue ?? []
            let commentCount = tickets.reduce(0) { $0 + ($1["comments"]?.arrayValue?.count ?? 0) }
            #expect(manifest.counts[.tickets] == tickets.count)
            #expect(manifest.counts[.comments] == commentCount)
            let tagCount = tickets.reduce(0) { $0 + ($1["tag_list"]?.arrayValue?.count ?? 0) }
            #expect((manifest.counts[.tags] ?? 0) >= tagCount)
            // Every entity with records of its own: exactly the simulator's records, each of them generated.
            for entity in ExportEntity.allCases where ![.tickets, .comments, .tags].contains(entity) {
                let count = try #require(state[entity.rawValue]?.arrayValue?.count, "\(entity)")
                #expect(count > 0, "\(entity)")
                #expect(manifest.counts[entity] == count, "\(entity)")
                let ids = try records("\(directory)/\(entity.rawValue).jsonl").compactMap { $0["id"]?.intValue }
                let expected = state[entity.rawValue]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []
                #expect(ids.sorted() == expected.sorted(), "\(entity)")
            }

            // Every comment of every ticket, not just the first the list rows carry.
            let exported = try records(directory + "/comments.jsonl")
            #expect(Set(exported.compactMap { $0["id"]?.intValue }).count == commentCount)
            let hidden = exported.filter { $0["hidden"] == .bool(true) }.count
            #expect(hidden > 0)

            // Ticket records keep every list field plus the detail's attachments, without embedded comments.
            let ticket = try #require(try records(directory + "/tickets.jsonl").first)
            #expect(ticket["customer_tag_list"] != nil)
            #expect(ticket["attachments"] != nil)
            #expect(ticket["asset_ids"] != nil)
            #expect(ticket["comments"] == nil)
            // Appointments are listed wrapped ({"appointment": {...}}) and exported as the records themselves.
            let appointment = try #require(try records(directory + "/appointments.jsonl").first)
            #expect(appointment["id"]?.intValue != nil && appointment["appointment"] == nil)

            // The minimum requests: /me, one detail per ticket and users' pairs and details, plus each list's pages
            // (one empty page more where the endpoint sends no total_pages).
            let users = state["users"]?.arrayValue?.count ?? 0
            var minimum = 1 + tickets.count + 1 + users
            for entity in ExportEntity.allCases {
                switch entity.definition.source {
                case .list, .ticketsWithDetails:
                    minimum += entity.listRequests(records: state[entity.rawValue]?.arrayValue?.count ?? 0)
                case .ticketComments, .derivedTags, .userPairs:
                    break
                }
            }
            // A retry (of a request that timed out while the whole suite shares two cores) asks the same again: the
            // requests apart from retries are the minimum.
            #expect(manifest.requests - manifest.retries == minimum, "\(manifest.retries) retries")
            #expect(manifest.rateLimited == 0)

            // The manifest lists every file with its checksum, and nothing else is left in the directory.
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            #expect(names == (ExportEntity.allCases.map { "\($0.rawValue).jsonl" } + ["manifest.json"]).sorted())
            for file in manifest.files {
                let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
                #expect(SHA256.hexDigest(of: Array(data)) == file.sha256)
                #expect(data.count == file.bytes)
            }
        }
    }

    @Test("without --details the comments come in bulk: a page per 100 comments, and no ticket detail")
    func bulkComments() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let state = try await account.state()
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let manifest = try await export(account, to: directory) {
                $0.format = .jsonl
                $0.entities = [.tickets, .comments]
            }
            let tickets = state["tickets"]?.arrayValue ?? []
            let commentCount = tickets.reduce(0) { $0 + ($1["comments"]?.arrayValue?.count ?? 0) }
            #expect(manifest.counts[.tickets] == tickets.count)
            #expect(manifest.counts[.comments] == commentCount)
            let exported = try records(directory + "/comments.jsonl")
            #expect(Set(exported.compactMap { $0["id"]?.intValue }).count == commentCount)
            // The list rows only: no asset links, no attachments; the manifest says so.
            let ticket = try #require(try records(directory + "/tickets.jsonl").first)
            #expect(ticket["asset_ids"] == nil && ticket["attachments"] == nil && ticket["comments"] == nil)
            #expect(manifest.json["details"] == "none")
            // /me, the ticket pages and the comment pages: nothing per ticket.
            let commentPages = (commentCount + 99) / 100
            #expect(manifest.requests == 1 + ExportEntity.tickets.listRequests(records: tickets.count) + commentPages)
            let paths = try await account.requestLog().compactMap { $0["path"]?.stringValue }
            #expect(!paths.contains { $0.hasPrefix("/api/v1/tickets/") })
        }
    }

    @Test("without --entities an export writes the eight entities of the first version, and no others")
    func defaultEntities() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            _ = try await export(account, to: directory) { $0.format = .csv }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            let expected = ["tickets", "comments", "customers", "contacts", "assets", "tags", "users", "products"]
            #expect(names == (expected.map { "\($0).csv" } + ["manifest.json"]).sorted())
        }
    }

    @Test("an entity the token may not read fails the export with the Syncro permission it needs, and no file")
    func entityPermission() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            await #expect {
                _ = try await export(account, to: directory, token: SampleTokens.full) {
                    $0.entities = [.customers, .invoices]
                }
            } throws: { error in
                guard let error = error as? ExportError else { return false }
                return error
                    == .permissionDenied(
                        entity: "invoices", endpoint: "GET /invoices", permissions: ["Invoices - List/Search"])
                    && error.errorDescription?.contains("\"Invoices - List/Search\"") == true
            }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty)
        }
    }

    @Test("an incremental run lists invoices since their own watermark and exports only the changed ones")
    func incrementalInvoices() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let first = temporaryDirectory()
            let second = temporaryDirectory()
            let statePath = temporaryDirectory() + ".sqlite"
            defer {
                for path in [first, second, statePath] { try? FileManager.default.removeItem(atPath: path) }
            }
            let full = try await export(account, to: first, token: SampleTokens.migration) {
                $0.format = .jsonl
                $0.entities = [.invoices]
                $0.statePath = statePath
            }
            let invoices = try #require(full.counts[.invoices])
            #expect(invoices > 0)
            let next = try #require(full.entityWatermarks[.invoices]?.next)
            let again = try await export(account, to: second, token: SampleTokens.migration) {
                $0.format = .jsonl
                $0.entities = [.invoices]
                $0.statePath = statePath
            }
            // Nothing changed: the filter asked only the overlap, and nothing in it was new.
            #expect(again.entityWatermarks[.invoices]?.used == next)
            #expect(again.counts[.invoices] == 0)
            let requests = try await account.requestLog().filter { $0["path"]?.stringValue == "/api/v1/invoices" }
            let query = try #require(requests.last?["query"]?.stringValue)
            #expect(query.contains("since_updated_at="))
        }
    }

    @Test(
        "the same account gives the same records in JSON, JSON Lines, XML and CSV",
        arguments: [ExportFormat.json, .xml, .csv])
    func formatsAgree(format: ExportFormat) async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let lines = temporaryDirectory()
            let other = temporaryDirectory()
            defer {
                try? FileManager.default.removeItem(atPath: lines)
                try? FileManager.default.removeItem(atPath: other)
            }
            _ = try await export(account, to: lines, token: SampleTokens.migration) {
                $0.format = .jsonl
                $0.entities = ExportEntity.allCases
            }
            let manifest = try await export(account, to: other, token: SampleTokens.migration) {
                $0.format = format
                $0.entities = ExportEntity.allCases
            }
            for entity in ExportEntity.allCases {
                let expected = try records("\(lines)/\(entity.rawValue).jsonl")
                #expect(manifest.counts[entity] == expected.count, "\(entity)")
                if format == .json {
                    let array = try JSONValue.parse(
                        Array(try Data(contentsOf: URL(fileURLWithPath: "\(other)/\(entity.rawValue).json"))))
                    #expect(array.arrayValue?.compactMap(\.objectValue) == expected, "\(entity)")
                } else if format == .xml {
                    // Read back through libxml2: the same records, key order and types included.
                    let reader = try XMLRecordReader(path: "\(other)/\(entity.rawValue).xml")
                    var read: [JSONObject] = []
                    while let record = try reader.next() {
                        #expect(record.element == entity.recordName)
                        read.append(record.fields)
                    }
                    #expect(read == expected, "\(entity)")
                } else {
                    let text = try String(contentsOfFile: "\(other)/\(entity.rawValue).csv", encoding: .utf8)
                    #expect(text.hasPrefix(EntityColumns.base(entity).map(\.header).joined(separator: ",")))
                }
            }
        }
    }

    @Test("the Excel profile writes a BOM and CRLF and neutralises formula-like cells")
    func excelProfile() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let state = try await account.state()
            let id = try #require(state["tickets"]?.arrayValue?.first?["id"]?.intValue)
            try await account.withClient { client in
                _ = try await client.updateTicket(id: id, ["subject": "=HYPERLINK(\"http://x.example\",\"click\")"])
            }
            _ = try await export(account, to: directory) {
                $0.excelCSV = true
                $0.entities = [.tickets]
                $0.comments = .none
            }
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/tickets.csv")))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.contains("\r\n"))
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
            #expect(text.contains(#"'=HYPERLINK"#))
            #expect(!text.contains(#",=HYPERLINK"#))
            // Negative numbers in numeric columns stay numbers.
            #expect(!text.contains(",'-"))
        }
    }

    @Test("an incremental run exports exactly the records that changed, and comments only of changed tickets")
    func incremental() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let directory = temporaryDirectory()
            let statePath = directory + "-state.sqlite"
            defer {
                try? FileManager.default.removeItem(atPath: directory)
                try? FileManager.default.removeItem(atPath: statePath)
            }
            let first = try await export(account, to: directory) {
                $0.format = .jsonl
                $0.statePath = statePath
            }
            #expect((first.counts[.tickets] ?? 0) > 100)
            #expect(first.nextWatermark != nil)

            // Nothing changed: nothing is exported.
            let unchanged = try await export(account, to: directory) {
                $0.format = .jsonl
                $0.statePath = statePath
            }
            #expect(unchanged.counts[.tickets] == 0)
            #expect(unchanged.counts[.comments] == 0)
            #expect(unchanged.counts[.customers] == 0)
            #expect(unchanged.counts[.users] == 0)

            // Two tickets change: one edited, one gets a comment.
            let state = try await account.state()
            let ids = (state["tickets"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue }.sorted()
            let edited = ids[3]
            let commented = ids[40]
            try await account.withClient { client in
                _ = try await client.updateTicket(id: edited, ["subject": "Changed overnight"])
                _ = try await client.createComment(
                    ticketID: commented, ["subject": "Update", "body": "New", "do_not_email": true])
            }
            let second = try await export(account, to: directory) {
                $0.format = .jsonl
                $0.statePath = statePath
            }
            let tickets = try records(directory + "/tickets.jsonl")
            #expect(Set(tickets.compactMap { $0["id"]?.intValue }) == [edited, commented])
            #expect(tickets.first { $0["id"]?.intValue == edited }?["subject"] == "Changed overnight")
            let comments = try records(directory + "/comments.jsonl")
            let commentTickets = Set(comments.compactMap { $0["ticket_id"]?.intValue })
            #expect(commentTickets == [edited, commented])
            #expect(comments.contains { $0["body"] == "New" })
            #expect(second.counts[.customers] == 0)
            #expect(second.watermarkUsed == first.nextWatermark)
            #expect((second.unchanged[.tickets] ?? 0) >= 0)
        }
    }

    @Test("a failure part-way leaves no file under a final name and keeps the watermark")
    func failureLeavesNothing() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let directory = temporaryDirectory()
            let statePath = directory + "-state.sqlite"
            defer {
                try? FileManager.default.removeItem(atPath: directory)
                try? FileManager.default.removeItem(atPath: statePath)
            }
            // Products fail after tickets, customers, contacts and assets were fetched.
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "500", "count": 50, "path": "/api/v1/products"])
            await #expect {
                _ = try await export(account, to: directory, configure: { $0.statePath = statePath }) {
                    $0.retryPolicy.maximumAttempts = 2
                }
            } throws: { error in
                (error as? SyncroAPIError)?.kind == .serverError
            }
            // Only the staging mirror stays, hidden, for the same export run again to continue from.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            #expect(left.allSatisfy { $0.hasPrefix(Exporter.stagingName) }, "\(left)")
            #expect(left.contains(Exporter.stagingName))
            #expect(try ExportState(path: statePath).ticketWatermark() == nil)
        }
    }

    @Test("an export that failed part-way, run again, continues: the pages it committed are not asked again")
    func failedExportResumes() async throws {
        let clean = temporaryDirectory()
        let resumed = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: clean)
            try? FileManager.default.removeItem(atPath: resumed)
        }
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let full = try await export(account, to: clean) { $0.format = .jsonl }
            // Products fail twice, which is every attempt the client makes; tickets, comments, customers, contacts
            // and assets are committed meanwhile.
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "500", "count": 2, "path": "/api/v1/products"])
            await #expect(throws: SyncroAPIError.self) {
                _ = try await export(account, to: resumed, configure: { $0.format = .jsonl }) {
                    $0.retryPolicy.maximumAttempts = 2
                }
            }
            let before = try await account.requestLog().count
            let second = try await export(account, to: resumed) { $0.format = .jsonl }
            // The second run asks for what the first did not commit: far fewer requests than a whole export.
            let paths = try await account.requestLog().dropFirst(before).compactMap { $0["path"]?.stringValue }
            #expect(paths.contains { $0.hasPrefix("/api/v1/products") })
            #expect(!paths.contains { $0 == "/api/v1/tickets" || $0 == "/api/v1/ticket_comments" })
            #expect(second.requests < full.requests / 2, "\(second.requests) of \(full.requests)")
            for entity in ExportEntity.defaults {
                let a = try Data(contentsOf: URL(fileURLWithPath: "\(clean)/\(entity.rawValue).jsonl"))
                let b = try Data(contentsOf: URL(fileURLWithPath: "\(resumed)/\(entity.rawValue).jsonl"))
                #expect(a == b ? true : false, "\(entity) differs")
            }
            // A finished export leaves no staging behind.
            let names = try FileManager.default.contentsOfDirectory(atPath: resumed)
            #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
        }
    }

    @Test("a token without a ticket permission fails the export instead of writing empty files")
    func permissionFailure() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let directory = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            var options = ExportOptions(outputDirectory: directory)
            options.format = .csv
            let frozen = options
            await #expect {
                try await account.withClient(token: SampleTokens.noTickets) { client in
                    _ = try await Exporter(client: client, options: frozen).run()
                }
            } throws: { error in
                (error as? ExportError)
                    == .permissionDenied(
                        entity: "tickets", endpoint: "GET /tickets", permissions: ["Tickets - List/Search"])
            }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty)
        }
    }

    @Test("injected 429s, 500s, dropped connections and HTML 504s give the same files as a clean run")
    func faultsGiveSameFiles() async throws {
        let clean = temporaryDirectory()
        let faulty = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(atPath: clean)
            try? FileManager.default.removeItem(atPath: faulty)
        }
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            _ = try await export(account, to: clean, token: SampleTokens.migration) {
                $0.format = .jsonl
                $0.entities = ExportEntity.allCases
            }
        }
        let manifest = try await SimulatedAccount.with(
            dataset: Self.generated,
            configure: {
                $0.faults = try! FaultSpec.parse("429=0.04,500=0.04,drop=0.03,html504=0.03")
                $0.randomSeed = 5
            }
        ) { account in
            try await export(account, to: faulty, token: SampleTokens.migration) {
                $0.format = .jsonl
                $0.entities = ExportEntity.allCases
            } client: {
                $0.retryPolicy.maximumAttempts = 12
            }
        }
        #expect(manifest.retries > 0)
        #expect(manifest.rateLimited > 0)
        for entity in ExportEntity.allCases {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(clean)/\(entity.rawValue).jsonl"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(faulty)/\(entity.rawValue).jsonl"))
            #expect(a == b ? true : false, "\(entity) differs")
        }
    }
}
