/// The stable codes of snapshot diagnostics; scripts and tests match on them.
///
/// Syntax errors keep the code of the format reader that found them (`json.syntax`, `csv.invalid-utf8`,
/// `csv.unterminated-quote`, `xml.syntax`, `xml.dtd`, `xml.entity`, ...).
package enum DiagnosticCode {
    /// The path cannot be opened or read, or is not a `.json` file, `.xml` file or CSV directory.
    package static let unreadable = "snapshot.unreadable"
    /// The `schema` field is not `sf-syncro-snapshot`.
    package static let schema = "snapshot.schema"
    /// `schema_version` is not `MAJOR.MINOR`.
    package static let schemaVersion = "snapshot.schema-version"
    /// `schema_version` has a major version this build does not read.
    package static let unsupportedMajor = "snapshot.unsupported-major"
    /// `schema_version` has a newer minor version: fields it added are ignored (a warning).
    package static let newerMinor = "snapshot.newer-minor"
    /// The document does not have the specified shape (root, sections, record containers).
    package static let structure = "snapshot.structure"
    /// A required field is absent or null.
    package static let missingField = "snapshot.missing-field"
    /// A ticket lacks `syncro_ticket_id` or a comment `syncro_comment_id` (snapshot v1.1: present even when
    /// null), usually because the name is misspelt: read as "not linked", it would plan duplicates.
    package static let missingLinkingKey = "snapshot.missing-linking-key"
    /// A field has the wrong type (an id that is not an integer, a boolean that is not true/false, ...).
    package static let type = "snapshot.type"
    /// A time is not ISO-8601 with an offset.
    package static let invalidTime = "snapshot.invalid-time"
    /// A value is not one of its enumeration's values (`syncro_role`).
    package static let invalidEnum = "snapshot.invalid-enum"
    /// Two records of one entity have the same key.
    package static let duplicateKey = "snapshot.duplicate-key"
    /// A CSV child row references a parent row that does not exist.
    package static let danglingRow = "snapshot.dangling-row"
    /// A CSV file lacks a required column (a linking key's column too), or names one twice.
    package static let missingColumn = "snapshot.missing-column"
    package static let duplicateColumn = "snapshot.duplicate-column"
    /// A required CSV file is absent.
    package static let missingFile = "snapshot.missing-file"
    /// `body_sha256` is not 64 lower-case hexadecimal digits.
    package static let bodyHashFormat = "snapshot.body-sha256-format"
    /// `body_sha256` is not the hash of the normalised `body`.
    package static let bodyHashMismatch = "snapshot.body-sha256-mismatch"
    /// A comment has neither `body` nor `body_sha256`.
    package static let commentWithoutBody = "snapshot.comment-without-body"
}
