/// One record read from an XML file: its element name, its fields in document order, and where it starts.
package struct XMLRecord: Sendable, Hashable {
    /// The record's element name, e.g. `ticket`.
    package var element: String
    package var fields: JSONObject
    /// The 1-based line of the record's start tag.
    package var line: Int

    package init(element: String, fields: JSONObject, line: Int) {
        self.element = element
        self.fields = fields
        self.line = line
    }
}
