import CLibXML2

/// Writes an XML document of any shape element by element with libxml2's `xmlTextWriter`, atomically.
///
/// Where `XMLRecordWriter` maps JSON records into a fixed `<records>` shape, this writer lets the caller choose
/// elements, attributes and text (the snapshot's XML shape). Output is indented by two spaces, drained from a
/// memory buffer into an `AtomicFileWriter` every 256 KiB, so memory stays flat and the file appears only when
/// finished. Text and attribute values must be characters XML 1.0 can carry: a C0 control other than TAB, LF and
/// CR, or U+FFFE/U+FFFF, is refused with an `XMLWriteError` (libxml2 would write a reference no parser accepts).
/// CR survives: libxml2 escapes it as `&#13;`. The libxml2 pointers make this type non-`Sendable`.
package final class XMLStreamWriter {
    private let output: XMLWriterOutput
    private var writer: xmlTextWriterPtr { output.writer }
    private var openElements: [String] = []

    /// Creates the temporary file next to `path` and writes the XML declaration.
    package init(path: String) throws {
        output = try XMLWriterOutput(path: path)
    }

    /// The final path of the file.
    package var path: String { output.path }

    /// Opens an element; attributes may follow until its first child or text.
    package func startElement(_ name: String) throws {
        guard XMLRecordMapping.isElementName(name) else {
            throw XMLWriteError(path: path, message: "'\(name)' is not a plain XML element name")
        }
        try check(xmlTextWriterStartElement(writer, name))
        openElements.append(name)
    }

    /// Adds an attribute to the element just opened.
    package func attribute(_ name: String, _ value: String) throws {
        try refuseUnwritable(value, in: "the attribute \(name)")
        try check(xmlTextWriterWriteAttribute(writer, name, value))
    }

    /// Writes text content, escaped.
    package func text(_ value: String) throws {
        try refuseUnwritable(value, in: "<\(openElements.last ?? "?")>")
        try check(xmlTextWriterWriteString(writer, value))
    }

    /// Writes `<name>value</name>`.
    package func element(_ name: String, text value: String) throws {
        try startElement(name)
        if !value.isEmpty { try text(value) }
        try endElement()
    }

    /// Closes the innermost open element (as `<name/>` when it is empty).
    package func endElement() throws {
        try check(xmlTextWriterEndElement(writer))
        openElements.removeLast()
        try output.drainIfFull()
    }

    /// Closes every open element, then flushes, syncs and renames the file into place.
    @discardableResult
    package func finish() throws -> FileSummary {
        try output.endDocument()
        openElements.removeAll()
        return try output.commit()
    }

    /// Deletes the temporary file without touching the final path.
    package func abandon() {
        output.abandon()
    }

    private func refuseUnwritable(_ value: String, in place: String) throws {
        for scalar in value.unicodeScalars {
            let code = scalar.value
            if (code < 0x20 && code != 0x09 && code != 0x0A && code != 0x0D) || code == 0xFFFE || code == 0xFFFF {
                throw XMLWriteError(
                    path: path,
                    message: "\(place) holds the character U+\(String(code, radix: 16, uppercase: true)), "
                        + "which XML 1.0 cannot carry; remove it or write the snapshot as JSON or CSV")
            }
        }
    }

    private func check(_ result: Int32) throws {
        try output.check(result)
    }
}
