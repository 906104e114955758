import Foundation
import Logging
import RecordFormats
import Synchronization
import SyncroAPI
import SyncroCatalog

/// The network half of an export: lists every needed entity into the staging store, drops what an incremental run
/// already has, and fetches ticket details (all comments and attachments) for the tickets that remain.
struct EntityFetch: Sendable {
    let client: SyncroClient
    let staging: StagingStore
    let fetcher: PageFetcher
    let options: ExportOptions
    let state: ExportState?
    let logger: Logger
    let progress: @Sendable (ExportProgress) -> Void

    private var wanted: Set<ExportEntity> { Set(options.entities) }

    /// Fetches every needed entity concurrently (they share the one rate limiter) and merges what each found.
    func run(into manifest: inout ExportManifest) async throws {
        let needsTickets = !wanted.isDisjoint(with: [.tickets, .comments, .tags])
        let needsCustomers = !wanted.isDisjoint(with: [.customers, .tags])
        let listed = ExportEntity.allCases.filter { entity in
            entity.definition.source == .list && (wanted.contains(entity) || (entity == .customers && needsCustomers))
        }
        let template = manifest
        let parts = try await withThrowingTaskGroup(of: ExportManifest.self) { group in
            func add(_ entity: ExportEntity, _ work: @escaping @Sendable (inout ExportManifest) async throws -> Void) {
                group.addTask {
                    var part = template
                    do {
                        try await work(&part)
                    } catch let error as SyncroAPIError where error.kind == .permissionDenied {
                        throw refusal(of: entity, error)
                    }
                    return part
                }
            }
            if needsTickets { add(.tickets) { try await fetchTickets(into: &$0) } }
            for entity in listed { add(entity) { try await fetchList(entity, into: &$0) } }
            if wanted.contains(.users) { add(.users) { try await fetchUsers(into: &$0) } }
            var parts: [ExportManifest] = []
            for try await part in group { parts.append(part) }
            return parts
        }
        for part in parts { manifest.merge(part) }
    }

    /// Syncro's permission refusal of an entity's request, as the sentence that names the permission.
    private func refusal(of entity: ExportEntity, _ error: SyncroAPIError) -> ExportError {
        // A ticket's detail (comments) needs "View Details", not the list's permission.
        let needed = entity == .tickets && error.path.hasPrefix("/tickets/") ? ExportEntity.comments : entity
        return .permissionDenied(
            entity: needed.rawValue, endpoint: error.endpoint, permissions: needed.definition.permissions)
    }

    // MARK: Tickets and comments

    private func fetchTickets(into manifest: inout ExportManifest) async throws {
        var filter = TicketFilter()
        if let since = options.since {
            filter.sinceUpdatedAt = Timestamp.format(since)
            manifest.watermarkUsed = since
        } else if let watermark = try state?.ticketWatermark() {
            filter.sinceUpdatedAt = Timestamp.format(watermark.addingTimeInterval(-options.overlap))
            manifest.watermarkUsed = watermark
        }
        let duplicates = Mutex(0)
        let pages = Mutex(0)
        // Details are fetched while the listing still runs: each changed row is queued as soon as it is staged, so
        // the rate limiter never idles between the two phases.
        let wantsDetails = options.comments == .all && !wanted.isDisjoint(with: [.tickets, .comments])
        let known = try state?.hashes(for: .tickets) ?? [:]
        // What was queued, as a 64-bit digest of the row hash: 16 bytes a ticket instead of a 64-character string
        // (about 130 bytes with its allocation), since this map holds every ticket of the export until the end.
        let requested = Mutex<[Int: UInt64]>([:])
        let (queue, continuation) = AsyncStream<Int>.makeStream()
        async let detailWarnings = wantsDetails ? fetchDetails(from: queue) : []
        do {
            _ = try await fetcher.fetch(SyncroClient.ticketList(filter), as: Ticket.self) { page in
                let records = page.records.compactMap { ticket -> StagedRecord? in
                    guard let id = ticket.id else { return nil }
                    var row = ticket.json
                    row["comments"] = nil
                    // The hash covers the row as listed, comments aside, so it is the same from run to run.
                    return StagedRecord(id: id, json: ticket.json, hashing: row)
                }
                let dropped = try staging.stage(records, as: .tickets)
                duplicates.withLock { $0 += dropped }
                if wantsDetails {
                    for record in records where known[record.id] != record.hash {
                        // A row listed twice needs its detail again only if it changed in between.
                        let digest = Self.digest(record.hash)
                        let queueIt = requested.withLock { queued in
                            guard queued[record.id] != digest else { return false }
                            queued[record.id] = digest
                            return true
                        }
                        if queueIt { continuation.yield(record.id) }
                    }
                }
                let done = pages.withLock { count in
                    count += 1
                    return count
                }
                progress(ExportProgress(entity: .tickets, phase: .listing, done: done, total: page.totalPages))
            }
        } catch {
            continuation.finish()
            throw error
        }
        continuation.finish()
        manifest.warnings.append(contentsOf: try await detailWarnings)
        manifest.duplicates[.tickets] = duplicates.withLock { $0 }
        manifest.nextWatermark =
            try staging.newestUpdate(.tickets).map(Date.init(timeIntervalSince1970:))
            ?? manifest.watermarkUsed
        if let state {
            manifest.unchanged[.tickets] = try staging.dropUnchanged(.tickets, state: state)
        }
        if !wantsDetails { try stageFirstComments(try staging.ids(.tickets)) }
    }

    /// The first 64 bits of a row hash (`StagedRecord.hash`, hexadecimal SHA-256): a changed row keeps the same
    /// value only with odds of 2⁻⁶⁴. Text that is not hexadecimal is folded with FNV-1a instead.
    static func digest(_ hash: String) -> UInt64 {
        if let prefix = UInt64(hash.prefix(16), radix: 16) { return prefix }
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in hash.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return value
    }

    /// Stages the first comment that each list row carries, and removes `comments` from the ticket records.
    private func stageFirstComments(_ ids: [Int]) throws {
        for id in ids {
            guard var row = try staging.record(.tickets, id: id) else { continue }
            if options.comments == .first {
                try staging.stage(comments(of: row, ticketID: id), as: .comments)
            }
            row["comments"] = nil
            try staging.update(.tickets, id: id, json: row)
        }
    }

    private func comments(of ticket: JSONObject, ticketID: Int) -> [StagedRecord] {
        (ticket["comments"]?.arrayValue ?? []).compactMap { value in
            guard var comment = value.objectValue, let id = comment["id"]?.intValue else { return nil }
            if comment["ticket_id"] == nil { comment["ticket_id"] = .int(ticketID) }
            return StagedRecord(id: id, parent: ticketID, json: comment)
        }
    }

    /// One detail request per queued ticket, at most `concurrency` in flight: every comment and the attachment
    /// metadata the list rows lack. Returns the warnings for the manifest.
    private func fetchDetails(from queue: AsyncStream<Int>) async throws -> [String] {
        let gone = try await withThrowingTaskGroup(of: Bool.self) { group in
            var running = 0
            var done = 0
            var vanished = 0
            func collect(_ found: Bool) {
                running -= 1
                done += 1
                if !found { vanished += 1 }
                progress(ExportProgress(entity: .tickets, phase: .details, done: done, total: nil))
            }
            for await id in queue {
                if running >= fetcher.concurrency, let found = try await group.next() { collect(found) }
                group.addTask { try await fetchDetail(id) }
                running += 1
            }
            while let found = try await group.next() { collect(found) }
            return vanished
        }
        guard gone > 0 else { return [] }
        return [
            "\(gone) ticket(s) disappeared between the listing and their detail request; their listed rows were kept."
        ]
    }

    /// Merges one ticket's detail into its staged row and stages its comments; false when the ticket is gone (404).
    private func fetchDetail(_ id: Int) async throws -> Bool {
        do {
            let detail = try await client.ticket(id: id)
            guard var row = try staging.record(.tickets, id: id) else { return true }
            for (key, value) in detail.json where key != "comments" { row[key] = value }
            row["comments"] = nil
            try staging.update(.tickets, id: id, json: row)
            try staging.stage(comments(of: detail.json, ticketID: id), as: .comments)
            return true
        } catch let error as SyncroAPIError where error.kind == .notFound {
            // Deleted between the listing and the detail: keep the listed row and its first comment.
            guard var row = try staging.record(.tickets, id: id) else { return false }
            try staging.stage(comments(of: row, ticketID: id), as: .comments)
            row["comments"] = nil
            try staging.update(.tickets, id: id, json: row)
            return false
        }
    }

    // MARK: Other entities

    /// Every page of a catalog entity's list endpoint; with its updated-since filter from `--since` or the state's
    /// watermark (minus the overlap) when it has one.
    private func fetchList(_ entity: ExportEntity, into manifest: inout ExportManifest) async throws {
        var filters: [(String, String)] = []
        if let filter = entity.definition.incrementalFilter {
            var used: Date?
            if let since = options.since {
                filters.append((filter, Timestamp.format(since)))
                used = since
            } else if let watermark = try state?.watermark(for: entity) {
                filters.append((filter, Timestamp.format(watermark.addingTimeInterval(-options.overlap))))
                used = watermark
            }
            try await fetchPages(entity, ListRequest(entity, filters: filters), into: &manifest)
            // The newest change exported (unchanged records are dropped by now), or the bound used when none was.
            let newest = try staging.newestUpdate(entity).map(Date.init(timeIntervalSince1970:))
            manifest.entityWatermarks[entity] = (used, [newest, used].compactMap { $0 }.max())
        } else {
            try await fetchPages(entity, ListRequest(entity), into: &manifest)
        }
    }

    private func fetchPages(_ entity: ExportEntity, _ list: ListRequest, into manifest: inout ExportManifest)
        async throws
    {
        let duplicates = Mutex(0)
        let pages = Mutex(0)
        let listing = try await fetcher.fetch(list, as: PlainRecord.self) { page in
            let records = page.records.compactMap { record -> StagedRecord? in
                guard let id = record.id else { return nil }
                var json = record.json
                if entity == .customers { json["contacts"] = nil }  // contacts are exported from /contacts
                return StagedRecord(id: id, json: json)
            }
            let dropped = try staging.stage(records, as: entity)
            duplicates.withLock { $0 += dropped }
            let done = pages.withLock { count in
                count += 1
                return count
            }
            progress(ExportProgress(entity: entity, phase: .listing, done: done, total: page.totalPages))
        }
        manifest.duplicates[entity] = duplicates.withLock { $0 }
        let staged = try staging.count(entity)
        if let expected = listing.totalEntries {
            manifest.totalEntries[entity] = (api: expected, staged: staged)
            if expected != staged {
                let message =
                    "\(entity.rawValue): the API reported \(expected) records and \(staged) were listed; records changed while paging."
                manifest.warnings.append(message)
                logger.warning("\(message)")
            }
        }
        try applyFilters(entity, into: &manifest)
    }

    private func fetchUsers(into manifest: inout ExportManifest) async throws {
        let users = try await client.users()
        let details = Mutex<[Int: JSONObject]>([:])
        try await fetcher.forEach(users.compactMap(\.id)) { id in
            do {
                let user = try await client.user(id: id)
                details.withLock { $0[id] = user.json }
            } catch let error as SyncroAPIError where error.kind == .notFound {
                return
            }
        }
        let full = details.withLock { $0 }
        let records = users.compactMap { user -> StagedRecord? in
            guard let id = user.id else { return nil }
            return StagedRecord(id: id, json: full[id] ?? user.json)
        }
        try staging.stage(records, as: .users)
        progress(ExportProgress(entity: .users, phase: .listing, done: 1, total: 1))
        try applyFilters(.users, into: &manifest)
    }

    /// `--since` for entities the API cannot filter, and the incremental drop of unchanged records.
    private func applyFilters(_ entity: ExportEntity, into manifest: inout ExportManifest) throws {
        if let since = options.since {
            try staging.dropUpdated(before: since.timeIntervalSince1970, for: entity)
        }
        if let state {
            manifest.unchanged[entity] = try staging.dropUnchanged(entity, state: state)
        }
    }
}
