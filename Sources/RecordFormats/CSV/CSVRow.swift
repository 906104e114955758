/// One CSV record: its fields and the 1-based line where it starts (a quoted field may span lines).
package struct CSVRow: Sendable, Hashable {
    package var fields: [String]
    package var line: Int

    package init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
