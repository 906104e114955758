import CLibXML2

/// Streams records out of an XML file written by `XMLRecordWriter`, with libxml2's `xmlTextReader`.
///
/// The reader is hardened against hostile files: it refuses any document with a DTD (`<!DOCTYPE`), never
/// substitutes entities or loads external ones (so billion-laughs and external-entity files fail at once
/// instead of expanding), never touches the network, and keeps libxml2's size limits (no `XML_PARSE_HUGE`).
/// Every error carries the file, line and column. Input is read through a `BufferedFileReader` in 1 MiB
/// chunks; memory holds one record. The libxml2 pointer makes this type non-`Sendable`: keep it inside one task.
package final class XMLRecordReader {
    /// The root element's `entity` attribute, e.g. `tickets` (nil when absent).
    package private(set) var entity: String?

    /// The file's path (or the name given to in-memory bytes), used in every error.
    package var path: String { context.path }

    /// Nesting deeper than this is refused, as in `JSONParser`.
    package static let maximumDepth = 512

    private let context: XMLReaderContext
    private let reader: xmlTextReaderPtr
    private var rootOpen = false
    private var ended = false

    /// Opens `path` and reads up to the root element.
    package convenience init(path: String, chunkSize: Int = 1 << 20) throws {
        let source = try BufferedFileReader(path: path, chunkSize: chunkSize)
        try self.init(source: source)
    }

    /// Reads XML from bytes in memory, named `name` in errors.
    package convenience init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int = 1 << 20) throws {
        try self.init(source: BufferedFileReader(bytes: bytes, name: name, chunkSize: chunkSize))
    }

    private init(source: BufferedFileReader) throws {
        (context, reader) = try XMLLibrary.openHardenedReader(source)
        try openRoot()
    }

    deinit {
        xmlFreeTextReader(reader)
    }

    /// The next record, or nil after the root element closes.
    package func next() throws -> XMLRecord? {
        guard !ended else { return nil }
        guard rootOpen else {
            try finishDocument()
            return nil
        }
        while true {
            guard try read() else { throw structureError("the file ends before </records>; it may be truncated") }
            switch xmlTextReaderNodeType(reader) {
            case XMLNodeType.element:
                let element = name()
                let line = nodeLine() ?? Int(xmlTextReaderGetParserLineNumber(reader))
                let fields = try readObject(depth: 1)
                return XMLRecord(element: element, fields: fields, line: line)
            case XMLNodeType.endElement:
                rootOpen = false
                try finishDocument()
                return nil
            case XMLNodeType.text, XMLNodeType.cdata:
                throw structureError("text between records; each record must be an element")
            default:
                try refuseEntities()
            }
        }
    }

    // MARK: Reading nodes

    /// Advances to the next node; false at the end of the document. Throws the first error libxml2 reported.
    private func read() throws -> Bool {
        try XMLLibrary.advance(reader, context: context) { structureError($0, code: $1) }
    }

    private func refuseEntities() throws {
        let type = xmlTextReaderNodeType(reader)
        if type == XMLNodeType.entityReference || type == XMLNodeType.entity {
            throw structureError("entity references are not allowed; write the text itself", code: "xml.entity")
        }
    }

    private func openRoot() throws {
        while try read() {
            switch xmlTextReaderNodeType(reader) {
            case XMLNodeType.element:
                guard name() == "records" else {
                    throw structureError("the root element is <\(name())>, expected <records>")
                }
                entity = attribute("entity")
                rootOpen = xmlTextReaderIsEmptyElement(reader) == 0
                return
            case XMLNodeType.text, XMLNodeType.cdata:
                throw structureError("text before the root element")
            default:
                try refuseEntities()
            }
        }
        throw structureError("the file has no root element; expected <records>", code: "xml.syntax")
    }

    /// Reads to the end of the document, so trailing garbage is reported.
    private func finishDocument() throws {
        ended = true
        while try read() {
            let type = xmlTextReaderNodeType(reader)
            if type == XMLNodeType.element || type == XMLNodeType.text || type == XMLNodeType.cdata {
                throw structureError("content after </records>; remove it")
            }
        }
    }

    private func name() -> String {
        xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
    }

    private func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// An error at the current node: its own line when libxml2 knows it (the parser reads ahead), with the
    /// parser's column only when the parser is still on that line.
    private func structureError(_ message: String, code: String = "xml.structure") -> RecordFileError {
        let parserLine = Int(xmlTextReaderGetParserLineNumber(reader))
        let parserColumn = max(Int(xmlTextReaderGetParserColumnNumber(reader)), 1)
        let line = nodeLine() ?? parserLine
        return RecordFileError(
            path: context.path, line: line, column: line == parserLine ? parserColumn : 1, code: code,
            message: message)
    }

    /// The line of the current node's start, when libxml2 recorded it.
    private func nodeLine() -> Int? {
        guard let node = xmlTextReaderCurrentNode(reader) else { return nil }
        let line = Int(xmlGetLineNo(node))
        return line > 0 ? line : nil
    }

    // MARK: Values

    /// Reads the children of the current element as an object's fields; the reader ends on its end tag.
    private func readObject(depth: Int) throws -> JSONObject {
        var object = JSONObject()
        guard xmlTextReaderIsEmptyElement(reader) == 0 else { return object }
        while try read() {
            switch xmlTextReaderNodeType(reader) {
            case XMLNodeType.element:
                let key = try fieldKey()
                object[key] = try readValue(depth: depth + 1)
            case XMLNodeType.endElement:
                return object
            case XMLNodeType.text, XMLNodeType.cdata:
                throw structureError("text directly inside an object; put it in a field element")
            default:
                try refuseEntities()
            }
        }
        throw structureError("the file ends inside a record; it may be truncated")
    }

    private func fieldKey() throws -> String {
        let element = name()
        guard element == XMLRecordMapping.fieldElement, xmlTextReaderHasAttributes(reader) == 1,
            let key = attribute(XMLRecordMapping.nameAttribute)
        else { return element }
        guard attribute(XMLRecordMapping.nameEncodingAttribute) == XMLRecordMapping.jsonEncoding else { return key }
        guard let decoded = XMLRecordMapping.decodeJSONLiteral(key) else {
            throw structureError("the field name is not a JSON string literal", code: "xml.value")
        }
        return decoded
    }

    /// Reads the current element as a value; the reader ends on its end tag (or on it, if empty).
    private func readValue(depth: Int) throws -> JSONValue {
        guard depth <= Self.maximumDepth else {
            throw structureError("nesting deeper than \(Self.maximumDepth) levels")
        }
        var type: String?
        var encoding: String?
        if xmlTextReaderHasAttributes(reader) == 1 {
            type = attribute(XMLRecordMapping.typeAttribute)
            encoding = attribute(XMLRecordMapping.encodingAttribute)
        }
        switch type {
        case nil, "string":
            let text = try readText()
            guard encoding == XMLRecordMapping.jsonEncoding else { return .string(text) }
            guard let decoded = XMLRecordMapping.decodeJSONLiteral(text) else {
                throw structureError("a value with encoding=\"json\" is not a JSON string literal", code: "xml.value")
            }
            return .string(decoded)
        case "number":
            let text = try readText()
            guard case .number(let literal)? = try? JSONParser.parse(Array(text.utf8)), literal == text else {
                throw structureError("'\(text)' is not a JSON number", code: "xml.value")
            }
            return .number(literal)
        case "boolean":
            switch try readText() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case let text: throw structureError("'\(text)' is not a boolean; use true or false", code: "xml.value")
            }
        case "null":
            guard try readText().isEmpty else { throw structureError("a null value has content", code: "xml.value") }
            return .null
        case "object":
            return .object(try readObject(depth: depth))
        case "array":
            return .array(try readArray(depth: depth))
        case let other?:
            throw structureError(
                "unknown type=\"\(other)\"; use number, boolean, null, object or array", code: "xml.value")
        }
    }

    private func readArray(depth: Int) throws -> [JSONValue] {
        var elements: [JSONValue] = []
        guard xmlTextReaderIsEmptyElement(reader) == 0 else { return elements }
        while try read() {
            switch xmlTextReaderNodeType(reader) {
            case XMLNodeType.element:
                guard name() == XMLRecordMapping.itemElement else {
                    throw structureError("<\(name())> inside an array; array elements are <item>")
                }
                elements.append(try readValue(depth: depth + 1))
            case XMLNodeType.endElement:
                return elements
            case XMLNodeType.text, XMLNodeType.cdata:
                throw structureError("text directly inside an array; put it in an <item>")
            default:
                try refuseEntities()
            }
        }
        throw structureError("the file ends inside a record; it may be truncated")
    }

    /// The text content of the current element, exactly (white space and CR included).
    private func readText() throws -> String {
        guard xmlTextReaderIsEmptyElement(reader) == 0 else { return "" }
        var text = ""
        while try read() {
            switch xmlTextReaderNodeType(reader) {
            case XMLNodeType.text, XMLNodeType.cdata, XMLNodeType.whitespace, XMLNodeType.significantWhitespace:
                if let value = xmlTextReaderConstValue(reader) { text += String(cString: value) }
            case XMLNodeType.endElement:
                return text
            case XMLNodeType.element:
                throw structureError("<\(name())> inside a text value; only objects and arrays have child elements")
            default:
                try refuseEntities()
            }
        }
        throw structureError("the file ends inside a record; it may be truncated")
    }
}
