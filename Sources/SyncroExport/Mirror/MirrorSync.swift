import Foundation
import Logging
import RecordFormats
import Synchronization
import SyncroAPI
import SyncroCatalog

/// `sync --mirror`: brings the local mirror up to date, one committed page at a time.
///
/// A *pass* reads the account once. The first is `full`. Later ones are `incremental` (tickets and invoices
/// `since_updated_at` the watermark minus the overlap, every other entity in full, comments only of changed
/// tickets), or a `scan` when asked (`--full-scan`) or when the last one is older than the interval: incremental,
/// but listing every ticket so that those gone from Syncro are marked deleted. A pass that a kill or a budget
/// interrupts is continued by the next run, which skips every page already committed.
///
/// Comments come from `GET /ticket_comments` (a flat list, 100 a page), probed with its first page each pass; where
/// the account answers 404 they come from each changed ticket's comment list. With `--details all` each changed
/// ticket's detail is fetched instead, which carries every comment too.
package struct MirrorSync: Sendable {
    package let client: SyncroClient
    package let store: StagingStore
    package let options: MirrorOptions
    package let logger: Logger
    package let progress: @Sendable (MirrorProgress) -> Void

    package init(
        client: SyncroClient, store: StagingStore, options: MirrorOptions,
        logger: Logger = Logger(label: "syncro-fusion.sync"),
        progress: @escaping @Sendable (MirrorProgress) -> Void = { _ in }
    ) {
        self.client = client
        self.store = store
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Requests in flight at once: enough to keep the limiter busy through about a second of latency each.
    var concurrency: Int { options.concurrency ?? min(256, max(4, client.limiter.requestsPerMinute / 60 + 4)) }

    /// Pages in flight per listing: a sixteenth of `concurrency`, at least eight (or `concurrency`, when lower).
    ///
    /// A page holds a hundred records, decoded, from its arrival until it is committed, and committing (one writer)
    /// is slower than a fast server, so pages in flight are what memory peaks on: 256 of them held about 100 MB.
    /// The longest listing (comments in bulk) often runs alone at the end, so it alone must keep the limiter busy:
    /// eight pages at 600 ms each outrun ten requests a second.
    var pagesInFlight: Int { min(concurrency, max(8, concurrency / 16)) }

    /// The pass in progress, as the mirror's settings record it.
    struct Pass: Sendable {
        var id: Int
        var kind: String
        /// `since_updated_at` for tickets (and invoices through their own watermark); nil lists everything.
        var since: String?
        /// `since_updated_at` for the comments in bulk: the watermark itself (just after it), as the tickets' own
        /// listing, with its overlap, finds the few changed tickets updated before it, whose comments are then read
        /// one ticket at a time. Nil lists every comment.
        var commentsSince: String?
        var started: Double
    }

    package func run() async throws -> MirrorReport {
        let startedAt = Date()
        let budget = Budget(
            maxRequests: options.maxRequests, deadline: options.maxDuration.map { ContinuousClock.now + $0 })
        let (pass, resumed) = try beginPass()
        var report = MirrorReport(kind: pass.kind, complete: false, resumed: resumed, requests: 0)
        if resumed { logger.info("continuing the unfinished \(pass.kind) pass \(pass.id)") }
        let tally = Tally()
        try await fetchAll(pass: pass, budget: budget, tally: tally)
        if let stop = budget.stoppedBy {
            report.stoppedBy = stop
        } else {
            try finish(pass: pass, tally: tally)
            report.complete = true
        }
        report.requests = budget.used
        report.changed = tally.changed.withLock { $0 }
        report.deleted = tally.deleted.withLock { $0 }
        report.duplicates = tally.duplicates.withLock { $0 }
        report.comments = try store.meta("pass.comments") ?? store.meta("comments")
        report.warnings = tally.warnings.withLock { $0 }
        let vanished = tally.vanished.withLock { $0 }
        if vanished > 0 {
            report.warnings.append(
                "\(vanished) ticket(s) disappeared between the listing and their detail request; their listed rows were kept."
            )
        }
        try store.recordRun(
            startedAt: startedAt.timeIntervalSince1970, finishedAt: Date().timeIntervalSince1970, kind: pass.kind,
            outcome: report.complete ? "complete" : "stopped: \(report.stoppedBy ?? "")", requests: report.requests,
            changed: report.changed.values.reduce(0, +), deleted: report.deleted.values.reduce(0, +))
        return report
    }

    // MARK: Passes

    /// What a run must repeat of an unfinished pass: the same entities, details, comments and starting point, else
    /// it starts anew.
    private var signature: String {
        var text = options.entities.map(\.rawValue).joined(separator: ",") + ";details=\(options.details.rawValue)"
        if options.comments != .all { text += ";comments=\(options.comments.rawValue)" }
        for (entity, instant) in options.since.sorted(by: { $0.key < $1.key }) {
            text += ";since.\(entity.rawValue)=\(instant.timeIntervalSince1970)"
        }
        return text
    }

    /// The unfinished pass, or a new one of the right kind.
    private func beginPass() throws -> (Pass, resumed: Bool) {
        if let id = try store.meta("pass.id").flatMap(Int.init), try store.meta("pass.signature") == signature,
            let kind = try store.meta("pass.kind")
        {
            let started = try store.meta("pass.started").flatMap(Double.init) ?? Date().timeIntervalSince1970
            let since = try store.meta("pass.since")
            let commentsSince = try store.meta("pass.comments_since") ?? since
            return (Pass(id: id, kind: kind, since: since, commentsSince: commentsSince, started: started), true)
        }
        let id = (try store.meta("pass.last").flatMap(Int.init) ?? 0) + 1
        let now = Date().timeIntervalSince1970
        var kind = "full"
        var since: String?
        var commentsSince: String?
        if try store.meta("complete") == "1", let watermark = try store.meta("watermark.tickets").flatMap(Double.init) {
            let lastScan = try store.meta("last_full_scan").flatMap(Double.init) ?? 0
            kind = options.fullScan || now - lastScan > options.fullScanInterval ? "scan" : "incremental"
            // Changes made while the last pass ran may be older than the newest it saw: both bounds go back to five
            // minutes before it started (clocks differ a little), when that is earlier.
            let lastStart = try store.meta("last_pass_started").flatMap(Double.init).map { $0 - 300 } ?? .infinity
            since = Timestamp.format(Date(timeIntervalSince1970: min(watermark - options.overlap, lastStart)))
            // A millisecond and a half after: timestamps have milliseconds, and the filter may be inclusive.
            commentsSince = Timestamp.format(Date(timeIntervalSince1970: min(watermark + 0.0015, lastStart)))
        } else if !options.since.isEmpty {
            // A new mirror asked to start from given instants (an export's `--since` or `--state`).
            kind = "incremental"
            since = options.since[.tickets].map(Timestamp.format)
            commentsSince = since
        }
        // A new pass forgets the page notes of an abandoned one (other entities or details were asked).
        try store.finishPass(meta: [
            "pass.id": String(id), "pass.kind": kind, "pass.since": since, "pass.comments_since": commentsSince,
            "pass.started": String(now),
            "pass.signature": signature, "pass.comments": nil,
        ])
        return (Pass(id: id, kind: kind, since: since, commentsSince: commentsSince, started: now), false)
    }

    /// Counts shared by the concurrent fetches.
    final class Tally: Sendable {
        let changed = Mutex<[ExportEntity: Int]>([:])
        let deleted = Mutex<[ExportEntity: Int]>([:])
        let duplicates = Mutex<[ExportEntity: Int]>([:])
        let warnings = Mutex<[String]>([])
        /// Tickets gone (404) between the listing and their detail request.
        let vanished = Mutex(0)
        /// Records committed, and the requests still known to be needed per listing (or queue).
        let records = Mutex(0)
        let left = Mutex<[String: Int]>([:])

        func add(_ count: Int, changedOf entity: ExportEntity) {
            guard count > 0 else { return }
            changed.withLock { $0[entity, default: 0] += count }
        }

        func add(_ outcome: StagingStore.PageOutcome, of entity: ExportEntity) {
            add(outcome.changed, changedOf: entity)
            if outcome.duplicates > 0 { duplicates.withLock { $0[entity, default: 0] += outcome.duplicates } }
        }

        /// Notes `records` committed by one request of `listing`.
        func committed(_ count: Int, of listing: String) {
            records.withLock { $0 += count }
            left.withLock { if let value = $0[listing] { $0[listing] = max(0, value - 1) } }
        }

        func snapshot(requests: Int) -> MirrorProgress {
            MirrorProgress(
                records: records.withLock { $0 }, requests: requests,
                requestsLeft: left.withLock { $0.values.reduce(0, +) })
        }
    }

    private var wanted: Set<ExportEntity> { Set(options.entities) }

    private func fetchAll(pass: Pass, budget: Budget, tally: Tally) async throws {
        let needsTickets = !wanted.isDisjoint(with: [.tickets, .comments, .tags])
        let needsCustomers = !wanted.isDisjoint(with: [.customers, .tags])
        let listed = ExportEntity.allCases.filter { entity in
            entity.definition.source == .list && (wanted.contains(entity) || (entity == .customers && needsCustomers))
        }
        let commentsByDetail = options.details == .all
        // Every comment is read (in bulk, per ticket or with the details) unless only the list rows' first is asked.
        let allComments = wanted.contains(.comments) && options.comments == .all
        try await withThrowingTaskGroup(of: Void.self) { group in
            if needsTickets {
                group.addTask {
                    try await listTickets(pass: pass, budget: budget, tally: tally)
                    // Details as soon as the listing has queued them; per-ticket comments after the probe (below).
                    if commentsByDetail { try await fetchPending(pass: pass, budget: budget, tally: tally) }
                }
                if !commentsByDetail, allComments {
                    group.addTask { try await listComments(pass: pass, budget: budget, tally: tally) }
                }
            }
            for entity in listed {
                group.addTask { try await listEntity(entity, pass: pass, budget: budget, tally: tally) }
            }
            if wanted.contains(.users) {
                group.addTask { try await syncUsers(pass: pass, budget: budget, tally: tally) }
            }
            try await group.waitForAll()
        }
        // Per-ticket comments are queued by the ticket listing; their fetch waits for the probe's verdict.
        if !commentsByDetail, allComments {
            switch try store.meta("pass.comments") {
            case "per-ticket"?: try await fetchPending(pass: pass, budget: budget, tally: tally)
            case "bulk"?:
                // The changed tickets the bulk filter did not cover (updated before it: found by the tickets'
                // overlap) have their comments read one ticket at a time.
                try store.clearPendingComments(coveredAfter: pass.commentsSince.flatMap(Timestamp.parse))
                try await fetchPending(pass: pass, budget: budget, tally: tally)
            default: break  // not probed yet (a budget stopped the run first)
            }
        }
    }

    /// Ends a complete pass: marks what a full listing did not see as deleted, moves the watermarks, forgets the
    /// page notes, all before the next run can start a new pass.
    private func finish(pass: Pass, tally: Tally) throws {
        let now = Date().timeIntervalSince1970
        let listsEverything = pass.kind != "incremental"
        var entities = Set(
            try store.meta("entities")?.split(separator: ",").compactMap { ExportEntity(rawValue: String($0)) } ?? [])
        for entity in ExportEntity.allCases
        where wanted.contains(entity) || entity == .customers && wanted.contains(.tags) {
            entities.insert(entity)
            let definition = entity.definition
            // Entities without an updated-since filter are listed in full every pass; tickets and invoices only in
            // full and scan passes. Comments are listed in full only in the first pass.
            let complete: Bool
            switch definition.source {
            case .list, .userPairs: complete = definition.incrementalFilter == nil || listsEverything
            case .ticketsWithDetails: complete = listsEverything
            case .ticketComments:
                // Every comment was read in a first pass (each ticket is new). Later, the bulk listing reads every
                // comment of each ticket changed since the watermark: those of them not seen are gone.
                complete = options.comments == .all && pass.kind == "full"
                if options.comments == .all, pass.kind != "full",
                    let since = pass.commentsSince.flatMap(Timestamp.parse),
                    try store.meta("pass.comments") == "bulk"
                {
                    let marked = try store.markUnseenComments(ofTicketsUpdatedAfter: since, pass: pass.id, now: now)
                    if marked > 0 { tally.deleted.withLock { $0[.comments, default: 0] += marked } }
                }
            case .derivedTags: complete = false
            }
            guard complete else { continue }
            let marked = try store.markUnseenDeleted(entity, pass: pass.id, now: now)
            if marked > 0 { tally.deleted.withLock { $0[entity, default: 0] += marked } }
        }
        let newest = try store.newestUpdate(.tickets)
        let previous = try store.meta("watermark.tickets").flatMap(Double.init)
        let watermark = [newest, previous].compactMap { $0 }.max()
        let invoiceMark = try store.newestUpdate(.invoices)
        try store.finishPass(meta: [
            "pass.id": nil, "pass.kind": nil, "pass.since": nil, "pass.comments_since": nil, "pass.started": nil,
            "pass.signature": nil,
            "pass.comments": nil, "pass.last": String(pass.id), "complete": "1",
            "last_pass_started": String(pass.started),
            "watermark.tickets": watermark.map { String($0) },
            "watermark.invoices": invoiceMark.map { String($0) } ?? (try store.meta("watermark.invoices")),
            "last_full_scan": listsEverything ? String(pass.started) : try store.meta("last_full_scan"),
            "synced_at": String(now), "details": options.details.rawValue,
            "comments": try store.meta("pass.comments") ?? (options.details == .all ? "details" : nil),
            "entities": entities.sorted().map(\.rawValue).joined(separator: ","),
            "subdomain": client.endpoint.subdomain ?? (try store.meta("subdomain")),
        ])
    }

    // MARK: Listing

    /// Every page of `list` not yet committed in this pass: page 1 first (for `meta.total_pages`), then the rest
    /// concurrently; without `total_pages`, one after another until an empty page. Each page is committed with
    /// its note as it arrives.
    private func pages(
        _ list: ListRequest, listing: String, budget: Budget, tally: Tally,
        commit save: @escaping @Sendable (Page<PlainRecord>, _ totalPages: Int?) throws -> Void
    ) async throws {
        @Sendable func commit(_ page: Page<PlainRecord>, _ total: Int?) throws {
            try save(page, total)
            tally.committed(page.records.count, of: listing)
            progress(tally.snapshot(requests: budget.used))
        }
        let done = try store.donePages(listing)
        var total = try store.meta("pages.\(listing)").flatMap(Int.init)
        let pageSize = client.configuration.pageSize
        if !done.contains(1) {
            guard
                let first = try await budget.spend({
                    try await client.page(list, number: 1, perPage: pageSize, as: PlainRecord.self)
                })
            else { return }
            total = first.totalPages
            if let total { tally.left.withLock { $0[listing] = max(0, total - done.count) } }
            try commit(first, total)
            // What the listing should hold, for an export's check against what it listed.
            if let entries = first.totalEntries { try store.setMeta(["entries.\(listing)": String(entries)]) }
            if first.records.isEmpty || !list.isPaged { return }
        }
        guard list.isPaged else { return }
        if let total {
            let remaining = (1...max(1, total)).filter { !done.contains($0) && $0 != 1 }
            tally.left.withLock { $0[listing] = remaining.count }
            // Pages are committed as they arrive, in any order.
            try await PageFetcher(client: client, concurrency: pagesInFlight).forEach(remaining) { number in
                guard
                    let page = try await budget.spend({
                        try await client.page(list, number: number, perPage: pageSize, as: PlainRecord.self)
                    })
                else { return }
                try commit(page, total)
            }
            return
        }
        var number = (done.max() ?? 1) + 1
        while true {
            guard
                let page = try await budget.spend({
                    try await client.page(list, number: number, perPage: pageSize, as: PlainRecord.self)
                })
            else { return }
            if page.records.isEmpty { return }
            try commit(page, nil)
            number += 1
            if number > client.configuration.maximumPages {
                throw SyncroAPIError(
                    kind: .unexpectedResponse, method: .get, path: list.path, status: 200,
                    messages: ["more than \(client.configuration.maximumPages) pages"])
            }
        }
    }

    private func listTickets(pass: Pass, budget: Budget, tally: Tally) async throws {
        // A scan lists every ticket (to see which are gone); only an incremental pass filters.
        let filters = pass.kind == "incremental" ? pass.since.map { [("since_updated_at", $0)] } ?? [] : []
        let allComments = wanted.contains(.comments) && options.comments == .all
        let firstComments = wanted.contains(.comments) && options.comments == .first
        let pending: String? = options.details == .all ? "detail" : allComments ? "comments" : nil
        try await pages(ListRequest(.tickets, filters: filters), listing: "tickets", budget: budget, tally: tally) {
            page, total in
            var comments: [StagedRecord] = []
            let records = page.records.compactMap { ticket -> StagedRecord? in
                guard let id = ticket.id else { return nil }
                if firstComments { comments += Self.comments(of: ticket.json, ticketID: id) }
                var row = ticket.json
                row["comments"] = nil
                return StagedRecord(id: id, json: row)
            }
            // Per-ticket comments are queued always: if the bulk endpoint answers, they are dropped unfetched.
            let outcome = try store.commitPage(
                listing: "tickets", page: page.number, entity: .tickets, records: records, pass: pass.id,
                now: Date().timeIntervalSince1970, pending: pending, comments: comments,
                meta: ["pages.tickets": total.map { String($0) }])
            tally.add(outcome, of: .tickets)
        }
    }

    /// Comments in bulk, or (when the account answers 404) a note that they come per ticket.
    private func listComments(pass: Pass, budget: Budget, tally: Tally) async throws {
        if try store.meta("pass.comments") == "per-ticket" { return }
        // After the first pass, the comments of the tickets changed since the watermark (a ticket-level filter).
        let filters = pass.commentsSince.map { [("since_updated_at", $0)] } ?? []
        let list = ListRequest(path: "/ticket_comments", key: "ticket_comments", query: filters)
        do {
            try await pages(list, listing: "ticket_comments", budget: budget, tally: tally) { page, total in
                let records = page.records.compactMap { comment -> StagedRecord? in
                    guard let id = comment.id, let ticketID = comment.json["ticket_id"]?.intValue else { return nil }
                    return StagedRecord(id: id, parent: ticketID, json: comment.json)
                }
                var meta: [String: String?] = ["pages.ticket_comments": total.map { String($0) }]
                if page.number == 1 { meta["pass.comments"] = "bulk" }
                let outcome = try store.commitPage(
                    listing: "ticket_comments", page: page.number, entity: .comments, records: records, pass: pass.id,
                    now: Date().timeIntervalSince1970, pending: nil, meta: meta)
                tally.add(outcome, of: .comments)
            }
            try store.setMeta(["pass.comments": "bulk"])
        } catch let error as SyncroAPIError where error.kind == .notFound {
            let message =
                "GET /ticket_comments answered 404 (an account without the bulk comments endpoint): reading each changed ticket's comments instead, one request per ticket."
            logger.warning("\(message)")
            tally.warnings.withLock { $0.append(message) }
            try store.setMeta(["pass.comments": "per-ticket"])
        }
    }

    /// The details (or comment lists) of the tickets the listing queued, at most `concurrency` in flight, each
    /// committed with its comments as it arrives.
    private func fetchPending(pass: Pass, budget: Budget, tally: Tally) async throws {
        let kind = options.details == .all ? "detail" : "comments"
        let ids = try store.pending(kind)
        tally.left.withLock { $0[kind] = ids.count }
        try await PageFetcher(client: client, concurrency: concurrency).forEach(ids) { id in
            defer {
                tally.committed(1, of: kind)
                progress(tally.snapshot(requests: budget.used))
            }
            do {
                if kind == "detail" {
                    guard let detail = try await budget.spend({ try await client.ticket(id: id) }) else { return }
                    guard var row = try store.anyRecord(.tickets, id: id) else { return }
                    for (key, value) in detail.json where key != "comments" { row[key] = value }
                    // The detail holds every comment of the ticket, unless only the list rows' first is asked.
                    let allComments = wanted.contains(.comments) && options.comments == .all
                    let comments = allComments ? Self.comments(of: detail.json, ticketID: id) : []
                    try store.commitDetail(
                        id, pending: kind, row: row, comments: allComments ? comments : nil, pass: pass.id,
                        now: Date().timeIntervalSince1970)
                    tally.add(comments.count, changedOf: .comments)
                } else {
                    var comments: [StagedRecord] = []
                    guard budget.take() else { return }
                    for try await page in client.comments(ticketID: id) {
                        for comment in page.records {
                            guard let commentID = comment.id else { continue }
                            var json = comment.json
                            if json["ticket_id"] == nil { json["ticket_id"] = .int(id) }
                            comments.append(StagedRecord(id: commentID, parent: id, json: json))
                        }
                    }
                    try store.commitDetail(
                        id, pending: kind, row: nil, comments: comments, pass: pass.id,
                        now: Date().timeIntervalSince1970)
                    tally.add(comments.count, changedOf: .comments)
                }
            } catch let error as SyncroAPIError where error.kind == .notFound {
                // Deleted since the listing: nothing to fetch; the next scan marks it deleted.
                if kind == "detail" { tally.vanished.withLock { $0 += 1 } }
                try store.commitDetail(
                    id, pending: kind, row: nil, comments: nil, pass: pass.id, now: Date().timeIntervalSince1970)
            }
        }
    }

    /// A ticket detail's comments, each with its ticket id.
    static func comments(of ticket: JSONObject, ticketID: Int) -> [StagedRecord] {
        (ticket["comments"]?.arrayValue ?? []).compactMap { value in
            guard var comment = value.objectValue, let id = comment["id"]?.intValue else { return nil }
            if comment["ticket_id"] == nil { comment["ticket_id"] = .int(ticketID) }
            return StagedRecord(id: id, parent: ticketID, json: comment)
        }
    }

    private func listEntity(_ entity: ExportEntity, pass: Pass, budget: Budget, tally: Tally) async throws {
        var filters: [(String, String)] = []
        if let filter = entity.definition.incrementalFilter {
            if let bound = options.since[entity] {
                filters.append((filter, Timestamp.format(bound)))
            } else if pass.kind != "full",
                let mark = try store.meta("watermark.\(entity.rawValue)").flatMap(Double.init)
            {
                filters.append((filter, Timestamp.format(Date(timeIntervalSince1970: mark - options.overlap))))
            }
        }
        let listing = entity.rawValue
        try await pages(ListRequest(entity, filters: filters), listing: listing, budget: budget, tally: tally) {
            page, total in
            let records = page.records.compactMap { record -> StagedRecord? in
                guard let id = record.id else { return nil }
                var json = record.json
                if entity == .customers { json["contacts"] = nil }  // contacts are mirrored from /contacts
                return StagedRecord(id: id, json: json)
            }
            let outcome = try store.commitPage(
                listing: listing, page: page.number, entity: entity, records: records, pass: pass.id,
                now: Date().timeIntervalSince1970, pending: nil, meta: ["pages.\(listing)": total.map { String($0) }])
            tally.add(outcome, of: entity)
        }
    }

    /// Users: the `[id, name]` pairs (committed as one page, each user queued), then each user's detail, the
    /// list has nothing else; every detail is read again each pass, as users are few and their lists say little.
    private func syncUsers(pass: Pass, budget: Budget, tally: Tally) async throws {
        if !(try store.donePages("users").contains(1)) {
            guard let users = try await budget.spend({ try await client.users() }) else { return }
            let records = users.compactMap { user in user.id.map { StagedRecord(id: $0, json: user.json) } }
            let outcome = try store.commitPage(
                listing: "users", page: 1, entity: .users, records: records, pass: pass.id,
                now: Date().timeIntervalSince1970, pending: "user", pendingAll: true)
            tally.add(outcome, of: .users)
        }
        try await PageFetcher(client: client, concurrency: concurrency).forEach(try store.pending("user")) { id in
            var detail: JSONObject?
            do {
                guard let user = try await budget.spend({ try await client.user(id: id) }) else { return }
                detail = user.json
            } catch let error as SyncroAPIError where error.kind == .notFound {
                detail = nil
            }
            try store.commitDetail(
                id, of: .users, pending: "user", row: detail, pass: pass.id, now: Date().timeIntervalSince1970)
        }
    }
}

/// `--max-requests` and `--max-duration`: every request asks first. Past either limit no request starts, while
/// those already in flight complete and are committed; the pass then ends unfinished, to be continued.
final class Budget: Sendable {
    let maxRequests: Int?
    let deadline: ContinuousClock.Instant?
    private let state = Mutex<(used: Int, stop: String?)>((0, nil))

    init(maxRequests: Int?, deadline: ContinuousClock.Instant?) {
        self.maxRequests = maxRequests
        self.deadline = deadline
    }

    var used: Int { state.withLock { $0.used } }

    /// Which limit stopped the sync, once one has.
    var stoppedBy: String? { state.withLock { $0.stop } }

    /// Takes one request from the budget; false (and no request) once a limit is reached.
    func take() -> Bool {
        let late = deadline.map { ContinuousClock.now >= $0 } ?? false
        return state.withLock { state in
            if state.stop != nil { return false }
            if late {
                state.stop = "--max-duration"
                return false
            }
            if let maxRequests, state.used >= maxRequests {
                state.stop = "--max-requests \(maxRequests)"
                return false
            }
            state.used += 1
            return true
        }
    }

    /// Runs one request if the budget allows it; nil when it does not.
    func spend<T: Sendable>(_ request: () async throws -> T) async throws -> T? {
        guard take() else { return nil }
        return try await request()
    }
}
