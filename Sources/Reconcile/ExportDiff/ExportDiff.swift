import Foundation
import RecordFormats
import SyncroCatalog
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
/// Memory: one entity at a time, both files are read together, and a record waits (by key) only until its
/// counterpart is read: exports write records in the same order (`id`; comments by ticket, then `id`), and the
/// file that is behind in that order is read next, so few records wait, whatever the size of the exports. Files
/// in another order give the same diff, holding more records while they wait (at most one side's).
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

    /// How far a comparison is: the entity being compared, the records read of it from both exports so far, and
    /// how many of those pairs differ.
    package struct Progress: Sendable, Equatable {
        /// How often progress is reported: every this many records read (and once at the end of each entity).
        package static let interval = 4096

        package var entity: ExportEntity
        package var recordsRead: Int
        package var changed: Int
    }

    /// Compares the export directories `base` and `current`; `progress`, when given, hears how far it is.
    package static func compare(
        base: String, current: String, rules: ComparisonRules = .standard, progress: ((Progress) -> Void)? = nil
    ) throws -> ExportDiff {
        let baseDirectory = try ExportDirectory(path: base)
        let currentDirectory = try ExportDirectory(path: current)
        var entities: [EntityDiff] = []
        let all = Set(baseDirectory.files.keys).union(currentDirectory.files.keys).sorted()
        for entity in all {
            switch (baseDirectory.files[entity], currentDirectory.files[entity]) {
            case (let baseFile?, let currentFile?):
                entities.append(
                    try compare(entity, base: baseFile, current: currentFile, rules: rules, progress: progress))
            case (.some, nil):
                entities.append(EntityDiff(entity: entity, presence: .baseOnly))
            case (nil, _):
                entities.append(EntityDiff(entity: entity, presence: .currentOnly))
            }
        }
        return ExportDiff(basePath: base, currentPath: current, entities: entities)
    }

    /// Compares one entity's two files.
    ///
    /// A symmetric hash join: each record read either meets its counterpart waiting under its key, or waits for
    /// it. Which file is read next decides only how many records wait, never the result: the one whose last
    /// record is earlier in the exports' order (`MergeOrder`), so two exports in that order are merged with
    /// almost nothing waiting. A key repeated within one file (which an export never writes) counts once per
    /// record: a copy that meets no counterpart is removed (base) or added (current).
    static func compare(
        _ entity: ExportEntity, base: ExportDirectory.File, current: ExportDirectory.File, rules: ComparisonRules,
        progress: ((Progress) -> Void)? = nil
    ) throws -> EntityDiff {
        var diff = EntityDiff(entity: entity, presence: .both)
        var recordsRead = 0
        let onlyKeysOfBase = base.format == .csv
        let onlyKeysOfCurrent = current.format == .csv
        func compared(_ key: RecordKey, old: JSONObject, new: JSONObject) {
            let fields = changedFields(
                old, new, entity: entity, onlyKeysOf: onlyKeysOfBase ? old : onlyKeysOfCurrent ? new : nil,
                rules: rules)
            if fields.isEmpty {
                diff.unchanged += 1
            } else {
                diff.changed.append(RecordChange(key: key, fields: fields))
            }
        }

        // Each file is decoded on a thread of its own, ahead of the matching here: decoding is most of the work.
        let baseReader = try ExportRecordReader(path: base.path, entity: entity, format: base.format)
        let currentReader = try ExportRecordReader(path: current.path, entity: entity, format: current.format)
        let baseAhead = ReadAhead(name: "syncro-fusion.export-diff-base") { try baseReader.next() }
        let currentAhead = ReadAhead(name: "syncro-fusion.export-diff-current") { try currentReader.next() }
        defer {
            baseAhead.cancel()
            currentAhead.cancel()
        }
        var waitingBase: [RecordKey: JSONObject] = [:]
        var waitingCurrent: [RecordKey: JSONObject] = [:]
        /// The next record of a file with its key and place, each worked out once.
        func read(_ ahead: ReadAhead<JSONObject>) throws -> (record: JSONObject, order: MergeOrder)? {
            try ahead.next().map { ($0, MergeOrder($0, entity: entity)) }
        }
        var nextBase = try read(baseAhead)
        var nextCurrent = try read(currentAhead)
        while nextBase != nil || nextCurrent != nil {
            recordsRead += 1
            if recordsRead % Progress.interval == 0 {
                progress?(Progress(entity: entity, recordsRead: recordsRead, changed: diff.changed.count))
            }
            let readBase: Bool
            if let base = nextBase, let current = nextCurrent {
                readBase = base.order <= current.order
            } else {
                readBase = nextBase != nil
            }
            if readBase, let (record, order) = nextBase {
                nextBase = try read(baseAhead)
                guard let key = order.key else { continue }
                if let new = waitingCurrent.removeValue(forKey: key) {
                    compared(key, old: record, new: new)
                } else if waitingBase.updateValue(record, forKey: key) != nil {
                    diff.removed.append(key)
                }
            } else if let (record, order) = nextCurrent {
                nextCurrent = try read(currentAhead)
                guard let key = order.key else { continue }
                if let old = waitingBase.removeValue(forKey: key) {
                    compared(key, old: old, new: record)
                } else if waitingCurrent.updateValue(record, forKey: key) != nil {
                    diff.added.append(key)
                }
            }
        }
        progress?(Progress(entity: entity, recordsRead: recordsRead, changed: diff.changed.count))
        diff.removed += waitingBase.keys
        diff.removed.sort()
        diff.added += waitingCurrent.keys
        diff.added.sort()
        diff.changed.sort { $0.key < $1.key }
        return diff
    }

    /// Where a record comes in an export's file: by `id`, and comments first by their ticket (`StagingStore`
    /// writes them so); with the record's key. Records without a key come first; they only steer which file is
    /// read next, and are skipped.
    struct MergeOrder: Comparable {
        var parent: Int
        /// The record's key (`recordKey(of:entity:)`), nil when it has none.
        var key: RecordKey?

        init(_ record: JSONObject, entity: ExportEntity) {
            parent = entity == .comments ? record["ticket_id"]?.intValue ?? .min : .min
            key = ExportDiff.recordKey(of: record, entity: entity)
        }

        static func < (lhs: MergeOrder, rhs: MergeOrder) -> Bool {
            guard lhs.parent == rhs.parent else { return lhs.parent < rhs.parent }
            switch (lhs.key, rhs.key) {
            case (let left?, let right?): return left < right
            case (nil, .some): return true
            default: return false
            }
        }
    }

    /// The fields whose values differ, sorted by name; `limit`, when given, restricts the comparison to its keys.
    ///
    /// Every rule finds a value equal to itself, so identical records (most of two nightly exports) and identical
    /// values are not read by the rules at all.
    static func changedFields(
        _ old: JSONObject, _ new: JSONObject, entity: ExportEntity, onlyKeysOf limit: JSONObject?,
        rules: ComparisonRules
    ) -> [String] {
        if old == new { return [] }
        var names = limit?.keys ?? old.keys + new.keys.filter { old[$0] == nil }
        names.removeAll { $0 == "properties" }
        var changed = names.filter {
            let (before, after) = (old[$0], new[$0])
            return before != after && !rules.equal(before, after, field: $0, in: entity.recordName)
        }
        let oldProperties = old["properties"]?.objectValue ?? JSONObject()
        let newProperties = new["properties"]?.objectValue ?? JSONObject()
        var propertyNames = oldProperties.keys
        propertyNames += newProperties.keys.filter { oldProperties[$0] == nil }
        for name in propertyNames
        where oldProperties[name] != newProperties[name]
            && !rules.equal(
                oldProperties[name], newProperties[name], field: "properties.\(name)", in: entity.recordName)
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
