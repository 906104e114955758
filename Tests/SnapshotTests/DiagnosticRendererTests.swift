import RecordFormats
import Snapshot
import Testing

@Suite("Diagnostic rendering")
struct DiagnosticRendererTests {
    let diagnostics = [
        Diagnostic(
            file: "s.json", line: 12, column: 5, record: "ticket 88412", code: DiagnosticCode.duplicateKey,
            message: "partner_ticket_id '88412' is also used by the ticket at s.json:4:5; remove one",
            related: DiagnosticLocation(file: "s.json", line: 4, column: 5)),
        Diagnostic(
            file: "dir/snapshot.csv", line: 2, severity: .warning, code: DiagnosticCode.newerMinor, message: "m"),
    ]

    @Test("text is one compiler-style line per diagnostic, with a note for the other occurrence")
    func text() {
        #expect(
            DiagnosticRenderer.text(diagnostics) == """
                s.json:12:5: error: [snapshot.duplicate-key] partner_ticket_id '88412' is also used by the ticket at \
                s.json:4:5; remove one (ticket 88412)
                s.json:4:5: note: the other occurrence is here
                dir/snapshot.csv:2: warning: [snapshot.newer-minor] m

                """)
    }

    @Test("JSON carries every field, null when unknown")
    func json() throws {
        let value = try JSONValue.parse(DiagnosticRenderer.json(diagnostics))
        let first = try #require(value.arrayValue?.first)
        #expect(first["code"]?.stringValue == "snapshot.duplicate-key")
        #expect(first["related"]?["line"]?.intValue == 4)
        let second = try #require(value.arrayValue?.last)
        #expect(second["column"]?.isNull == true)
        #expect(second["severity"]?.stringValue == "warning")
    }
}
