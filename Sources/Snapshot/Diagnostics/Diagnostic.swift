/// A problem found in a snapshot: where it is, how serious, a stable code and a one-sentence message.
///
/// Readers collect every problem they can read past and stop only at a fatal one (a syntax error, an unknown
/// major version); `DiagnosticRenderer` prints them as `file:line:col: error: [code] message` or as JSON.
package struct Diagnostic: Sendable, Hashable {
    /// How serious a problem is: an error makes the snapshot invalid (`SNAPSHOT_INVALID`), a warning does not.
    package enum Severity: String, Sendable, Hashable, CaseIterable {
        case error
        case warning
    }

    /// The file the problem is in (for a CSV snapshot, the file inside the directory).
    package var file: String
    /// 1-based line, when known.
    package var line: Int?
    /// 1-based column (characters), when known.
    package var column: Int?
    /// The record the problem belongs to, e.g. `ticket 88412`, when there is one.
    package var record: String?
    package var severity: Severity
    /// A stable, dotted identifier, e.g. `snapshot.duplicate-key`; see `DiagnosticCode`.
    package var code: String
    /// One sentence naming what is wrong and what to do.
    package var message: String
    /// Another place the problem involves, e.g. the first of two records with the same key.
    package var related: DiagnosticLocation?

    package init(
        file: String, line: Int? = nil, column: Int? = nil, record: String? = nil, severity: Severity = .error,
        code: String, message: String, related: DiagnosticLocation? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.severity = severity
        self.code = code
        self.message = message
        self.related = related
    }

    /// A diagnostic at `location`.
    package init(
        at location: DiagnosticLocation, record: String? = nil, severity: Severity = .error, code: String,
        message: String, related: DiagnosticLocation? = nil
    ) {
        self.init(
            file: location.file, line: location.line, column: location.column, record: record, severity: severity,
            code: code, message: message, related: related)
    }

    /// Where the diagnostic points.
    package var location: DiagnosticLocation { DiagnosticLocation(file: file, line: line, column: column) }
}

extension [Diagnostic] {
    /// Whether any diagnostic is an error (the snapshot is then `SNAPSHOT_INVALID`).
    package var containsErrors: Bool { contains { $0.severity == .error } }
}
