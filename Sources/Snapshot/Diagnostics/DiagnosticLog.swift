/// Collects the diagnostics of one read, shared by the format source, the record decoder and the key checks.
///
/// A class so that every stage appends to one list in file order. Not `Sendable`: it lives inside one reader.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []
    /// How many of `diagnostics` are errors: the decoder compares it before and after each record.
    private(set) var errorCount = 0

    func append(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
        if diagnostic.severity == .error { errorCount += 1 }
    }

    /// Removes and returns every diagnostic so far (a reading thread's, handed over to the source's log).
    func takeAll() -> [Diagnostic] {
        defer {
            diagnostics.removeAll(keepingCapacity: true)
            errorCount = 0
        }
        return diagnostics
    }

    /// Appends an error.
    func error(
        _ code: String, _ message: String, at location: DiagnosticLocation, record: String? = nil,
        related: DiagnosticLocation? = nil
    ) {
        append(Diagnostic(at: location, record: record, code: code, message: message, related: related))
    }

    /// Appends a warning.
    func warning(_ code: String, _ message: String, at location: DiagnosticLocation, record: String? = nil) {
        diagnostics.append(Diagnostic(at: location, record: record, severity: .warning, code: code, message: message))
    }
}
