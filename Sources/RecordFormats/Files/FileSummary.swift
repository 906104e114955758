/// What a finished file holds: where it is, how many records and bytes, and its SHA-256 (for the export manifest).
package struct FileSummary: Sendable, Hashable {
    package var path: String
    package var records: Int
    package var bytes: Int
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    package var sha256: String

    package init(path: String, records: Int, bytes: Int, sha256: String) {
        self.path = path
        self.records = records
        self.bytes = bytes
        self.sha256 = sha256
    }
}
