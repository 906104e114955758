import Foundation
import GRDB
import RecordFormats
import SyncroCatalog

/// The mirror's bookkeeping beside its records: settings and watermarks, the pages a pass has committed, the
/// tickets whose detail or comments are still to fetch, and one row per run.
///
/// Every page is committed in one transaction together with the note that it is done, so a sync killed at any
/// moment and run again re-requests only what was in flight.
extension StagingStore {
    /// What `mirror_meta.format` says in every mirror.
    static let mirrorFormat = "syncro-fusion-mirror"
    static let mirrorSchemaVersion = 1

    /// Opens the mirror at `path`, creating it when missing; refuses a file that is not a mirror.
    package static func openMirror(path: String) throws(MirrorError) -> StagingStore {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .notAMirror(path, reason: "it is a directory") }
            try checkIsMirror(path)
        } else {
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            guard FileManager.default.isWritableFile(atPath: parent) else {
                throw .unusable(path, reason: "the directory \(parent) does not exist or is not writable")
            }
        }
        do {
            let store = try StagingStore(path: path, durable: true)
            try store.queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS mirror_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                        CREATE TABLE IF NOT EXISTS mirror_pages (
                            listing TEXT NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (listing, page)
                        ) WITHOUT ROWID;
                        CREATE TABLE IF NOT EXISTS mirror_pending (
                            kind TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (kind, id)
                        ) WITHOUT ROWID;
                        CREATE TABLE IF NOT EXISTS mirror_runs (
                            started_at REAL NOT NULL, finished_at REAL, kind TEXT NOT NULL, outcome TEXT,
                            requests INTEGER, changed INTEGER, deleted INTEGER
                        );
                        INSERT OR IGNORE INTO mirror_meta (key, value) VALUES ('format', '\(mirrorFormat)');
                        INSERT OR IGNORE INTO mirror_meta (key, value) VALUES ('schema_version', '\(mirrorSchemaVersion)');
                        """
                )
            }
            return store
        } catch let error as MirrorError {
            throw error
        } catch {
            throw .unusable(path, reason: Self.describe(error))
        }
    }

    /// Refuses an existing file that is not a mirror (another SQLite database, or not SQLite at all).
    private static func checkIsMirror(_ path: String) throws(MirrorError) {
        let format: String?
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            format = try queue.read { db in
                guard try db.tableExists("mirror_meta") else {
                    return try db.tableExists("records")
                        || !(try String.fetchAll(
                            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")).isEmpty
                        ? "" : nil
                }
                return try String.fetchOne(db, sql: "SELECT value FROM mirror_meta WHERE key = 'format'")
            }
            try queue.close()
        } catch {
            throw .notAMirror(path, reason: "it is not a SQLite database (\(Self.describe(error)))")
        }
        if let format, format != mirrorFormat {
            throw .notAMirror(path, reason: "it is a SQLite database of something else")
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode)" }
        return "\(error)"
    }

    // MARK: Settings and watermarks

    package func meta(_ key: String) throws -> String? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM mirror_meta WHERE key = ?", arguments: [key])
        }
    }

    /// Sets (or, with nil, removes) settings in one transaction.
    package func setMeta(_ values: [String: String?]) throws {
        try queue.write { db in try Self.setMeta(values, in: db) }
    }

    static func setMeta(_ values: [String: String?], in db: Database) throws {
        for (key, value) in values {
            if let value {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO mirror_meta (key, value) VALUES (?, ?)", arguments: [key, value])
            } else {
                try db.execute(sql: "DELETE FROM mirror_meta WHERE key = ?", arguments: [key])
            }
        }
    }

    // MARK: Pages

    /// The pages of `listing` this pass has committed.
    func donePages(_ listing: String) throws -> Set<Int> {
        try queue.read { db in
            Set(try Int.fetchAll(db, sql: "SELECT page FROM mirror_pages WHERE listing = ?", arguments: [listing]))
        }
    }

    /// What committing one page changed.
    struct PageOutcome: Sendable {
        var changed = 0
        var unchanged = 0
        /// Records this pass had already seen on another page (they moved while the listing paged).
        var duplicates = 0
        /// Records whose content changed (or that are new): the tickets whose comments or detail to fetch.
        var changedIDs: [Int] = []
    }

    /// Commits one page in one transaction: every record (written only when its content changed, otherwise just
    /// marked seen in this pass), the comments its rows carry (`--comments first`), the page's note in
    /// `mirror_pages`, the pending work for changed records, and `meta` (the listing's total pages).
    func commitPage(
        listing: String, page: Int, entity: ExportEntity, records: [StagedRecord], pass: Int, now: Double,
        pending kind: String?, pendingAll: Bool = false, comments: [StagedRecord] = [], meta: [String: String?] = [:]
    ) throws -> PageOutcome {
        try queue.write { db in
            var outcome = PageOutcome()
            for record in records {
                switch try Self.upsert(record, as: entity, pass: pass, now: now, in: db) {
                case .written:
                    outcome.changed += 1
                    outcome.changedIDs.append(record.id)
                case .unchanged:
                    outcome.unchanged += 1
                case .duplicate:
                    outcome.duplicates += 1
                }
            }
            for comment in comments { _ = try Self.upsert(comment, as: .comments, pass: pass, now: now, in: db) }
            if let kind {
                let statement = try db.cachedStatement(
                    sql: "INSERT OR IGNORE INTO mirror_pending (kind, id) VALUES (?, ?)")
                for id in pendingAll ? records.map(\.id) : outcome.changedIDs {
                    try statement.execute(arguments: [kind, id])
                }
                if kind == "detail" {
                    // Unchanged tickets synced before without details get theirs too.
                    let lacking = try db.cachedStatement(
                        sql: """
                            INSERT OR IGNORE INTO mirror_pending (kind, id)
                            SELECT 'detail', id FROM records
                            WHERE entity = ? AND id = ? AND has_detail = 0 AND deleted_at IS NULL
                            """)
                    for record in records { try lacking.execute(arguments: [entity.rawValue, record.id]) }
                }
            }
            try db.execute(
                sql: "INSERT OR IGNORE INTO mirror_pages (listing, page) VALUES (?, ?)", arguments: [listing, page])
            try Self.setMeta(meta, in: db)
            return outcome
        }
    }

    /// What `upsert` did with a record.
    enum Upsert {
        /// New, changed, or back after being marked deleted: its content was written.
        case written
        /// The same content: only noted as seen in this pass.
        case unchanged
        /// Seen already in this pass on another page, with content at least as new: kept as it was.
        case duplicate
    }

    /// Writes a record when it is new, changed or was marked deleted; otherwise only notes that this pass saw it.
    /// A record this pass already saw (it moved between pages while the listing paged) is replaced only by a
    /// version at least as new (`updated_at`). A changed ticket loses its merged detail (`has_detail = 0`).
    static func upsert(_ record: StagedRecord, as entity: ExportEntity, pass: Int, now: Double, in db: Database)
        throws -> Upsert
    {
        let existing = try Row.fetchOne(
            db.cachedStatement(
                sql: "SELECT hash, deleted_at, pass, updated_at FROM records WHERE entity = ? AND id = ?"),
            arguments: [entity.rawValue, record.id])
        let text = JSONValue.object(record.json).serialized()
        if let existing {
            let hash: String = existing["hash"]
            let deleted: Double? = existing["deleted_at"]
            let seenPass: Int? = existing["pass"]
            let updatedAt: Double? = existing["updated_at"]
            if seenPass == pass, deleted == nil {
                if hash == record.hash { return .duplicate }
                if let updatedAt, let newer = record.updatedAt, newer < updatedAt { return .duplicate }
            }
            if hash == record.hash, deleted == nil {
                try db.cachedStatement(sql: "UPDATE records SET pass = ? WHERE entity = ? AND id = ?")
                    .execute(arguments: [pass, entity.rawValue, record.id])
                return .unchanged
            }
            try db.cachedStatement(
                sql: """
                    UPDATE records SET parent = ?, updated_at = ?, hash = ?, json = ?, fetched_at = ?,
                        deleted_at = NULL, pass = ?, has_detail = 0
                    WHERE entity = ? AND id = ?
                    """
            ).execute(arguments: [
                record.parent, record.updatedAt, record.hash, text, now, pass, entity.rawValue, record.id,
            ])
            return seenPass == pass ? .duplicate : .written
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO records (entity, id, parent, updated_at, hash, json, fetched_at, pass)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            entity.rawValue, record.id, record.parent, record.updatedAt, record.hash, text, now, pass,
        ])
        return .written
    }

    // MARK: Pending details and comments

    /// The tickets still waiting for their detail (`detail`) or comments (`comments`), ascending.
    func pending(_ kind: String) throws -> [Int] {
        try queue.read { db in
            try Int.fetchAll(db, sql: "SELECT id FROM mirror_pending WHERE kind = ? ORDER BY id", arguments: [kind])
        }
    }

    /// Drops the per-ticket comment reads that the bulk listing made unnecessary: every one when it listed every
    /// comment (`instant` nil), else those of tickets updated after `instant`, whose comments it listed.
    func clearPendingComments(coveredAfter instant: Date?) throws {
        try queue.write { db in
            guard let instant else {
                try db.execute(sql: "DELETE FROM mirror_pending WHERE kind = 'comments'")
                return
            }
            try db.execute(
                sql: """
                    DELETE FROM mirror_pending WHERE kind = 'comments' AND id IN (
                        SELECT id FROM records WHERE entity = 'tickets' AND updated_at > ?)
                    """,
                arguments: [instant.timeIntervalSince1970])
        }
    }

    /// Commits what one record's detail (or a ticket's comment listing) brought, and takes it off the pending list:
    /// the row merged with the detail (when given; the hash stays the listed row's) and, when given, every comment
    /// of the ticket: its other comments are marked deleted.
    func commitDetail(
        _ id: Int, of entity: ExportEntity = .tickets, pending kind: String, row: JSONObject?,
        comments: [StagedRecord]? = nil, pass: Int, now: Double
    ) throws {
        try queue.write { db in
            if let row {
                try db.execute(
                    sql: "UPDATE records SET json = ?, has_detail = 1 WHERE entity = ? AND id = ?",
                    arguments: [JSONValue.object(row).serialized(), entity.rawValue, id])
            }
            if let comments {
                for comment in comments { _ = try Self.upsert(comment, as: .comments, pass: pass, now: now, in: db) }
                let kept = comments.map { String($0.id) }.joined(separator: ",")
                try db.execute(
                    sql: """
                        UPDATE records SET deleted_at = ?
                        WHERE entity = 'comments' AND parent = ? AND deleted_at IS NULL AND id NOT IN (\(kept))
                        """,
                    arguments: [now, id])
            }
            try db.execute(sql: "DELETE FROM mirror_pending WHERE kind = ? AND id = ?", arguments: [kind, id])
        }
    }

    /// The asset links of those of `ids` whose rows hold their detail (`asset_ids` comes only with it).
    func assetLinks(ofDetailed ids: [Int]) throws -> [Int: [Int]] {
        guard !ids.isEmpty else { return [:] }
        return try queue.read { db in
            var links: [Int: [Int]] = [:]
            let statement = try db.cachedStatement(
                sql: """
                    SELECT json_extract(json, '$.asset_ids') FROM records
                    WHERE entity = 'tickets' AND id = ? AND has_detail = 1 AND deleted_at IS NULL
                    """)
            for id in ids {
                guard let text = try String.fetchOne(statement, arguments: [id]) else { continue }
                links[id] = try JSONValue.parse(Array(text.utf8)).arrayValue?.compactMap(\.intValue) ?? []
            }
            return links
        }
    }

    /// How many tickets (not deleted) lack their detail: none means the mirror's ticket rows are all details.
    package func ticketsWithoutDetail() throws -> Int {
        try queue.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM records WHERE entity = 'tickets' AND deleted_at IS NULL AND has_detail = 0"
            ) ?? 0
        }
    }

    /// A ticket's row as the mirror holds it, deleted or not.
    func anyRecord(_ entity: ExportEntity, id: Int) throws -> JSONObject? {
        let text = try queue.read { db in
            try String.fetchOne(
                db, sql: "SELECT json FROM records WHERE entity = ? AND id = ?", arguments: [entity.rawValue, id])
        }
        return try text.flatMap { try JSONValue.parse(Array($0.utf8)).objectValue }
    }

    // MARK: Ending a pass

    /// Marks the records of `entity` that this pass did not see as deleted at `now` (after a complete listing of
    /// every record), with the comments of deleted tickets; returns how many were marked.
    func markUnseenDeleted(_ entity: ExportEntity, pass: Int, now: Double) throws -> Int {
        try queue.write { db in
            try db.execute(
                sql: """
                    UPDATE records SET deleted_at = ?
                    WHERE entity = ? AND deleted_at IS NULL AND (pass IS NULL OR pass != ?)
                    """,
                arguments: [now, entity.rawValue, pass])
            let marked = db.changesCount
            if entity == .tickets {
                try db.execute(
                    sql: """
                        UPDATE records SET deleted_at = ?
                        WHERE entity = 'comments' AND deleted_at IS NULL AND parent IN (
                            SELECT id FROM records WHERE entity = 'tickets' AND deleted_at IS NOT NULL)
                        """,
                    arguments: [now])
            }
            return marked
        }
    }

    /// Marks as deleted the comments of tickets updated after `instant` that this pass did not see: the bulk
    /// listing with that ticket-level filter read every comment those tickets have. A ticket updated exactly at
    /// `instant` is left alone, in case the filter is strict.
    func markUnseenComments(ofTicketsUpdatedAfter instant: Date, pass: Int, now: Double) throws -> Int {
        try queue.write { db in
            try db.execute(
                sql: """
                    UPDATE records SET deleted_at = ?
                    WHERE entity = 'comments' AND deleted_at IS NULL AND (pass IS NULL OR pass != ?) AND parent IN (
                        SELECT id FROM records
                        WHERE entity = 'tickets' AND deleted_at IS NULL AND updated_at > ?)
                    """,
                arguments: [now, pass, instant.timeIntervalSince1970])
            return db.changesCount
        }
    }

    /// Forgets a finished pass's page notes and sets `meta`, in one transaction.
    func finishPass(meta: [String: String?]) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM mirror_pages")
            try Self.setMeta(meta, in: db)
        }
    }

    /// Records are marked deleted, never removed: how many of `entity` are.
    package func deletedCount(_ entity: ExportEntity) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM records WHERE entity = ? AND deleted_at IS NOT NULL",
                arguments: [entity.rawValue]) ?? 0
        }
    }

    /// Appends one row to `mirror_runs`.
    func recordRun(
        startedAt: Double, finishedAt: Double, kind: String, outcome: String, requests: Int, changed: Int,
        deleted: Int
    ) throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO mirror_runs (started_at, finished_at, kind, outcome, requests, changed, deleted)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [startedAt, finishedAt, kind, outcome, requests, changed, deleted])
        }
    }

    /// Closes the database without removing it (a mirror stays).
    package func close() { try? queue.close() }
}
