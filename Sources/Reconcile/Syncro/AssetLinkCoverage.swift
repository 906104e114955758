/// Which tickets' asset links the Syncro side knows, which decides whether a missing asset link can be told.
///
/// Only a ticket's detail (`GET /tickets/{id}`) carries its `asset_ids`; the list rows an export reads without
/// details do not. A ticket whose links are unknown is not compared for them: unknown is not empty, and taking it
/// for empty would report every managed asset as missing and plan a write of `asset_ids` for each.
package enum AssetLinkCoverage: Sendable, Hashable {
    /// Every ticket's links are known: an export that read the details. Records added one by one
    /// (`SyncroRecords.add(_:as:)`) are taken as details too; a caller adding list rows says `.none`.
    case complete
    /// No ticket's links are known (an export made with `--details none`).
    case none
    /// Every ticket's links are known except those of these ticket ids: a source that read all but a few details.
    case except(Set<Int>)
    /// Only the links of these ticket ids are known: details read afterwards for some tickets of an export
    /// without them. Listing the few known ids keeps this small where listing every unknown one would not.
    case only(Set<Int>)

    /// Whether the asset links of ticket `id` are known.
    package func includes(_ id: Int) -> Bool {
        switch self {
        case .complete: true
        case .none: false
        case .except(let unknown): !unknown.contains(id)
        case .only(let known): known.contains(id)
        }
    }

    /// Counts the links of the tickets `ids` as known.
    package mutating func insert(_ ids: some Sequence<Int>) {
        switch self {
        case .complete:
            return
        case .none:
            self = .only(Set(ids))
        case .except(let unknown):
            let left = unknown.subtracting(ids)
            self = left.isEmpty ? .complete : .except(left)
        case .only(let known):
            self = .only(known.union(ids))
        }
    }
}
