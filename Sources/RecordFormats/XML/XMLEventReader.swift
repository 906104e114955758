import CLibXML2
import Foundation

/// Streams any XML document as start-element, text and end-element events, with libxml2's `xmlTextReader`.
///
/// Hardened like `XMLRecordReader`, whose context and prolog scanner it shares: a `<!DOCTYPE` is refused before
/// libxml2 sees it (so neither external entities nor entity-expansion bombs can be declared), entities are never
/// substituted or loaded, the network is never touched, libxml2's size limits stay on (no `XML_PARSE_HUGE`), and
/// nesting deeper than 512 levels is refused. Every error is a `RecordFileError` (`xml.syntax`, `xml.dtd`,
/// `xml.entity`, `xml.structure`) with the file, line and column. Memory holds one 1 MiB chunk and libxml2's
/// window, whatever the file's size. The libxml2 pointer makes this type non-`Sendable`: keep it inside one task.
package final class XMLEventReader {
    /// Nesting deeper than this is refused.
    package static let maximumDepth = 512

    /// The file's path (or the name given to in-memory bytes), used in every error.
    package var path: String { context.path }

    private let context: XMLReaderContext
    private let reader: xmlTextReaderPtr
    private var openElements: [String] = []
    /// The end event owed to an empty element (`<a/>`), delivered by the next call.
    private var pendingEnd: String?
    private var ended = false

    /// Opens `path`.
    package convenience init(path: String, chunkSize: Int = 1 << 20) throws {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size <= 4096,
            let data = FileManager.default.contents(atPath: path)
        {
            try Self.refuseEmpty(Array(data), name: path)
        }
        try self.init(source: BufferedFileReader(path: path, chunkSize: chunkSize))
    }

    /// Reads XML from bytes in memory, named `name` in errors.
    package convenience init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int = 1 << 20) throws {
        try Self.refuseEmpty(bytes, name: name)
        try self.init(source: BufferedFileReader(bytes: bytes, name: name, chunkSize: chunkSize))
    }

    /// An empty or blank document gets the sentence JSON's reader gives it, not libxml2's "Extra content at the
    /// end of the document".
    private static func refuseEmpty(_ bytes: [UInt8], name: String) throws {
        guard bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return }
        throw RecordFileError(
            path: name, line: 1, column: 1, code: "xml.syntax",
            message: "the file is empty or holds only white space; expected an XML document")
    }

    private init(source: BufferedFileReader) throws {
        (context, reader) = try XMLLibrary.openHardenedReader(source)
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// How many elements are open.
    package var depth: Int { openElements.count }
    /// How many bytes of the file libxml2 has been given so far (ahead of the events): for progress.
    package var bytesRead: Int { context.bytesRead }

    /// The next event, or nil at the end of the document.
    package func next() throws -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            openElements.removeLast()
            return .endElement(name: name)
        }
        guard !ended else { return nil }
        while try read() {
            switch xmlTextReaderNodeType(reader) {
            case XMLNodeType.element:
                let name = self.name()
                guard openElements.count < Self.maximumDepth else {
                    throw error("nesting deeper than \(Self.maximumDepth) levels", code: "xml.structure")
                }
                let start = XMLStartElement(
                    name: name, attributes: attributes(), line: nodeLine() ?? parserLine(), column: nodeColumn())
                openElements.append(name)
                if xmlTextReaderIsEmptyElement(reader) != 0 { pendingEnd = name }
                return .startElement(start)
            case XMLNodeType.endElement:
                let name = openElements.popLast() ?? self.name()
                return .endElement(name: name)
            case XMLNodeType.text, XMLNodeType.cdata, XMLNodeType.whitespace, XMLNodeType.significantWhitespace:
                return .text(xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? "")
            case XMLNodeType.entityReference, XMLNodeType.entity:
                throw error("entity references are not allowed; write the text itself", code: "xml.entity")
            default:
                continue
            }
        }
        ended = true
        if !openElements.isEmpty {
            throw error(
                "the document ends inside <\(openElements.last ?? "")>; the file may be truncated",
                code: "xml.syntax")
        }
        return nil
    }

    /// The line and column to report a problem with the current node at.
    package var position: (line: Int, column: Int) {
        let line = nodeLine() ?? parserLine()
        return (line, nodeColumn() ?? 1)
    }

    // MARK: libxml2

    /// Advances to the next node; false at the end. Throws the first error libxml2 reported.
    private func read() throws -> Bool {
        try XMLLibrary.advance(reader, context: context) { error($0, code: $1) }
    }

    private func name() -> String {
        xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
    }

    private func attributes() -> [(name: String, value: String)] {
        guard xmlTextReaderHasAttributes(reader) == 1 else { return [] }
        var result: [(name: String, value: String)] = []
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            let name = self.name()
            let value = xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
            result.append((name, value))
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }

    private func parserLine() -> Int { Int(xmlTextReaderGetParserLineNumber(reader)) }

    /// The line of the current node, when libxml2 recorded it.
    private func nodeLine() -> Int? {
        guard let node = xmlTextReaderCurrentNode(reader) else { return nil }
        let line = Int(xmlGetLineNo(node))
        return line > 0 ? line : nil
    }

    /// The parser's column, when the parser is still on the current node's line (it reads ahead).
    private func nodeColumn() -> Int? {
        guard let line = nodeLine(), line == parserLine() else { return nil }
        return max(Int(xmlTextReaderGetParserColumnNumber(reader)), 1)
    }

    private func error(_ message: String, code: String) -> RecordFileError {
        let (line, column) = position
        return RecordFileError(path: context.path, line: line, column: column, code: code, message: message)
    }
}
