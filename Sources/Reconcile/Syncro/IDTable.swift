import RecordFormats

/// Values by Syncro id, held as two sorted columns while ids arrive in ascending order.
///
/// An export writes each file's records by ascending id, so the usual table is two columns found by binary search:
/// the id (4 bytes, `IntColumn`) and the value per entry, where a `Dictionary` takes about twice that and hashes
/// every id. The
/// first id out of order (or a removal) moves the entries into a dictionary, and the table works as one from then
/// on. `keys` are ascending while the columns last, which is file order for an export.
struct IDTable<Value> {
    private var ids = IntColumn()
    private var values: [Value] = []
    private var byID: [Int: Value]?

    var count: Int { byID?.count ?? ids.count }
    var isEmpty: Bool { count == 0 }

    /// The ids, ascending while the table is in columns, in no particular order after.
    var keys: IntColumn {
        guard let byID else { return ids }
        var keys = IntColumn()
        for id in byID.keys { keys.append(id) }
        return keys
    }

    subscript(id: Int) -> Value? {
        get {
            if let byID { return byID[id] }
            return position(of: id).map { values[$0] }
        }
        set {
            if byID != nil {
                byID?[id] = newValue
            } else if let newValue, ids.last.map({ id > $0 }) ?? true {
                ids.append(id)
                values.append(newValue)
            } else if let newValue, let position = position(of: id) {
                values[position] = newValue
            } else if newValue != nil || position(of: id) != nil {
                var byID = Dictionary(uniqueKeysWithValues: zip(ids, values))
                byID[id] = newValue
                self.byID = byID
                ids = IntColumn()
                values = []
            }
        }
    }

    /// Where `id` is among the ids in ascending order, from 0 to `count - 1`, while the table is in columns; nil
    /// when it is absent or the table became a dictionary.
    func ordinal(of id: Int) -> Int? {
        byID == nil ? position(of: id) : nil
    }

    private func position(of id: Int) -> Int? {
        guard let last = ids.last, id <= last else { return nil }
        return ids.position(ofAscending: id)
    }
}

extension IDTable: Sendable where Value: Sendable {}
