import Foundation
import RecordFormats
import SyncroCatalog

/// `manifest.json`: what an export wrote and how it went, written last, after every file is in place.
package struct ExportManifest: Sendable {
    package var subdomain: String?
    package var format: ExportFormat
    package var entities: [ExportEntity]
    package var comments: CommentsMode
    /// Whether the ticket rows hold their detail (asset links, attachments): `--details`.
    package var details: DetailsMode = .none
    package var startedAt: Date
    package var finishedAt: Date?
    package var counts: [ExportEntity: Int] = [:]
    package var requests = 0
    package var rateLimited = 0
    package var retries = 0
    /// Ids listed twice (records that moved between pages), per entity; the newest version was kept.
    package var duplicates: [ExportEntity: Int] = [:]
    /// Records an incremental run listed but did not export because their content had not changed.
    package var unchanged: [ExportEntity: Int] = [:]
    /// `meta.total_entries` against the records listed, where the API reports it.
    package var totalEntries: [ExportEntity: (api: Int, staged: Int)] = [:]
    /// The tickets' `since_updated_at` bound this run used, and the one the next run starts from.
    package var watermarkUsed: Date?
    package var nextWatermark: Date?
    /// The same for the other entities with an updated-since filter (invoices).
    package var entityWatermarks: [ExportEntity: (used: Date?, next: Date?)] = [:]
    package var files: [FileSummary] = []
    package var warnings: [String] = []

    package init(
        subdomain: String?, format: ExportFormat, entities: [ExportEntity], comments: CommentsMode, startedAt: Date
    ) {
        self.subdomain = subdomain
        self.format = format
        self.entities = entities
        self.comments = comments
        self.startedAt = startedAt
    }

    /// The watermark each entity's next incremental run starts from.
    var nextWatermarks: [ExportEntity: Date] {
        var result = entityWatermarks.compactMapValues(\.next)
        result[.tickets] = nextWatermark
        return result
    }

    package var json: JSONValue {
        func byEntity(_ values: [ExportEntity: Int]) -> JSONValue {
            .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key.rawValue, JSONValue.int($0.value)) }))
        }
        var object: JSONObject = ["manifest_version": 1, "tool": "syncro-fusion"]
        object["subdomain"] = subdomain.map(JSONValue.string) ?? .null
        object["format"] = .string(format.rawValue)
        object["entities"] = .array(entities.map { .string($0.rawValue) })
        object["comments"] = .string(comments.rawValue)
        object["details"] = .string(details.rawValue)
        object["started_at"] = .string(Timestamp.format(startedAt))
        object["finished_at"] = finishedAt.map { .string(Timestamp.format($0)) } ?? .null
        let seconds = (finishedAt ?? startedAt).timeIntervalSince(startedAt)
        object["duration_seconds"] = .number(String(format: "%.3f", seconds))
        object["counts"] = byEntity(counts)
        object["requests"] = .int(requests)
        object["rate_limited_429"] = .int(rateLimited)
        object["retries"] = .int(retries)
        object["duplicates_dropped"] = byEntity(duplicates)
        object["unchanged_skipped"] = byEntity(unchanged)
        object["total_entries"] = .object(
            JSONObject(
                totalEntries.sorted { $0.key < $1.key }.map {
                    ($0.key.rawValue, JSONValue.object(["api": .int($0.value.api), "listed": .int($0.value.staged)]))
                }
            )
        )
        object["watermark"] = [
            "used": watermarkUsed.map { .string(Timestamp.format($0)) } ?? .null,
            "next": nextWatermark.map { .string(Timestamp.format($0)) } ?? .null,
        ]
        if !entityWatermarks.isEmpty {
            object["entity_watermarks"] = .object(
                JSONObject(
                    entityWatermarks.sorted { $0.key < $1.key }.map { entity, marks in
                        let used = marks.used.map { JSONValue.string(Timestamp.format($0)) } ?? .null
                        let next = marks.next.map { JSONValue.string(Timestamp.format($0)) } ?? .null
                        return (entity.rawValue, JSONValue.object(["used": used, "next": next]))
                    }
                )
            )
        }
        object["files"] = .array(
            files.map { file in
                [
                    "name": .string(URL(fileURLWithPath: file.path).lastPathComponent), "records": .int(file.records),
                    "bytes": .int(file.bytes), "sha256": .string(file.sha256),
                ]
            }
        )
        object["warnings"] = .array(warnings.map(JSONValue.string))
        return .object(object)
    }

    /// Writes the manifest atomically (temporary name, then rename).
    package func write(to path: String) throws {
        try AtomicFileWriter.write(json.serialized(pretty: true) + "\n", to: path)
    }
}
