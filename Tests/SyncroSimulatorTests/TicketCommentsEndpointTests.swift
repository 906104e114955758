import RecordFormats
import SyncroCatalog
import SyncroSimulator
import Testing

/// `GET /ticket_comments`, the newer API's bulk comments list, and the switch that serves an account without it.
@Suite("Bulk comments endpoint")
struct TicketCommentsEndpointTests {
    /// The sample dataset's 35 comments on 12 tickets.
    static let sampleCommentCount = 35

    /// The items of a `/ticket_comments` answer.
    static func comments(_ json: JSONValue?) -> [JSONValue] {
        json?["ticket_comments"]?.arrayValue ?? []
    }

    /// The `id`s of the items of a `/ticket_comments` answer.
    static func ids(_ json: JSONValue?, _ key: String = "id") -> [Int] {
        comments(json).compactMap { $0[key]?.intValue }
    }

    @Test("Pages carry the full meta in Syncro's key order; past the end is an empty page")
    func pagingAndMeta() async throws {
        try await Harness.withSimulator { client async throws in
            let first = try #require(try await client.get("/ticket_comments?per_page=10").json)
            let meta = try #require(first["meta"]?.objectValue)
            #expect(meta.keys == ["total_pages", "total_entries", "per_page", "page"])
            #expect(first["meta"] == ["total_pages": 4, "total_entries": 35, "per_page": 10, "page": 1])
            #expect(first.count("ticket_comments") == 10)
            let last = try await client.get("/ticket_comments?per_page=10&page=4").json
            #expect(last?.count("ticket_comments") == 5)
            #expect(last?["meta"]?["page"] == 4)
            let past = try await client.get("/ticket_comments?per_page=10&page=5")
            #expect(past.status == 200)
            #expect(past.json?.count("ticket_comments") == 0)
            #expect(past.json?["meta"]?["total_entries"] == 35)

            var seen: [Int] = []
            for page in 1...4 {
                seen += Self.ids(try await client.get("/ticket_comments?per_page=10&page=\(page)").json)
            }
            #expect(seen.count == Self.sampleCommentCount)
            #expect(Set(seen).count == Self.sampleCommentCount)

            let defaults = try await client.get("/ticket_comments").json
            #expect(defaults?.count("ticket_comments") == 25)
            #expect(defaults?["meta"] == ["total_pages": 2, "total_entries": 35, "per_page": 25, "page": 1])
        }
        try await Harness.withSimulator(configuration: Harness.configured { $0.pageSizes.ticketComments = 7 }) {
            client async throws in
            #expect(try await client.get("/ticket_comments").json?["meta"]?["total_pages"] == 5)
            #expect(try await client.get("/ticket_comments").json?["meta"]?["per_page"] == 7)
        }
    }

    @Test("per_page is clamped at the maximum; zero or garbage means the default")
    func perPageClamp() async throws {
        try await Harness.withSimulator { client async throws in
            #expect(try await client.get("/ticket_comments?per_page=500").json?["meta"]?["per_page"] == 100)
            #expect(try await client.get("/ticket_comments?per_page=500").json?.count("ticket_comments") == 35)
            #expect(try await client.get("/ticket_comments?per_page=0").json?["meta"]?["per_page"] == 25)
            #expect(try await client.get("/ticket_comments?per_page=x").json?["meta"]?["per_page"] == 25)
        }
        try await Harness.withSimulator(configuration: Harness.configured { $0.perPageMaximum = 20 }) {
            client async throws in
            #expect(try await client.get("/ticket_comments?per_page=30").json?["meta"]?["per_page"] == 20)
        }
    }

    @Test("Sorted by ticket id ascending, then created_at descending, then id descending")
    func ordering() async throws {
        try await Harness.withSimulator { client async throws in
            let all = try await client.get("/ticket_comments?per_page=100").json
            let tickets = Self.ids(all, "ticket_id")
            #expect(tickets == tickets.sorted())
            #expect(tickets.first == 1001)
            #expect(tickets.last == 1012)
            #expect(Array(Self.ids(all).prefix(4)) == [9004, 9003, 9002, 9001])
            // 1011 holds comment 9035, created two seconds after 9030 but with a larger id than the later 9031.
            let ticket = try await client.get("/ticket_comments?ticket_id=1011").json
            #expect(Self.ids(ticket) == [9031, 9035, 9030, 9029])
        }
        // Comments created at the same instant: the larger id first.
        var dataset = try Harness.sampleDataset()
        let position = try #require(dataset.tickets.firstIndex { $0["id"]?.intValue == 1011 })
        var comments = try #require(dataset.tickets[position]["comments"]?.arrayValue?.compactMap { $0.objectValue })
        for index in comments.indices { comments[index]["created_at"] = "2026-01-14T17:05:22.038Z" }
        dataset.tickets[position]["comments"] = .array(comments.map(JSONValue.object))
        try await Harness.withSimulator(dataset: dataset) { client async throws in
            let ticket = try await client.get("/ticket_comments?ticket_id=1011").json
            #expect(Self.ids(ticket) == [9035, 9031, 9030, 9029])
        }
    }

    @Test("since_updated_at filters tickets (strictly after), not comments; comment_created_* filter comments")
    func sinceUpdatedAt() async throws {
        try await Harness.withSimulator { client async throws in
            // Exactly 1006's updated_at: strictly after leaves 1009, 1010 and 1011 with their 8 comments.
            let exact = try await client.get("/ticket_comments?since_updated_at=2026-01-12T08:44:03.117Z").json
            #expect(Set(Self.ids(exact, "ticket_id")) == [1009, 1010, 1011])
            #expect(exact?["meta"]?["total_entries"] == 8)
            // A date: 1006 too, with all 4 of its comments, though 3 were written before the date.
            let byDate = try await client.get("/ticket_comments?since_updated_at=2026-01-12").json
            #expect(Set(Self.ids(byDate, "ticket_id")) == [1006, 1009, 1010, 1011])
            #expect(byDate?["meta"]?["total_entries"] == 12)
            #expect(Self.ids(byDate).contains(9017))
            // The same instant as 1006's updated_at, written with an offset.
            let offset = try await client.get("/ticket_comments?since_updated_at=2026-01-12T00:44:03.117-08:00").json
            #expect(offset?["meta"]?["total_entries"] == 8)

            let window = try await client.get(
                "/ticket_comments?comment_created_after=2026-01-14T09:00:00.250Z"
                    + "&comment_created_before=2026-01-15T08:02:30.199Z"
            ).json
            #expect(Self.ids(window) == [9028, 9035, 9030, 9029])
        }
    }

    @Test("ticket_id and the other ticket-level filters; comment_format and mine are accepted")
    func filters() async throws {
        try await Harness.withSimulator { client async throws in
            let ticket = try await client.get("/ticket_comments?ticket_id=1004").json
            #expect(Self.ids(ticket) == [9014, 9013, 9012, 9011, 9010])
            #expect(ticket?["meta"] == ["total_pages": 1, "total_entries": 5, "per_page": 25, "page": 1])
            // Private notes are listed, as the ticket detail embeds them.
            #expect(Self.comments(ticket).filter { $0["hidden"] == true }.count == 2)
            #expect(try await client.get("/ticket_comments?ticket_id=abc").json?.count("ticket_comments") == 0)
            #expect(try await client.get("/ticket_comments?ticket_id=99999").json?.count("ticket_comments") == 0)
            let customer = try await client.get("/ticket_comments?customer_id=101").json
            #expect(Set(Self.ids(customer, "ticket_id")) == [1001, 1004, 1007, 1011])
            let contact = try await client.get("/ticket_comments?contact_id=205").json
            #expect(Set(Self.ids(contact, "ticket_id")) == [1002])
            let user = try await client.get("/ticket_comments?user_id=118").json
            #expect(Set(Self.ids(user, "ticket_id")) == [1010])
            let resolved = try await client.get("/ticket_comments?status=Resolved").json
            #expect(Set(Self.ids(resolved, "ticket_id")) == [1001, 1004, 1005])
            let open = try await client.get("/ticket_comments?status=Not%20Closed&per_page=100").json
            #expect(open?["meta"]?["total_entries"] == 24)
            let formatted = try await client.get("/ticket_comments?comment_format=richtext&mine=true").json
            #expect(formatted?["meta"]?["total_entries"] == 35)
        }
    }

    @Test("401 before anything else; Single-Customer and 'Their Ticket' tokens see only their tickets' comments")
    func permissions() async throws {
        let tokens = SimulatorTokens(
            SimulatorTokens.samples.tokens + [
                SimulatorToken(
                    token: "single-customer", name: "SCU", permissions: [SyncroPermission.ticketsView], customerID: 101),
                SimulatorToken(
                    token: "their-tickets", name: "Tech", permissions: [SyncroPermission.ticketsViewTheirs], userID: 2),
            ])
        try await Harness.withSimulator(tokens: tokens) { client async throws in
            let anonymous = try await client.get("/ticket_comments?ticket_id=99999", token: nil)
            #expect(anonymous.status == 401)
            #expect(anonymous.json == ["error": "Not authorized"])
            let unknown = try await client.get("/ticket_comments", token: "nope")
            #expect(unknown.status == 401)
            // A token without ticket permissions: 401 with Syncro's message, even for a ticket that does not exist.
            for path in ["/ticket_comments", "/ticket_comments?ticket_id=99999", "/ticket_comments?ticket_id=x"] {
                let denied = try await client.get(path, token: Harness.noTicketsToken)
                #expect(denied.status == 401)
                #expect(denied.json == Harness.permissionDenied)
            }

            let scoped = try await client.get("/ticket_comments?per_page=100", token: "single-customer").json
            #expect(Set(Self.ids(scoped, "ticket_id")) == [1001, 1004, 1007, 1011])
            #expect(scoped?["meta"]?["total_entries"] == 15)
            let foreign = try await client.get("/ticket_comments?ticket_id=1002", token: "single-customer").json
            #expect(foreign?.count("ticket_comments") == 0)

            let theirs = try await client.get("/ticket_comments?per_page=100", token: "their-tickets").json
            #expect(Set(Self.ids(theirs, "ticket_id")) == [1001, 1003, 1006, 1007, 1009])
            #expect(theirs?["meta"]?["total_entries"] == 14)
            let unassigned = try await client.get("/ticket_comments?ticket_id=1002", token: "their-tickets")
            #expect(unassigned.status == 200)
            #expect(unassigned.json?.count("ticket_comments") == 0)
        }
    }

    @Test("Every comment is exactly the object the ticket detail embeds, for every ticket of a generated account")
    func sameAsDetail() async throws {
        let dataset = SimulatorDataset.generate(try GeneratorSpec.parse("customers=6,tickets=40,comments=5,seed=19"))
        let configuration = Harness.configured { $0.rateLimitPerMinute = 1_000_000 }
        try await Harness.withSimulator(dataset: dataset, configuration: configuration) { client async throws in
            var listed: [Int: [JSONValue]] = [:]
            var page = 1
            var totalPages = 1
            repeat {
                let json = try #require(try await client.get("/ticket_comments?per_page=37&page=\(page)").json)
                for comment in Self.comments(json) {
                    listed[try #require(comment["ticket_id"]?.intValue), default: []].append(comment)
                }
                totalPages = json["meta"]?["total_pages"]?.intValue ?? 0
                page += 1
            } while page <= totalPages

            let rows = try #require(try await client.get("/tickets?per_page=100").json?["tickets"]?.arrayValue)
            #expect(rows.count == 40)
            var total = 0
            for id in rows.compactMap({ $0["id"]?.intValue }) {
                let detail = try #require(try await client.get("/tickets/\(id)").json?["ticket"])
                let embedded = try #require(detail["comments"]?.arrayValue)
                total += embedded.count
                let expected = embedded.sorted { lhs, rhs in
                    let (left, right) = (lhs["created_at"]?.stringValue ?? "", rhs["created_at"]?.stringValue ?? "")
                    if left != right { return left > right }
                    return (lhs["id"]?.intValue ?? 0) > (rhs["id"]?.intValue ?? 0)
                }
                // Same objects with the same key order: compare the bytes.
                #expect(
                    (listed[id] ?? []).map(\.serializedBytes) == expected.map(\.serializedBytes), "ticket \(id)")
            }
            #expect(total == listed.values.map(\.count).reduce(0, +))
            #expect(total > 40)
        }
    }

    @Test("A dataset comment without ticket_id gets its ticket's id, in the detail and in the list alike")
    func missingTicketID() async throws {
        var dataset = try Harness.sampleDataset()
        let position = try #require(dataset.tickets.firstIndex { $0["id"]?.intValue == 1004 })
        var comments = try #require(dataset.tickets[position]["comments"]?.arrayValue?.compactMap { $0.objectValue })
        comments[0]["ticket_id"] = nil
        dataset.tickets[position]["comments"] = .array(comments.map(JSONValue.object))
        try await Harness.withSimulator(dataset: dataset) { client async throws in
            let detail = try await client.get("/tickets/1004").json
            let embedded = try #require(detail?["ticket"]?["comments"]?.arrayValue?.first)
            #expect(embedded["ticket_id"] == 1004)
            #expect(embedded.objectValue?.keys.prefix(4) == ["id", "created_at", "updated_at", "ticket_id"])
            let listed = try #require(Self.comments(try await client.get("/ticket_comments?ticket_id=1004").json).last)
            #expect(listed.serializedBytes == embedded.serializedBytes)
        }
    }

    @Test("Switched off, the path answers exactly like an unknown route, before any token check")
    func switchedOff() async throws {
        let configuration = Harness.configured { $0.withhold(.ticketComments) }
        #expect(!configuration.servesTicketComments)
        try await Harness.withSimulator(configuration: configuration) { client async throws in
            let unknown = try await client.get("/no_such_endpoint")
            for token in [Harness.fullToken, Harness.noTicketsToken, nil] {
                let withheld = try await client.get("/ticket_comments?ticket_id=1004", token: token)
                #expect(withheld.status == 404)
                #expect(withheld.json == ["error": "Not Found"])
                #expect(withheld.bytes == unknown.bytes)
            }
            // The rest of the account is served as before.
            #expect(try await client.get("/tickets/1004/comments").status == 200)
        }
    }

    @Test("DELETE /tickets/{id} removes the ticket from its detail, the list and the bulk comments")
    func deletedTicket() async throws {
        let tokens = SimulatorTokens([SimulatorToken(token: "all-access-token", name: "Admin", permissions: ["*"])])
        try await Harness.withSimulator(tokens: tokens) { client async throws in
            let token = "all-access-token"
            #expect(try await client.send("DELETE", "/tickets/1004", token: "all-access-token").status == 200)
            #expect(try await client.get("/tickets/1004", token: token).status == 404)
            #expect(try await client.get("/tickets/1004/comments", token: token).status == 404)
            let again = try await client.send("DELETE", "/tickets/1004", token: token)
            #expect(again.status == 404)
            #expect(again.json == ["message": "Not found"])
            let rows = try await client.get("/tickets?per_page=100", token: token).json?["tickets"]?.arrayValue ?? []
            #expect(rows.count == 11)
            #expect(!rows.contains { $0["id"] == 1004 })
            let all = try await client.get("/ticket_comments?per_page=100", token: token).json
            #expect(all?["meta"]?["total_entries"] == 30)
            #expect(!Self.ids(all, "ticket_id").contains(1004))
            let one = try await client.get("/ticket_comments?ticket_id=1004", token: token).json
            #expect(one?.count("ticket_comments") == 0)
        }
    }

    @Test("--without values: a name or a comma-separated list, repeatable; anything else names the accepted values")
    func withoutParsing() throws {
        #expect(try OptionalEndpoint.parse([]) == [])
        #expect(try OptionalEndpoint.parse(["ticket_comments"]) == [.ticketComments])
        #expect(
            try OptionalEndpoint.parse(["ticket_comments, TICKET_COMMENTS", "ticket_comments,"]) == [.ticketComments])
        let error = #expect(throws: SimulatorInputError.self) {
            try OptionalEndpoint.parse(["ticket_comments,tickets"])
        }
        #expect(
            error?.message
                == "\"tickets\" is not an endpoint the simulator can leave out; the accepted values are ticket_comments."
        )
        var configuration = SimulatorConfiguration()
        #expect(configuration.servesTicketComments)
        #expect(configuration.serves(.listTicketComments))
        for endpoint in try OptionalEndpoint.parse(["ticket_comments"]) { configuration.withhold(endpoint) }
        #expect(!configuration.serves(.listTicketComments))
        #expect(configuration.serves(.listTickets))
        #expect(SimulatorRoute(method: "GET", segments: ["ticket_comments"]) == .listTicketComments)
        #expect(SimulatorRoute(method: "POST", segments: ["ticket_comments"]) == nil)
    }
}
