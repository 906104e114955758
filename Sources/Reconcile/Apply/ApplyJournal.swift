import Foundation
import GRDB
import RecordFormats

/// The durable write-ahead journal of `apply` (SQLite): every intent before its request, every outcome after it.
///
/// Two tables: `events`, append-only, one row per state change (what `syncro-fusion journal` shows), and
/// `operations`, the latest state per operation key (what a rerun reads). Both change in one transaction per
/// record, in WAL mode with `synchronous = FULL`, so a record is on disk before the request it announces is
/// sent. Keys are stable across plans, so a journal also protects a newer plan of the same intents. Nothing
/// secret is written: no token, no header, only keys, states, ids, statuses and one-line details.
package final class ApplyJournal: Sendable {
    package static let schemaVersion = 1

    private let queue: DatabaseQueue
    package let path: String

    /// Opens (creating when missing) the journal at `path`; `readOnly` opens an existing one without changing it.
    package init(path: String, readOnly: Bool = false) throws(ApplyError) {
        self.path = path
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.label = "apply-journal"
        if !readOnly {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
            }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            if !readOnly {
                try queue.write { db in
                    try db.execute(
                        sql: """
                            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                            CREATE TABLE IF NOT EXISTS operations (
                                op_key TEXT PRIMARY KEY, ticket_id INTEGER, state TEXT NOT NULL, http_status INTEGER,
                                syncro_id INTEGER, ticket_updated_at TEXT, detail TEXT, plan_hash TEXT NOT NULL,
                                at TEXT NOT NULL
                            );
                            CREATE TABLE IF NOT EXISTS events (
                                seq INTEGER PRIMARY KEY AUTOINCREMENT, op_key TEXT NOT NULL, ticket_id INTEGER,
                                state TEXT NOT NULL, http_status INTEGER, syncro_id INTEGER, ticket_updated_at TEXT,
                                detail TEXT, plan_hash TEXT NOT NULL, at TEXT NOT NULL
                            );
                            INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '\(Self.schemaVersion)');
                            """)
                }
            }
        } catch {
            throw .journal(path: path, reason: Self.describe(error))
        }
    }

    /// The latest record of every operation, by key.
    package func entries() throws(ApplyError) -> [String: JournalEntry] {
        do {
            return try queue.read { db in
                var result: [String: JournalEntry] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM operations")
                while let row = try rows.next() {
                    let entry = Self.entry(row)
                    result[entry.opKey] = entry
                }
                return result
            }
        } catch {
            throw .journal(path: path, reason: Self.describe(error))
        }
    }

    /// Every record in the order written.
    package func events() throws(ApplyError) -> [JournalEntry] {
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq").map(Self.entry)
            }
        } catch {
            throw .journal(path: path, reason: Self.describe(error))
        }
    }

    /// Appends a record and makes it the operation's latest, durably, before returning.
    package func record(_ entry: JournalEntry) async throws(ApplyError) {
        do {
            try await queue.write { db in
                let arguments: StatementArguments = [
                    entry.opKey, entry.ticketID, entry.state.rawValue, entry.httpStatus, entry.syncroID,
                    entry.ticketUpdatedAt, entry.detail, entry.planHash, entry.at,
                ]
                try db.execute(
                    sql: """
                        INSERT INTO events (op_key, ticket_id, state, http_status, syncro_id, ticket_updated_at, detail,
                            plan_hash, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: arguments)
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO operations (op_key, ticket_id, state, http_status, syncro_id,
                            ticket_updated_at, detail, plan_hash, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: arguments)
            }
        } catch {
            throw .journal(path: path, reason: Self.describe(error))
        }
    }

    private static func entry(_ row: Row) -> JournalEntry {
        JournalEntry(
            opKey: row["op_key"], ticketID: row["ticket_id"],
            state: JournalState(rawValue: row["state"] ?? "") ?? .unknown, httpStatus: row["http_status"],
            syncroID: row["syncro_id"], ticketUpdatedAt: row["ticket_updated_at"], detail: row["detail"],
            planHash: row["plan_hash"] ?? "", at: row["at"] ?? "")
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode)" }
        return "\(error)"
    }

    /// The default journal of a plan: beside it, `plan.json` → `plan.journal`.
    package static func defaultPath(forPlan planPath: String) -> String {
        let url = URL(fileURLWithPath: planPath)
        let base = url.pathExtension == "json" ? url.deletingPathExtension() : url
        return base.path + ".journal"
    }
}
