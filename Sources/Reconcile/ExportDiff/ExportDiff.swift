import Foundation
import RecordFormats
import SyncroExport

/// `diff --base DIR --current DIR`: what changed between two exports (say, two nightly runs), per entity.
///
/// The two directories may use different formats, file by file. Records are matched by `id` (tags by entity
/// type, entity id and name); values are compared with `ComparisonRules`, so `2026-11-28T23:00:00Z` and
/// `2026-11-29T00:00:00+01:00` are no change and `"02116"` against `"2116"` is one. Custom fields compare one by
/// one as `properties.NAME`. When one side of an entity is CSV, only the fields CSV carries are compared (the
/// documented columns and custom fields), so a JSON export against a CSV one does not show every extra API field
/// as changed.
///
/// Memory: one entity at a time, the base side's records are held by key while the current side is streamed.
package struct ExportDiff: Sendable, Hashable {
    package var basePath: String
    package var currentPath: String
    /// One entry per entity either export holds, in export order.
    package var entities: [EntityDiff]

    package init(basePath: String, currentPath: String, entities: [EntityDiff]) {
        self.basePath = basePath
        self.currentPath = currentPath
        self.entities = entities
    }

    /// Whether any entity has an added, removed or changed record, or is held by only one export.
    package var hasChanges: Bool { entities.contains { $0.hasChanges || $0.presence != .both } }

    /// Compares the export directories `base` and `current`.
    package static func compare(
        base: String, current: String, rules: ComparisonRules = .standard
    ) throws -> ExportDiff {
        let baseDirectory = try ExportDirectory(path: base)
        let currentDirectory = try ExportDirectory(path: current)
        var entities: [EntityDiff] = []
        let all = Set(baseDirectory.files.keys).union(currentDirectory.files.keys).sorted()
        for entity in all {
            switch (baseDirectory.files[entity], currentDirectory.files[entity]) {
            case (let baseFile?, let currentFile?):
                entities.append(try compare(entity, base: baseFile, current: currentFile, rules: rules))
            case (.some, nil):
                entities.append(EntityDiff(entity: entity, presence: .baseOnly))
            case (nil, _):
                entities.append(EntityDiff(entity: entity, presence: .currentOnly))
            }
        }
        return ExportDiff(basePath: base, currentPath: current, entities: entities)
    }

    /// Compares one entity's two files.
    static func compare(
        _ entity: ExportEntity, base: ExportDirectory.File, current: ExportDirectory.File, rules: ComparisonRules
    ) throws -> EntityDiff {
        var baseRecords: [RecordKey: JSONObject] = [:]
        let baseReader = try ExportRecordReader(path: base.path, entity: entity, format: base.format)
        while let record = try baseReader.next() {
            guard let key = recordKey(of: record, entity: entity) else { continue }
            baseRecords[key] = record
        }
        var diff = EntityDiff(entity: entity, presence: .both)
        let csvBase = base.format == .csv
        let csvCurrent = current.format == .csv
        let currentReader = try ExportRecordReader(path: current.path, entity: entity, format: current.format)
        while let record = try currentReader.next() {
            guard let key = recordKey(of: record, entity: entity) else { continue }
            guard let old = baseRecords.removeValue(forKey: key) else {
                diff.added.append(key)
                continue
            }
            let fields = changedFields(
                old, record, entity: entity, onlyKeysOf: csvBase ? old : csvCurrent ? record : nil, rules: rules)
            if fields.isEmpty {
                diff.unchanged += 1
            } else {
                diff.changed.append(RecordChange(key: key, fields: fields))
            }
        }
        diff.removed = baseRecords.keys.sorted()
        diff.added.sort()
        diff.changed.sort { $0.key < $1.key }
        return diff
    }

    /// The fields whose values differ, sorted by name; `limit`, when given, restricts the comparison to its keys.
    static func changedFields(
        _ old: JSONObject, _ new: JSONObject, entity: ExportEntity, onlyKeysOf limit: JSONObject?,
        rules: ComparisonRules
    ) -> [String] {
        var names = limit?.keys ?? old.keys + new.keys.filter { old[$0] == nil }
        names.removeAll { $0 == "properties" }
        var changed = names.filter {
            !rules.equal(old[$0], new[$0], field: $0, in: entity.recordName)
        }
        let oldProperties = old["properties"]?.objectValue ?? JSONObject()
        let newProperties = new["properties"]?.objectValue ?? JSONObject()
        var propertyNames = oldProperties.keys
        propertyNames += newProperties.keys.filter { oldProperties[$0] == nil }
        for name in propertyNames
        where !rules.equal(oldProperties[name], newProperties[name], field: "properties.\(name)", in: entity.recordName)
        {
            changed.append("properties.\(name)")
        }
        return changed.sorted()
    }

    /// A record's key: its integer `id`; for tags, `entity_type entity_id tag`; nil when it has neither.
    static func recordKey(of record: JSONObject, entity: ExportEntity) -> RecordKey? {
        if let id = record["id"]?.intValue { return RecordKey(id: id) }
        if entity == .tags, let type = record["entity_type"]?.stringValue, let id = record["entity_id"]?.intValue,
            let tag = record["tag"]?.stringValue
        {
            return RecordKey(text: "\(type) \(id) \(FieldComparison.normalize(tag, .caseInsensitive))")
        }
        return nil
    }
}
