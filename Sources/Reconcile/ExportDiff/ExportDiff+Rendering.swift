import RecordFormats

extension ExportDiff {
    /// The diff for a terminal: one summary line per entity, then `+ id` (added), `- id` (removed) and
    /// `~ id: field, field` (changed) lines, at most `limit` of each kind per entity.
    ///
    /// ```
    /// Export diff: nightly-1 -> nightly-2
    /// tickets: 1 added, 1 removed, 2 changed, 40 unchanged
    ///   + 1005
    ///   - 1002
    ///   ~ 1001: status, updated_at
    /// ```
    package func text(limit: Int = 50) -> String {
        var lines = ["Export diff: \(basePath) -> \(currentPath)"]
        for entity in entities {
            let name = entity.entity.rawValue
            switch entity.presence {
            case .baseOnly:
                lines.append("\(name): only in the base export, not compared")
                continue
            case .currentOnly:
                lines.append("\(name): only in the current export, not compared")
                continue
            case .both:
                break
            }
            guard entity.hasChanges else {
                lines.append("\(name): no changes (\(entity.unchanged) unchanged)")
                continue
            }
            lines.append(
                "\(name): \(entity.added.count) added, \(entity.removed.count) removed, "
                    + "\(entity.changed.count) changed, \(entity.unchanged) unchanged")
            lines += listed(entity.added.map { "  + \($0)" }, limit: limit)
            lines += listed(entity.removed.map { "  - \($0)" }, limit: limit)
            lines += listed(
                entity.changed.map { "  ~ \($0.key): \($0.fields.joined(separator: ", "))" }, limit: limit)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func listed(_ lines: [String], limit: Int) -> [String] {
        guard lines.count > limit else { return lines }
        return Array(lines.prefix(limit)) + ["  ... and \(lines.count - limit) more"]
    }

    /// The diff as JSON: `{"diff_version": 1, "base", "current", "entities": [{"entity", "presence", "added",
    /// "removed", "changed": [{"id", "fields"}], "unchanged"}]}`; integer ids as numbers, other keys as text.
    package var json: JSONValue {
        func key(_ key: RecordKey) -> JSONValue { key.id.map(JSONValue.int) ?? .string(key.text) }
        var object = JSONObject()
        object.appendUnchecked("diff_version", 1)
        object.appendUnchecked("base", .string(basePath))
        object.appendUnchecked("current", .string(currentPath))
        object.appendUnchecked(
            "entities",
            .array(
                entities.map { entity in
                    var item = JSONObject()
                    item.appendUnchecked("entity", .string(entity.entity.rawValue))
                    item.appendUnchecked("presence", .string(entity.presence.rawValue))
                    item.appendUnchecked("added", .array(entity.added.map(key)))
                    item.appendUnchecked("removed", .array(entity.removed.map(key)))
                    item.appendUnchecked(
                        "changed",
                        .array(
                            entity.changed.map { change in
                                ["id": key(change.key), "fields": .array(change.fields.map(JSONValue.string))]
                            }))
                    item.appendUnchecked("unchanged", .int(entity.unchanged))
                    return .object(item)
                }))
        return .object(object)
    }

    /// `json` indented by two spaces, with a final newline.
    package var jsonText: String { json.serialized(pretty: true) + "\n" }
}
