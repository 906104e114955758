import SyncroCatalog
import SyncroExport

/// What changed in one entity's records between two exports.
package struct EntityDiff: Sendable, Hashable {
    /// Whether both exports hold the entity; one that only one export holds is not compared record by record.
    package enum Presence: String, Sendable, Hashable {
        case both
        case baseOnly = "base-only"
        case currentOnly = "current-only"
    }

    package var entity: ExportEntity
    package var presence: Presence
    /// Records only in the current export, in key order.
    package var added: [RecordKey] = []
    /// Records only in the base export, in key order.
    package var removed: [RecordKey] = []
    /// Records in both with different values, in key order.
    package var changed: [RecordChange] = []
    /// Records in both with the same values.
    package var unchanged = 0

    package init(entity: ExportEntity, presence: Presence) {
        self.entity = entity
        self.presence = presence
    }

    /// Whether anything was added, removed or changed.
    package var hasChanges: Bool { !added.isEmpty || !removed.isEmpty || !changed.isEmpty }
}
