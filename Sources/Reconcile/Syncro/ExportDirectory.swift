import Foundation
import RecordFormats
import SyncroCatalog
import SyncroExport

/// The files of an export directory: one per entity in any export format, and what `manifest.json` says.
///
/// Files are recognised by name as `convert` does (`tickets.csv`, `2026-11-29-comments.jsonl`); hidden files,
/// sub-directories and names that name no entity are left alone. Formats may differ from file to file.
package struct ExportDirectory: Sendable, Hashable {
    /// One export file.
    package struct File: Sendable, Hashable {
        package var path: String
        package var entity: ExportEntity
        package var format: ExportFormat
    }

    package var path: String
    /// The export files by entity.
    package var files: [ExportEntity: File]
    /// The Syncro subdomain the export came from, when its manifest names one.
    package var subdomain: String?
    /// The manifest's `comments` mode (`all`, `first`, `none`), when it names one.
    package var commentsMode: String?
    /// Whether each ticket row holds what only the ticket's detail carries (`asset_ids`): list rows lack it.
    ///
    /// The manifest's `details` says so (`all`; `none` or anything else: not). A manifest written before exports
    /// could skip the details has no `details`: its exports read every ticket's detail exactly when they read every
    /// comment (`comments` `all`), so a manifest naming neither (a converted directory's) does not tell, and the
    /// rows are not taken as complete. Without a manifest nothing says otherwise, and they are, as they always were.
    package var ticketDetails = true
    /// Whether the export holds only some records: an incremental run (a watermark was used) or one that skipped
    /// unchanged records. A record absent from a partial export may still exist in Syncro.
    package var isPartial = false

    /// Lists the export files of `path` and reads its manifest, if any.
    package init(path: String) throws(ExportDirectoryError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notADirectory(path)
        }
        self.path = path
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
        var files: [ExportEntity: File] = [:]
        for name in names where !name.hasPrefix(".") && name != "manifest.json" {
            let filePath = (path as NSString).appendingPathComponent(name)
            var isSubdirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: filePath, isDirectory: &isSubdirectory),
                !isSubdirectory.boolValue, let fileName = ExportFileName(path: name), let entity = fileName.entity
            else { continue }
            if let first = files[entity] {
                throw .ambiguous(
                    path, entity: entity.rawValue,
                    files: [(first.path as NSString).lastPathComponent, name])
            }
            files[entity] = File(path: filePath, entity: entity, format: fileName.format)
        }
        guard !files.isEmpty else { throw .noExportFiles(path) }
        self.files = files

        let manifestPath = (path as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return }
        let manifest: JSONValue
        do {
            manifest = try JSONValue.parse(Array(data))
        } catch {
            throw .unreadableManifest(manifestPath, reason: "\(error)")
        }
        guard case .object(let object) = manifest else {
            throw .unreadableManifest(manifestPath, reason: "it is a JSON \(manifest.typeName), not an object")
        }
        subdomain = object["subdomain"]?.stringValue
        commentsMode = object["comments"]?.stringValue
        if let details = object["details"], !details.isNull {
            ticketDetails = details.stringValue == "all"
        } else {
            ticketDetails = commentsMode == "all"
        }
        let watermark = object["watermark"]?["used"]
        let skipped = object["unchanged_skipped"]?.objectValue?.values.contains { ($0.intValue ?? 0) > 0 } ?? false
        isPartial = (watermark.map { !$0.isNull } ?? false) || skipped
    }

    /// Calls `body` with each record of `entity`'s file in file order; does nothing when there is no such file.
    ///
    /// With `keys`, records may hold only those keys (in that order, as `ExportRecordReader` decodes CSV).
    package func forEachRecord(
        _ entity: ExportEntity, keeping keys: [String]? = nil, _ body: (JSONObject) throws -> Void
    ) throws {
        guard let file = files[entity] else { return }
        let reader = try ExportRecordReader(path: file.path, entity: entity, format: file.format, keeping: keys)
        while let record = try reader.next() { try body(record) }
    }
}
