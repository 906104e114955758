import Foundation
import GRDB
import RecordFormats
import SyncroCatalog

/// A SQLite database of records: an export's working copy, or (durable) the local mirror of an account.
///
/// As an export's staging it de-duplicates ids seen twice (records that move between pages while paging), keeping
/// the newest `updated_at`; it lets an incremental run drop records whose content hash the state already holds; and
/// it hands records back ordered by id, one at a time, so writing a file never holds the export in memory. As a
/// mirror (`StagingStore+Mirror.swift`) the same table also keeps when each record was fetched and when it was seen
/// gone; every read here skips records marked deleted.
package final class StagingStore: Sendable {
    let queue: DatabaseQueue
    package let path: String

    /// Creates an empty working store at `path` (removed by ``remove()``), or opens the durable mirror at `path`,
    /// creating it when missing.
    package init(path: String, durable: Bool = false) throws {
        self.path = path
        if !durable { try? FileManager.default.removeItem(atPath: path) }
        var configuration = Configuration()
        configuration.journalMode = .wal
        // A working copy: if the process dies, the next run starts again, so durability would only cost time. A
        // mirror commits every page for good (WAL with synchronous NORMAL survives a killed process).
        // Sorts and DISTINCTs spill to disk and the page cache stays at 16 MB, so memory is flat in the export's size.
        let synchronous = durable ? "NORMAL" : "OFF"
        configuration.prepareDatabase { db in
            try db.execute(
                sql: "PRAGMA synchronous = \(synchronous); PRAGMA temp_store = FILE; PRAGMA cache_size = -16000")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        // A ticket's comments are found by `parent` (the comments a detail no longer lists, those of deleted
        // tickets) and written in (parent, id) order: the index spares a scan of every comment for each.
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS records (
                        entity TEXT NOT NULL, id INTEGER NOT NULL, parent INTEGER, updated_at REAL,
                        hash TEXT NOT NULL, json TEXT NOT NULL,
                        fetched_at REAL, deleted_at REAL, pass INTEGER, has_detail INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (entity, id)
                    ) WITHOUT ROWID;
                    CREATE INDEX IF NOT EXISTS records_by_parent ON records (entity, parent, id);
                    """
            )
        }
    }

    /// Adds records in one transaction; returns how many ids were already staged (and kept if not older).
    @discardableResult
    package func stage(_ records: [StagedRecord], as entity: ExportEntity) throws -> Int {
        try queue.write { db in
            var duplicates = 0
            let insert = try db.cachedStatement(
                sql:
                    "INSERT OR IGNORE INTO records (entity, id, parent, updated_at, hash, json) VALUES (?, ?, ?, ?, ?, ?)"
            )
            let replace = try db.cachedStatement(
                sql: """
                    UPDATE records SET parent = ?, updated_at = ?, hash = ?, json = ?
                    WHERE entity = ? AND id = ? AND (updated_at IS NULL OR ? >= updated_at)
                    """
            )
            for record in records {
                let text = JSONValue.object(record.json).serialized()
                try insert.execute(arguments: [
                    entity.rawValue, record.id, record.parent, record.updatedAt, record.hash, text,
                ])
                if db.changesCount == 0 {
                    duplicates += 1
                    try replace.execute(arguments: [
                        record.parent, record.updatedAt, record.hash, text, entity.rawValue, record.id,
                        record.updatedAt,
                    ])
                }
            }
            return duplicates
        }
    }

    /// Replaces the JSON of staged records (a ticket row merged with its detail), keeping hash and `updated_at`.
    package func update(_ entity: ExportEntity, id: Int, json: JSONObject) throws {
        let text = JSONValue.object(json).serialized()
        try queue.write { db in
            try db.execute(
                sql: "UPDATE records SET json = ? WHERE entity = ? AND id = ?", arguments: [text, entity.rawValue, id]
            )
        }
    }

    /// One staged record.
    package func record(_ entity: ExportEntity, id: Int) throws -> JSONObject? {
        let text = try queue.read { db in
            try String.fetchOne(
                db, sql: "SELECT json FROM records WHERE entity = ? AND id = ? AND deleted_at IS NULL",
                arguments: [entity.rawValue, id]
            )
        }
        return try text.flatMap { try JSONValue.parse(Array($0.utf8)).objectValue }
    }

    package func count(_ entity: ExportEntity) throws -> Int {
        try queue.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM records WHERE entity = ? AND deleted_at IS NULL",
                arguments: [entity.rawValue])
                ?? 0
        }
    }

    /// The staged ids of an entity, ascending.
    package func ids(_ entity: ExportEntity) throws -> [Int] {
        try queue.read { db in
            try Int.fetchAll(
                db, sql: "SELECT id FROM records WHERE entity = ? AND deleted_at IS NULL ORDER BY id",
                arguments: [entity.rawValue])
        }
    }

    /// The newest `updated_at` staged for an entity.
    package func newestUpdate(_ entity: ExportEntity) throws -> Double? {
        try queue.read { db in
            try Double.fetchOne(
                db, sql: "SELECT MAX(updated_at) FROM records WHERE entity = ? AND deleted_at IS NULL",
                arguments: [entity.rawValue])
        }
    }

    /// Drops records older than `instant` (for `--since` on entities the API cannot filter).
    package func dropUpdated(before instant: Double, for entity: ExportEntity) throws {
        try queue.write { db in
            try db.execute(
                sql: "DELETE FROM records WHERE entity = ? AND updated_at IS NOT NULL AND updated_at <= ?",
                arguments: [entity.rawValue, instant]
            )
        }
    }

    /// Drops records whose content the state file already holds; returns how many were dropped.
    package func dropUnchanged(_ entity: ExportEntity, state: ExportState) throws -> Int {
        let known = try state.hashes(for: entity)
        guard !known.isEmpty else { return 0 }
        return try queue.write { db in
            var dropped = 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, hash FROM records WHERE entity = ?", arguments: [entity.rawValue])
            for row in rows {
                let id: Int = row["id"]
                let hash: String = row["hash"]
                if known[id] == hash {
                    try db.execute(
                        sql: "DELETE FROM records WHERE entity = ? AND id = ?", arguments: [entity.rawValue, id]
                    )
                    dropped += 1
                }
            }
            return dropped
        }
    }

    /// Drops the comments whose ticket is not staged (an incremental run dropped it as unchanged).
    package func dropCommentsOfAbsentTickets() throws {
        try queue.write { db in
            try db.execute(
                sql: """
                    DELETE FROM records WHERE entity = 'comments' AND parent NOT IN (
                        SELECT id FROM records WHERE entity = 'tickets' AND deleted_at IS NULL)
                    """)
        }
    }

    /// Every staged record of an entity as (id, hash, updated_at), for saving the state after a successful run.
    package func fingerprints(_ entity: ExportEntity) throws -> [(id: Int, hash: String, updatedAt: Double?)] {
        try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, hash, updated_at FROM records WHERE entity = ? AND deleted_at IS NULL ORDER BY id",
                arguments: [entity.rawValue]
            ).map { (id: $0["id"], hash: $0["hash"], updatedAt: $0["updated_at"]) }
        }
    }

    /// Calls `body` with each staged record of an entity, ordered by parent then id, one at a time.
    package func forEach(_ entity: ExportEntity, _ body: (JSONObject) throws -> Void) throws {
        try queue.read { db in
            let cursor = try String.fetchCursor(
                db, sql: "SELECT json FROM records WHERE entity = ? AND deleted_at IS NULL ORDER BY parent, id",
                arguments: [entity.rawValue]
            )
            while let text = try cursor.next() {
                guard case .object(let object) = try JSONValue.parse(Array(text.utf8)) else { continue }
                try body(object)
            }
        }
    }

    /// The custom-field names with a value (not null, not empty) in any staged record of an entity, sorted.
    ///
    /// SQLite's JSON functions read them without parsing records in Swift, so the CSV header costs no extra pass.
    package func propertyNames(_ entity: ExportEntity) throws -> [String] {
        try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT field.key FROM records, json_each(records.json, '$.properties') AS field
                    WHERE records.entity = ? AND records.deleted_at IS NULL AND field.type != 'null'
                        AND NOT (field.type = 'text' AND field.atom = '')
                    ORDER BY field.key
                    """,
                arguments: [entity.rawValue]
            )
        }
    }

    /// Calls `body` with each (record id, string element) of an array field, ordered by id then position, read by
    /// SQLite's JSON functions (tags of tickets and customers, without parsing whole records).
    package func forEachArrayElement(
        _ entity: ExportEntity, field: String, idField: String = "id", _ body: (Int, String) throws -> Void
    ) throws {
        try queue.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT json_extract(records.json, '$.' || ?) AS owner, element.value AS value
                    FROM records, json_each(records.json, '$.' || ?) AS element
                    WHERE records.entity = ? AND records.deleted_at IS NULL AND element.type = 'text'
                    ORDER BY records.parent, records.id, element.key
                    """,
                arguments: [idField, field, entity.rawValue]
            )
            while let row = try rows.next() {
                guard let owner: Int = row["owner"], let value: String = row["value"] else { continue }
                try body(owner, value)
            }
        }
    }

    /// Deletes the database files.
    package func remove() {
        try? queue.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
