/// A record present in both exports whose values differ, and which fields differ.
package struct RecordChange: Sendable, Hashable {
    package var key: RecordKey
    /// The differing fields by name, sorted; custom fields as `properties.NAME`.
    package var fields: [String]

    package init(key: RecordKey, fields: [String]) {
        self.key = key
        self.fields = fields
    }
}
