import CLibXML2

/// Streams JSON records into an XML file with libxml2's `xmlTextWriter`, losslessly (see `XMLRecordMapping`).
///
/// The file is `<?xml version="1.0" encoding="UTF-8"?>` and `<records entity="ENTITY">` holding one element per
/// record, indented by two spaces. libxml2 writes into a memory buffer that is drained into an `AtomicFileWriter`
/// whenever it passes 256 KiB, so memory stays flat and the file appears only when finished. The libxml2
/// pointers make this type non-`Sendable`: keep it inside one task.
package final class XMLRecordWriter: RecordSink {
    /// The element name of each record, e.g. `ticket`.
    package let recordElement: String
    /// Records written so far.
    package private(set) var recordCount = 0

    private let output: XMLWriterOutput
    private var writer: xmlTextWriterPtr { output.writer }

    /// Creates the temporary file and writes the declaration and the opening `<records entity="...">`.
    ///
    /// - Parameters:
    ///   - entity: the value of the root's `entity` attribute, e.g. `tickets`.
    ///   - recordElement: the element name of each record; it must be a plain XML name.
    package init(path: String, entity: String, recordElement: String) throws {
        guard XMLRecordMapping.isElementName(recordElement) else {
            throw XMLWriteError(
                path: path,
                message: "the record element name '\(recordElement)' is not a plain XML name; "
                    + "use letters, digits, '_', '-' or '.'")
        }
        self.recordElement = recordElement
        output = try XMLWriterOutput(path: path)
        try check(xmlTextWriterStartElement(writer, "records"))
        try check(xmlTextWriterWriteAttribute(writer, "entity", entity))
    }

    /// The final path of the file.
    package var path: String { output.path }

    /// Appends one record as a `recordElement` element.
    package func write(_ record: JSONObject) throws {
        try check(xmlTextWriterStartElement(writer, recordElement))
        for (key, value) in record {
            try writeField(key: key, value: value)
        }
        try check(xmlTextWriterEndElement(writer))
        recordCount += 1
        try output.drainIfFull()
    }

    /// Closes the root element, then flushes, syncs and renames the file into place.
    @discardableResult
    package func finish() throws -> FileSummary {
        try output.endDocument()
        return try output.commit(records: recordCount)
    }

    /// Deletes the temporary file without touching the final path.
    package func abandon() {
        output.abandon()
    }

    private func check(_ result: Int32) throws {
        try output.check(result)
    }

    private func writeField(key: String, value: JSONValue) throws {
        if XMLRecordMapping.isElementName(key) {
            try check(xmlTextWriterStartElement(writer, key))
        } else {
            try check(xmlTextWriterStartElement(writer, XMLRecordMapping.fieldElement))
            if XMLRecordMapping.needsJSONEncoding(key) {
                try check(
                    xmlTextWriterWriteAttribute(
                        writer, XMLRecordMapping.nameAttribute, XMLRecordMapping.jsonLiteral(key)))
                try check(
                    xmlTextWriterWriteAttribute(
                        writer, XMLRecordMapping.nameEncodingAttribute, XMLRecordMapping.jsonEncoding))
            } else {
                try check(xmlTextWriterWriteAttribute(writer, XMLRecordMapping.nameAttribute, key))
            }
        }
        try writeContent(value)
        try check(xmlTextWriterEndElement(writer))
    }

    /// Writes the attributes and content of the element just started for `value`.
    private func writeContent(_ value: JSONValue) throws {
        switch value {
        case .string(let text):
            guard !text.isEmpty else { return }
            if XMLRecordMapping.needsJSONEncoding(text) {
                try check(
                    xmlTextWriterWriteAttribute(
                        writer, XMLRecordMapping.encodingAttribute, XMLRecordMapping.jsonEncoding))
                try check(xmlTextWriterWriteString(writer, XMLRecordMapping.jsonLiteral(text)))
            } else {
                try check(xmlTextWriterWriteString(writer, text))
            }
        case .number(let literal):
            try check(xmlTextWriterWriteAttribute(writer, XMLRecordMapping.typeAttribute, "number"))
            try check(xmlTextWriterWriteString(writer, literal))
        case .bool(let flag):
            try check(xmlTextWriterWriteAttribute(writer, XMLRecordMapping.typeAttribute, "boolean"))
            try check(xmlTextWriterWriteString(writer, flag ? "true" : "false"))
        case .null:
            try check(xmlTextWriterWriteAttribute(writer, XMLRecordMapping.typeAttribute, "null"))
        case .object(let object):
            try check(xmlTextWriterWriteAttribute(writer, XMLRecordMapping.typeAttribute, "object"))
            for (key, member) in object {
                try writeField(key: key, value: member)
            }
        case .array(let elements):
            try check(xmlTextWriterWriteAttribute(writer, XMLRecordMapping.typeAttribute, "array"))
            for element in elements {
                try check(xmlTextWriterStartElement(writer, XMLRecordMapping.itemElement))
                try writeContent(element)
                try check(xmlTextWriterEndElement(writer))
            }
        }
    }
}
