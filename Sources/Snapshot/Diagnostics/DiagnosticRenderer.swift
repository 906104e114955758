import RecordFormats

/// Prints diagnostics for people (`file:line:col: error: [code] message`) or for programs (a JSON array).
package enum DiagnosticRenderer {
    /// One line per diagnostic, in the compiler form editors understand, with the record and related location
    /// appended when known.
    package static func text(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(line(for:)).joined()
    }

    /// The text form of one diagnostic, ending with a newline.
    package static func line(for diagnostic: Diagnostic) -> String {
        var text = "\(diagnostic.location): \(diagnostic.severity.rawValue): [\(diagnostic.code)] \(diagnostic.message)"
        if let record = diagnostic.record { text += " (\(record))" }
        text += "\n"
        if let related = diagnostic.related { text += "\(related): note: the other occurrence is here\n" }
        return text
    }

    /// A JSON array of objects with `file`, `line`, `column`, `record`, `severity`, `code`, `message` and
    /// `related` (unknown values are null), indented by two spaces.
    package static func json(_ diagnostics: [Diagnostic]) -> String {
        let values: [JSONValue] = diagnostics.map { diagnostic in
            var object = JSONObject()
            object.appendUnchecked("file", .string(diagnostic.file))
            object.appendUnchecked("line", diagnostic.line.map(JSONValue.int) ?? .null)
            object.appendUnchecked("column", diagnostic.column.map(JSONValue.int) ?? .null)
            object.appendUnchecked("record", diagnostic.record.map(JSONValue.string) ?? .null)
            object.appendUnchecked("severity", .string(diagnostic.severity.rawValue))
            object.appendUnchecked("code", .string(diagnostic.code))
            object.appendUnchecked("message", .string(diagnostic.message))
            object.appendUnchecked("related", diagnostic.related.map(json(for:)) ?? .null)
            return .object(object)
        }
        return JSONValue.array(values).serialized(pretty: true) + "\n"
    }

    private static func json(for location: DiagnosticLocation) -> JSONValue {
        [
            "file": .string(location.file), "line": location.line.map(JSONValue.int) ?? .null,
            "column": location.column.map(JSONValue.int) ?? .null,
        ]
    }
}
