import RecordFormats

/// The keys, order and defaults of one kind of API object, taken from the OpenAPI response examples.
///
/// Rendering walks the template: a computed value wins, then the stored record's value, then the default. Keys
/// the stored record has beyond the template are appended, so a richer dataset passes through, except the
/// `hidden` keys that exist only in the dataset file (a customer's `tag_list`, a ticket's `comments`).
package struct RecordShape: Sendable {
    package let fields: [(key: String, defaultValue: JSONValue)]
    private let keySet: Set<String>
    private let hidden: Set<String>

    package init(_ fields: KeyValuePairs<String, JSONValue>, hidden: Set<String> = []) {
        self.fields = fields.map { (key: $0.key, defaultValue: $0.value) }
        self.keySet = Set(fields.map(\.key))
        self.hidden = hidden
    }

    private init(fields: [(key: String, defaultValue: JSONValue)], hidden: Set<String>) {
        self.fields = fields
        self.keySet = Set(fields.map(\.key))
        self.hidden = hidden
    }

    /// The shape with `extra` fields after the template's own.
    package func adding(_ extra: KeyValuePairs<String, JSONValue>) -> RecordShape {
        RecordShape(fields: fields + extra.map { (key: $0.key, defaultValue: $0.value) }, hidden: hidden)
    }

    /// The shape without the listed keys.
    package func removing(_ keys: Set<String>) -> RecordShape {
        RecordShape(fields: fields.filter { !keys.contains($0.key) }, hidden: hidden.union(keys))
    }

    /// The shape with `key` renamed to `newKey`, keeping its position.
    package func renaming(_ key: String, to newKey: String) -> RecordShape {
        RecordShape(
            fields: fields.map { $0.key == key ? (key: newKey, defaultValue: $0.defaultValue) : $0 },
            hidden: hidden.union([key])
        )
    }

    /// Renders `record` in this shape.
    package func render(_ record: JSONObject, computed: [String: JSONValue] = [:]) -> JSONObject {
        var result = JSONObject()
        for field in fields {
            result.appendUnchecked(field.key, computed[field.key] ?? record[field.key] ?? field.defaultValue)
        }
        for (key, value) in record where !keySet.contains(key) && !hidden.contains(key) {
            result.appendUnchecked(key, value)
        }
        return result
    }
}
