import RecordFormats

/// Records of one entity kept in ascending id order, with an index from id to position.
package struct RecordTable: Sendable {
    package private(set) var records: [JSONObject]
    private var positions: [Int: Int]

    package init(_ records: [JSONObject]) {
        self.records = records.sorted { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }
        positions = [:]
        positions.reserveCapacity(records.count)
        for (position, record) in self.records.enumerated() {
            if let id = record["id"]?.intValue { positions[id] = position }
        }
    }

    package var count: Int { records.count }

    /// The record with `id`, or nil.
    package subscript(id: Int?) -> JSONObject? {
        guard let id, let position = positions[id] else { return nil }
        return records[position]
    }

    /// The id one higher than every existing id.
    package var nextID: Int { (records.last?["id"]?.intValue ?? 0) + 1 }
}
