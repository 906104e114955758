import Foundation
import RecordFormats
import SyncroAPI
import SyncroCatalog
import SyncroExport
import SyncroSimulator
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `sync --mirror` and `export --mirror` against the simulator over loopback, checked against live exports of the
/// same simulator state.
@Suite("Mirror")
struct MirrorTests {
    static let generated = SimulatorDataset.generate(
        GeneratorSpec(customers: 12, tickets: 260, comments: 3, assets: 20, seed: 23))

    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mirror-\(UUID().uuidString)-\(name)").path
    }

    private func remove(_ paths: String...) {
        for path in paths {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }

    @discardableResult
    private func sync(
        _ account: SimulatedAccount, _ mirror: String, configure: (inout MirrorOptions) -> Void = { _ in }
    )
        async throws -> MirrorReport
    {
        var options = MirrorOptions()
        configure(&options)
        let frozen = options
        return try await account.withClient { client in
            let store = try StagingStore.openMirror(path: mirror)
            defer { store.close() }
            return try await MirrorSync(client: client, store: store, options: frozen).run()
        }
    }

    private func liveExport(_ account: SimulatedAccount, to directory: String, details: DetailsMode = .none)
        async throws
    {
        var options = ExportOptions(outputDirectory: directory)
        options.format = .jsonl
        options.details = details
        let frozen = options
        _ = try await account.withClient { client in try await Exporter(client: client, options: frozen).run() }
    }

    private func mirrorExport(_ mirror: String, to directory: String) throws -> ExportManifest {
        var options = ExportOptions(outputDirectory: directory)
        options.format = .jsonl
        return try MirrorExport.run(mirror: mirror, options: options)
    }

    /// Every default entity's file in `a` has the same bytes in `b`.
    private func expectSameFiles(_ a: String, _ b: String, except skipped: Set<String> = []) throws {
        for entity in ExportEntity.defaults where !skipped.contains(entity.rawValue) {
            let name = "\(entity.rawValue).jsonl"
            let left = try Data(contentsOf: URL(fileURLWithPath: "\(a)/\(name)"))
            let right = try Data(contentsOf: URL(fileURLWithPath: "\(b)/\(name)"))
            #expect(left == right ? true : false, "\(name) differs")
            #expect(!left.isEmpty || entity == .tags, "\(name) is empty")
        }
    }

    @Test("with --details all, export --mirror writes the live export's bytes, and makes no request")
    func detailsAllMatchesLiveExport() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let mirror = temporaryPath("a.mirror")
            let live = temporaryPath("live")
            let fromMirror = temporaryPath("from-mirror")
            defer { remove(mirror, live, fromMirror) }
            let report = try await sync(account, mirror) { $0.details = .all }
            #expect(report.complete && report.kind == "full" && report.comments == "details")
            try await liveExport(account, to: live, details: .all)

            let before = try await account.requestLog().count
            let manifest = try mirrorExport(mirror, to: fromMirror)
            #expect(try await account.requestLog().count == before)
            #expect(manifest.requests == 0)
            try expectSameFiles(live, fromMirror)
        }
    }

    @Test("comments in bulk: the first pass costs its pages, the next one only the changed tickets' pages")
    func bulkComments() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let mirror = temporaryPath("bulk.mirror")
            let live = temporaryPath("live")
            let fromMirror = temporaryPath("from-mirror")
            defer { remove(mirror, live, fromMirror) }
            let state = try await account.state()
            let tickets = state["tickets"]?.arrayValue ?? []
            let comments = tickets.reduce(0) { $0 + ($1["comments"]?.arrayValue?.count ?? 0) }
            let first = try await sync(account, mirror)
            #expect(first.comments == "bulk")
            #expect(first.changed[.comments] == comments)
            // Ticket pages, comment pages, one page of each other list, the users' pairs and details.
            let pages = { (count: Int) in max(1, (count + 99) / 100) }
            let users = state["users"]?.arrayValue?.count ?? 0
            let others = ["customers", "contacts", "assets", "products"].reduce(0) {
                $0 + pages(state[$1]?.arrayValue?.count ?? 0)
            }
            #expect(first.requests == pages(tickets.count) + pages(comments) + others + 1 + users)

            // Every file equals a live export's, which reads the same way (ticket rows are the list rows).
            try await liveExport(account, to: live)
            _ = try mirrorExport(mirror, to: fromMirror)
            try expectSameFiles(live, fromMirror)

            let second = try await sync(account, mirror)
            #expect(second.kind == "incremental" && second.complete)
            #expect(second.changed.isEmpty)
        }
    }

    @Test("an account without GET /ticket_comments: one line says so, and each changed ticket's comments are read")
    func perTicketComments() async throws {
        try await SimulatedAccount.with(dataset: Self.generated, configure: { $0.servesTicketComments = false }) {
            account in
            let mirror = temporaryPath("per-ticket.mirror")
            let live = temporaryPath("live")
            let fromMirror = temporaryPath("from-mirror")
            defer { remove(mirror, live, fromMirror) }
            let report = try await sync(account, mirror)
            #expect(report.complete && report.comments == "per-ticket")
            #expect(report.warnings.count == 1)
            #expect(report.warnings.first?.hasPrefix("GET /ticket_comments answered 404") == true)
            let tickets = try await account.state()["tickets"]?.arrayValue?.count ?? 0
            let log = try await account.requestLog()
            let commentLists = log.filter { ($0["path"]?.stringValue ?? "").hasSuffix("/comments") }
            #expect(commentLists.count >= tickets)
            // Syncro's per-ticket list shows more of each comment (`is_rich_text`, `user`) than the detail does:
            // the same comments, each with every field of the detail's and the same values.
            try await liveExport(account, to: live)
            _ = try mirrorExport(mirror, to: fromMirror)
            try expectSameFiles(live, fromMirror, except: ["tickets", "comments"])
            func comments(_ directory: String) throws -> [Int: JSONObject] {
                let lines = try String(contentsOfFile: directory + "/comments.jsonl", encoding: .utf8)
                    .split(separator: "\n")
                return Dictionary(
                    uniqueKeysWithValues: try lines.compactMap { line -> (Int, JSONObject)? in
                        guard let object = try JSONValue.parse(String(line)).objectValue,
                            let id = object["id"]?.intValue
                        else { return nil }
                        return (id, object)
                    })
            }
            let expected = try comments(live)
            let mirrored = try comments(fromMirror)
            #expect(Set(expected.keys) == Set(mirrored.keys))
            #expect(!expected.isEmpty)
            for (id, comment) in expected {
                #expect(comment.allSatisfy { mirrored[id]?[$0.key] == $0.value }, "comment \(id)")
            }
        }
    }

    @Test("a budget stops the pass cleanly; the next runs continue it and end with the same mirror")
    func budgets() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let whole = temporaryPath("whole.mirror")
            let pieces = temporaryPath("pieces.mirror")
            let a = temporaryPath("a")
            let b = temporaryPath("b")
            defer { remove(whole, pieces, a, b) }
            let once = try await sync(account, whole)
            var runs = 0
            var requests = 0
            var report: MirrorReport
            repeat {
                report = try await sync(account, pieces) { $0.maxRequests = 4 }
                runs += 1
                requests += report.requests
                #expect(report.requests <= 4)
                #expect(report.kind == "full")
                #expect(report.complete || report.stoppedBy == "--max-requests 4")
            } while !report.complete && runs < 50
            #expect(report.complete)
            #expect(runs > 2)
            // A stop loses at most the requests in flight, which the next run asks again.
            #expect(requests <= once.requests + runs * 4)
            _ = try mirrorExport(whole, to: a)
            _ = try mirrorExport(pieces, to: b)
            try expectSameFiles(a, b)
        }
    }

    @Test("changed, added and deleted tickets and comments: one sync --full-scan brings the mirror to Syncro's state")
    func changesAndDeletions() async throws {
        try await SimulatedAccount.with(dataset: Self.generated, tokens: Self.tokensWithAdmin) { account in
            let mirror = temporaryPath("changes.mirror")
            let live = temporaryPath("live")
            let fromMirror = temporaryPath("from-mirror")
            defer { remove(mirror, live, fromMirror) }
            try await sync(account, mirror) { $0.details = .all }
            let tickets = try #require(try await account.state()["tickets"]?.arrayValue)
            let changed = try #require(tickets[10]["id"]?.intValue)
            let commented = try #require(tickets[20]["id"]?.intValue)
            let deleted = try #require(tickets[30]["id"]?.intValue)
            let customer = try #require(tickets[0]["customer_id"]?.intValue)
            try await account.withClient { client in
                _ = try await client.updateTicket(id: changed, ["status": "Waiting on Customer"])
                _ = try await client.createComment(
                    ticketID: commented, ["subject": "Update", "body": "A new comment", "hidden": false])
                _ = try await client.createTicket(["customer_id": .int(customer), "subject": "Brand new"])
            }
            try await deleteTicket(deleted, at: account)

            let report = try await sync(account, mirror) {
                $0.details = .all
                $0.fullScan = true
            }
            #expect(report.kind == "scan" && report.complete)
            #expect(report.deleted[.tickets] == 1)
            #expect(report.changed[.tickets] == 3)
            let store = try StagingStore.openMirror(path: mirror)
            #expect(try store.deletedCount(.tickets) == 1)
            store.close()

            try await liveExport(account, to: live, details: .all)
            _ = try mirrorExport(mirror, to: fromMirror)
            try expectSameFiles(live, fromMirror)
            let ids = try String(contentsOfFile: fromMirror + "/tickets.jsonl", encoding: .utf8)
                .split(separator: "\n").compactMap { try JSONValue.parse(String($0))["id"]?.intValue }
            #expect(!ids.contains(deleted))
        }
    }

    @Test("a comment deleted in Syncro's web interface leaves the mirror with the next sync (bulk comments)")
    func deletedComment() async throws {
        try await SimulatedAccount.with(dataset: Self.generated) { account in
            let mirror = temporaryPath("comments.mirror")
            let live = temporaryPath("live")
            let fromMirror = temporaryPath("from-mirror")
            defer { remove(mirror, live, fromMirror) }
            try await sync(account, mirror)
            let tickets = try #require(try await account.state()["tickets"]?.arrayValue)
            let comments = try #require(
                tickets.lazy.compactMap { $0["comments"]?.arrayValue }.first { $0.count >= 2 })
            let gone = try #require(comments[0]["id"]?.intValue)
            let kept = try #require(comments[1]["id"]?.intValue)
            var request = URLRequest(url: try #require(URL(string: "\(account.root)/_sim/comments/\(gone)")))
            request.httpMethod = "DELETE"
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)

            let report = try await sync(account, mirror)
            #expect(report.kind == "incremental" && report.complete)
            #expect(report.deleted[.comments] == 1)
            try await liveExport(account, to: live)
            _ = try mirrorExport(mirror, to: fromMirror)
            try expectSameFiles(live, fromMirror)
            let ids = try String(contentsOfFile: fromMirror + "/comments.jsonl", encoding: .utf8)
                .split(separator: "\n").compactMap { try JSONValue.parse(String($0))["id"]?.intValue }
            #expect(!ids.contains(gone) && ids.contains(kept))
        }
    }

    /// The sample tokens and an administrator's, who may delete tickets.
    static let administrator = "sim-test-administrator-0123456789abcdef"
    static let tokensWithAdmin = SimulatorTokens(
        SimulatorTokens.samples.tokens + [
            SimulatorToken(token: administrator, name: "Administrator", permissions: [SyncroPermission.all])
        ])

    /// `DELETE /tickets/{id}` as an administrator: the tool itself never sends it, so the test does, by hand.
    private func deleteTicket(_ id: Int, at account: SimulatedAccount) async throws {
        var request = URLRequest(url: try #require(URL(string: "\(account.baseURL)/tickets/\(id)")))
        request.httpMethod = "DELETE"
        request.setValue("Bearer \(Self.administrator)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
    }

    @Test("a file that is not a mirror, and a mirror without a complete pass, are refused with one sentence")
    func refusals() async throws {
        let path = temporaryPath("notes.txt")
        let empty = temporaryPath("empty.mirror")
        defer { remove(path, empty) }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: MirrorError.self) { try StagingStore.openMirror(path: path) }
        do {
            _ = try StagingStore.openMirror(path: path)
        } catch {
            #expect(error.errorDescription?.contains("is not a syncro-fusion mirror") == true)
        }
        try StagingStore.openMirror(path: empty).close()
        #expect(throws: MirrorError.incomplete(empty)) { try mirrorExport(empty, to: temporaryPath("out")) }
    }
}
