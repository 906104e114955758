import Foundation

/// A problem in an input or output file, at a 1-based line and column, in the house diagnostic form.
///
/// Readers throw it for problems that stop reading and collect it as a diagnostic for problems they can read
/// past (a CSV row with the wrong number of fields, when asked to report rather than fail). The description is
/// `path:line:col: error: [code] message`, where the message is one sentence that says what to fix.
package struct RecordFileError: LocalizedError, CustomStringConvertible, Sendable, Hashable {
    package var path: String
    package var line: Int
    package var column: Int
    /// A stable, dotted identifier of the problem, for scripts and tests: `csv.unterminated-quote`,
    /// `csv.stray-quote`, `csv.invalid-utf8`, `csv.extra-column`, `csv.missing-column`, `json.syntax`,
    /// `json.not-array`, `json.not-object`, `xml.syntax`, `xml.dtd`, `xml.entity`, `xml.structure`, `xml.value`.
    package var code: String
    package var message: String

    package init(path: String, line: Int, column: Int, code: String, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    package var errorDescription: String? { description }

    package var description: String { "\(path):\(line):\(column): error: [\(code)] \(message)" }
}
