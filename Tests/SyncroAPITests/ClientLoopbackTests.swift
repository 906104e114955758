import RecordFormats
import SyncroAPI
import SyncroSimulator
import TestSupport
import Testing

/// The client against the real simulator over loopback HTTP.
@Suite("Client over loopback")
struct ClientLoopbackTests {
    @Test("every meta shape pages to the same records as the simulator holds")
    func paginationAcrossMetaShapes() async throws {
        try await SimulatedAccount.with { account in
            let state = try await account.state()
            try await account.withClient { client in
                // meta {total_pages, page}: tickets, 3 to a page.
                let ticketCount = state["tickets"]?.arrayValue?.count ?? 0
                let tickets = try await client.all(ListRequest(path: "/tickets", key: "tickets"), as: Ticket.self)
                #expect(tickets.count == ticketCount)
                #expect(Set(tickets.compactMap(\.id)).count == ticketCount)

                // meta with total_entries and per_page: customers (disabled ones included on request).
                let customers = try await client.all(SyncroClient.customerList, as: Customer.self)
                #expect(customers.count == state["customers"]?.arrayValue?.count)

                // Contacts and assets.
                #expect(
                    try await client.all(SyncroClient.contactList(), as: Contact.self).count
                        == state["contacts"]?.arrayValue?.count)
                #expect(
                    try await client.all(SyncroClient.assetList, as: Asset.self).count
                        == state["assets"]?.arrayValue?.count)
                #expect(
                    try await client.all(SyncroClient.productList, as: Product.self).count
                        == state["products"]?.arrayValue?.count)
            }
        }
    }

    @Test("small pages walk every page once and stop at total_pages", arguments: [1, 2, 5])
    func smallPages(pageSize: Int) async throws {
        try await SimulatedAccount.with { account in
            let expected = try await account.state()["tickets"]?.arrayValue?.count ?? 0
            try await account.withClient(configure: { $0.pageSize = pageSize }) { client in
                var numbers: [Int] = []
                var ids: [Int] = []
                for try await page in client.tickets() {
                    numbers.append(page.number)
                    ids.append(contentsOf: page.records.compactMap(\.id))
                    #expect(page.totalPages == (expected + pageSize - 1) / pageSize)
                }
                #expect(numbers == Array(1...((expected + pageSize - 1) / pageSize)))
                #expect(ids.count == expected)
                #expect(Set(ids).count == expected)
            }
            let listed = try await account.requestLog().filter { $0["path"]?.stringValue == "/api/v1/tickets" }
            #expect(listed.count == (expected + pageSize - 1) / pageSize)
        }
    }

    @Test("an endpoint without meta pages until an empty page")
    func noMeta() async throws {
        try await SimulatedAccount.with(configure: { $0.metaKeys.products = [] }) { account in
            let expected = try await account.state()["products"]?.arrayValue?.count ?? 0
            try await account.withClient(configure: { $0.pageSize = 2 }) { client in
                let products = try await client.all(SyncroClient.productList, as: Product.self)
                #expect(products.count == expected)
            }
            let listed = try await account.requestLog().filter { $0["path"]?.stringValue == "/api/v1/products" }
            #expect(listed.count == (expected + 1) / 2 + 1)  // the pages, then one empty page
        }
    }

    @Test("an empty list is one empty page")
    func emptyList() async throws {
        try await SimulatedAccount.with { account in
            try await account.withClient { client in
                var pages: [Page<Ticket>] = []
                for try await page in client.tickets(TicketFilter(customerID: 999_999_999)) { pages.append(page) }
                #expect(pages.count == 1)
                #expect(pages.first?.records.isEmpty == true)
            }
        }
    }

    @Test("a gateway time-out halves the page size without skipping or repeating records")
    func gatewayTimeoutHalves() async throws {
        try await SimulatedAccount.with { account in
            let expected = try await account.state()["tickets"]?.arrayValue?.count ?? 0
            try await account.withClient(configure: { $0.pageSize = 4 }) { client in
                var ids: [Int] = []
                var first = true
                for try await page in client.tickets() {
                    ids.append(contentsOf: page.records.compactMap(\.id))
                    if first {
                        first = false
                        _ = try await account.control(
                            .post, "/_sim/faults", body: ["kind": "html504", "count": 1, "path": "/api/v1/tickets"])
                    }
                }
                #expect(ids.count == expected)
                #expect(Set(ids).count == expected)
            }
            let queries = try await account.requestLog().filter { $0["path"]?.stringValue == "/api/v1/tickets" }
                .compactMap { $0["query"]?.stringValue }
            #expect(queries.contains { $0.contains("per_page=2") })
        }
    }

    @Test("a GET is retried after a 500 and a dropped connection")
    func getRetried() async throws {
        try await SimulatedAccount.with { account in
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "500", "count": 1, "path": "/api/v1/me"])
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "drop", "count": 1, "path": "/api/v1/me"])
            let me = try await account.withClient { client in
                let me = try await client.me()
                #expect(client.statistics.snapshot.retries == 2)
                return me
            }
            #expect(me.userID == 118)
            let calls = try await account.requestLog().filter { $0["path"]?.stringValue == "/api/v1/me" }
            #expect(calls.count >= 2)
        }
    }

    @Test("a POST that meets a 500 is not re-sent and surfaces as outcome unknown")
    func postNotRetried() async throws {
        try await SimulatedAccount.with { account in
            let ticketID = try #require(try await account.state()["tickets"]?.arrayValue?.first?["id"]?.intValue)
            let path = "/api/v1/tickets/\(ticketID)/comment"
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "500", "count": 1, "path": .string(path)])
            try await account.withClient { client in
                await #expect {
                    _ = try await client.createComment(
                        ticketID: ticketID, ["subject": "Update", "body": "x", "do_not_email": true])
                } throws: { error in
                    (error as? SyncroAPIError)?.kind == .outcomeUnknown
                }
                #expect(client.statistics.snapshot.retries == 0)
            }
            let posts = try await account.requestLog().filter { $0["path"]?.stringValue == path }
            #expect(posts.count == 1)
        }
    }

    @Test("a POST whose connection drops after the write is outcome unknown, and the write did happen")
    func postDroppedAfterWrite() async throws {
        try await SimulatedAccount.with { account in
            let state = try await account.state()
            let ticket = try #require(state["tickets"]?.arrayValue?.first)
            let ticketID = try #require(ticket["id"]?.intValue)
            let before = ticket["comments"]?.arrayValue?.count ?? 0
            let path = "/api/v1/tickets/\(ticketID)/comment"
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "dropAfterWrite", "count": 1, "path": .string(path)])
            try await account.withClient { client in
                await #expect {
                    _ = try await client.createComment(
                        ticketID: ticketID, ["subject": "Update", "body": "once", "do_not_email": true])
                } throws: { error in
                    (error as? SyncroAPIError)?.kind == .outcomeUnknown
                }
            }
            let after = try await account.state()["tickets"]?.arrayValue?.first { $0["id"]?.intValue == ticketID }
            #expect(after?["comments"]?.arrayValue?.count == before + 1)
        }
    }

    @Test("a 429 is waited out and the request succeeds; Retry-After is honoured")
    func rateLimitRecovery() async throws {
        // One virtual clock drives both the client's sleeps and the simulator's rate-limit window, so the schedule
        // is exact whatever the machine's load: three requests fit in the 1-second window, the fourth meets 429,
        // waits the 1 second Retry-After asks for and succeeds in a fresh window, where the last two fit too.
        let clock = VirtualClock()
        let origin = ContinuousClock.now
        try await SimulatedAccount.with(configure: {
            $0.rateLimitPerMinute = 3
            $0.rateLimitWindow = .seconds(1)
            $0.retryAfterSeconds = 1
            $0.now = { origin + clock.now }
        }) { account in
            try await account.withClient(configure: {
                $0.clock = clock
                $0.rateLimitPerMinute = 60_000
                $0.retryPolicy.maximumAttempts = 10
            }) { client in
                for _ in 0..<6 { _ = try await client.me() }
                let stats = client.statistics.snapshot
                #expect(stats.rateLimited == 1)
                #expect(stats.retries == 1)
            }
            #expect(clock.sleeps.contains { $0 >= .seconds(1) })
            let statuses = try await account.requestLog().compactMap { $0["status"]?.intValue }
            #expect(statuses == [200, 200, 200, 429, 200, 200, 200])
            #expect(statuses.filter { $0 == 200 }.count == 6)
        }
    }

    @Test("a 429 without Retry-After follows the backoff schedule on an injected clock")
    func rateLimitScheduleOnInjectedClock() async throws {
        try await SimulatedAccount.with { account in
            _ = try await account.control(
                .post, "/_sim/faults", body: ["kind": "429", "count": 2, "path": "/api/v1/me"])
            let clock = VirtualClock()
            try await account.withClient(configure: {
                $0.clock = clock
                $0.retryPolicy = RetryPolicy()
                $0.rateLimitPerMinute = 60
            }) { client in
                _ = try await client.me()
                #expect(client.statistics.snapshot.rateLimited == 2)
            }
            // The limiter paused for 15 s after the first 429 and for 30 s after the second.
            #expect(clock.sleeps.contains(.seconds(15)))
            #expect(clock.sleeps.contains { $0 >= .seconds(45) })
        }
    }

    @Test("a token without a permission gets the permission error, an unknown token the authentication error")
    func unauthorizedKinds() async throws {
        try await SimulatedAccount.with { account in
            try await account.withClient(token: SampleTokens.noTickets) { client in
                await #expect {
                    _ = try await client.all(SyncroClient.ticketList(), as: Ticket.self)
                } throws: { error in
                    guard let error = error as? SyncroAPIError else { return false }
                    return error.kind == .permissionDenied && error.status == 401
                        && error.messages == [SyncroAPIError.permissionMessage]
                }
            }
            try await account.withClient(token: SampleTokens.unknown) { client in
                await #expect {
                    _ = try await client.me()
                } throws: { error in
                    (error as? SyncroAPIError)?.kind == .unauthorized
                }
            }
        }
    }

    @Test("single records decode wrapped and flat bodies; a missing one is notFound")
    func singles() async throws {
        try await SimulatedAccount.with { account in
            let state = try await account.state()
            let contactID = try #require(state["contacts"]?.arrayValue?.first?["id"]?.intValue)
            let ticketID = try #require(state["tickets"]?.arrayValue?.first?["id"]?.intValue)
            try await account.withClient { client in
                #expect(try await client.contact(id: contactID).id == contactID)
                let ticket = try await client.ticket(id: ticketID)
                #expect(ticket.id == ticketID)
                #expect(ticket.comments.count == state["tickets"]?.arrayValue?.first?["comments"]?.arrayValue?.count)
                let users = try await client.users()
                #expect(users.count == state["users"]?.arrayValue?.count)
                await #expect {
                    _ = try await client.ticket(id: 987_654_321)
                } throws: { error in
                    (error as? SyncroAPIError)?.kind == .notFound
                }
            }
        }
    }

    @Test("comments of a ticket page through every comment")
    func allComments() async throws {
        try await SimulatedAccount.with { account in
            let state = try await account.state()
            let ticket = try #require(
                state["tickets"]?.arrayValue?.max {
                    ($0["comments"]?.arrayValue?.count ?? 0) < ($1["comments"]?.arrayValue?.count ?? 0)
                })
            let ticketID = try #require(ticket["id"]?.intValue)
            try await account.withClient(configure: { $0.pageSize = 1 }) { client in
                let comments = try await client.all(SyncroClient.commentList(ticketID: ticketID), as: Comment.self)
                #expect(comments.count == ticket["comments"]?.arrayValue?.count)
                #expect(comments.allSatisfy { $0.ticketID == ticketID })
            }
        }
    }

    @Test("the token travels only in the Authorization header")
    func tokenNotInURL() async throws {
        try await SimulatedAccount.with { account in
            try await account.withClient { client in _ = try await client.me() }
            let log = try await account.requestLog()
            let secret = SampleTokens.full.secret
            #expect(!log.isEmpty)
            #expect(log.allSatisfy { !$0.serialized().contains(secret) })
        }
    }
}
