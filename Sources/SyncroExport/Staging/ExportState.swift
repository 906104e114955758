import Foundation
import GRDB
import SyncroCatalog

/// The incremental-export state file (`--state FILE`): a watermark per entity with an updated-since filter and a content hash per exported record.
///
/// It is read at the start of a run and written only after every file of the run is in place, in one transaction,
/// so a failed or killed run leaves the previous state untouched and the next run exports the same changes again.
package final class ExportState: Sendable {
    private let queue: DatabaseQueue
    package let path: String

    package static let schemaVersion = 1

    package init(path: String) throws(ExportError) {
        self.path = path
        do {
            queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                        CREATE TABLE IF NOT EXISTS seen (
                            entity TEXT NOT NULL, id INTEGER NOT NULL, hash TEXT NOT NULL, updated_at REAL,
                            PRIMARY KEY (entity, id)
                        ) WITHOUT ROWID;
                        INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '\(Self.schemaVersion)');
                        """
                )
            }
        } catch {
            throw .stateUnreadable(path, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "SQLite error \(error.resultCode)" }
        return "\(error)"
    }

    /// The `updated_at` of the newest ticket exported so far, as an instant.
    package func ticketWatermark() throws -> Date? { try watermark(for: .tickets) }

    /// The `updated_at` of the newest record of `entity` exported so far, as an instant.
    package func watermark(for entity: ExportEntity) throws -> Date? {
        try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [Self.watermarkKey(entity)])
        }.flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
    }

    /// `ticket_watermark` (the name of the first version's files), `watermark.invoices`, ...
    private static func watermarkKey(_ entity: ExportEntity) -> String {
        entity == .tickets ? "ticket_watermark" : "watermark.\(entity.rawValue)"
    }

    /// The account the state belongs to, when one run has completed.
    package func subdomain() throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'subdomain'") }
    }

    /// The content hash of every record of an entity exported so far.
    package func hashes(for entity: ExportEntity) throws -> [Int: String] {
        try queue.read { db in
            var result: [Int: String] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT id, hash FROM seen WHERE entity = ?", arguments: [entity.rawValue])
            while let row = try rows.next() { result[row["id"]] = row["hash"] }
            return result
        }
    }

    /// Records a completed run: the fingerprints of what it exported and the next watermark, atomically.
    package func save(
        fingerprints: [ExportEntity: [(id: Int, hash: String, updatedAt: Double?)]], watermarks: [ExportEntity: Date],
        subdomain: String?
    ) throws {
        try queue.write { db in
            let upsert = try db.cachedStatement(
                sql: "INSERT OR REPLACE INTO seen (entity, id, hash, updated_at) VALUES (?, ?, ?, ?)"
            )
            for (entity, rows) in fingerprints {
                for row in rows { try upsert.execute(arguments: [entity.rawValue, row.id, row.hash, row.updatedAt]) }
            }
            for (entity, watermark) in watermarks {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    arguments: [Self.watermarkKey(entity), String(watermark.timeIntervalSince1970)]
                )
            }
            if let subdomain {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('subdomain', ?)", arguments: [subdomain])
            }
        }
    }
}
