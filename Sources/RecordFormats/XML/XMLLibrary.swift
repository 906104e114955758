import CLibXML2

/// libxml2 set-up shared by the XML readers and writers: initialisation once, and the hardened text reader.
enum XMLLibrary {
    /// Swift runs a static initialiser exactly once, even across threads, which is what `xmlInitParser` needs.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initialises libxml2 on first use; later calls do nothing.
    static func ensureInitialized() {
        _ = initialized
    }

    /// A libxml2 text reader over `source`, hardened for untrusted files, with its I/O and error context.
    ///
    /// NONET: no network. Deliberately absent: NOENT (substitute entities), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE
    /// and HUGE (lifts the size and depth limits). BIG_LINES keeps line numbers above 65535 exact. Errors reach the
    /// context through the structured handler, with line and column.
    static func openHardenedReader(_ source: BufferedFileReader) throws -> (XMLReaderContext, xmlTextReaderPtr) {
        ensureInitialized()
        let context = XMLReaderContext(path: source.path, source: source)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
        let pointer = Unmanaged.passUnretained(context).toOpaque()
        guard
            let reader = xmlReaderForIO(
                { context, buffer, length in
                    guard let context, let buffer, length > 0 else { return -1 }
                    let box = Unmanaged<XMLReaderContext>.fromOpaque(context).takeUnretainedValue()
                    return box.read(into: buffer, count: Int(length))
                },
                nil, pointer, source.path, nil, options)
        else {
            throw RecordFileError(
                path: source.path, line: 1, column: 1, code: "xml.syntax",
                message: "libxml2 could not start reading the file; check that it is XML")
        }
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                Unmanaged<XMLReaderContext>.fromOpaque(context).takeUnretainedValue().record(error)
            },
            pointer)
        return (context, reader)
    }

    /// Advances `reader` to its next node; false at the end of the document.
    ///
    /// Throws the first problem, in this order: the context's DTD refusal, a failed read of the input, the first
    /// error libxml2 reported, then `error(message, code)` for a malformed document or a `<!DOCTYPE>` node.
    static func advance(
        _ reader: xmlTextReaderPtr, context: XMLReaderContext, error: (String, String) -> RecordFileError
    ) throws -> Bool {
        let result = xmlTextReaderRead(reader)
        if let error = context.refusal { throw error }
        if let error = context.inputError { throw error }
        if let error = context.parseError { throw error }
        if result < 0 { throw error("malformed XML; check that the file is complete", "xml.syntax") }
        if result == 1, xmlTextReaderNodeType(reader) == XMLNodeType.documentType {
            throw error("DTDs are not allowed; remove the <!DOCTYPE> declaration", "xml.dtd")
        }
        return result == 1
    }
}
