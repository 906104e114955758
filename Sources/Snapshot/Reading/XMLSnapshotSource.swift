import RecordFormats

/// Reads an XML snapshot document with `XMLEventReader`, one `<customer>`, `<contact>`, `<asset>` or `<ticket>`
/// at a time.
///
/// The document has the specification's shape: `<sfSnapshot>` with the header as attributes, then
/// `<relationship>` before the record sections. Each record element is read as a small tree (one record, never
/// the file) and mapped to canonical fields by `XMLShape`. Unknown elements and attributes are skipped
/// (forward compatibility). DTDs, entity declarations and external entities are refused by the event reader.
final class XMLSnapshotSource: SnapshotDocumentSource {
    /// One element read whole: a record and its children.
    private struct Node {
        var start: XMLStartElement
        var children: [Node] = []
        var text = ""
    }

    private static let sections = [
        "customers": "customer", "contacts": "contact", "assets": "asset", "tickets": "ticket",
    ]

    var document: SnapshotDocument<XMLEventReader>
    private var section: String?
    private var path: String { document.path }
    private var log: DiagnosticLog { document.log }

    init(path: String, decoder: SnapshotRecordDecoder) {
        document = SnapshotDocument(path: path, decoder: decoder, open: { try XMLEventReader(path: $0) })
    }

    private func location(_ start: XMLStartElement) -> DiagnosticLocation {
        DiagnosticLocation(file: path, line: start.line, column: start.column)
    }

    var bytesRead: Int { document.reader?.bytesRead ?? 0 }

    func step(_ reader: XMLEventReader) throws -> SnapshotElement? {
        if !document.started {
            document.started = true
            guard case .startElement(let root)? = try nextSkippingText(reader), root.name == "sfSnapshot" else {
                log.error(
                    DiagnosticCode.structure,
                    "the root element must be <sfSnapshot>; check that this is a snapshot file",
                    at: DiagnosticLocation(file: path, line: reader.position.line, column: reader.position.column))
                return nil
            }
            document.header = record(Node(start: root), shape: .root)
        }
        while true {
            if let header = document.takeHeader() { return header }
            guard let event = try nextSkippingText(reader) else { return nil }
            switch event {
            case .endElement:
                if section != nil {
                    section = nil
                    continue
                }
                // </sfSnapshot>
                document.resolveHeader()
                if try nextSkippingText(reader) != nil { return nil }
                return document.takeHeader()
            case .startElement(let start):
                if let current = section {
                    let node = try readNode(start, reader)
                    guard start.name == Self.sections[current] else { continue }
                    if let element = decode(node, in: current), document.headerIsValid { return element }
                    continue
                }
                if start.name == "relationship" {
                    let node = try readNode(start, reader)
                    if document.outcome == nil { document.relationship = record(node, shape: .relationship) }
                } else if Self.sections[start.name] != nil {
                    document.resolveHeader()
                    if case .fatal? = document.outcome { return nil }
                    section = start.name
                } else {
                    _ = try readNode(start, reader)
                }
            case .text:
                continue
            }
        }
    }

    /// The next event that is not white space; text with content between elements is reported and skipped.
    private func nextSkippingText(_ reader: XMLEventReader) throws -> XMLEvent? {
        while let event = try reader.next() {
            guard case .text(let text) = event else { return event }
            if !text.allSatisfy(\.isWhitespace) {
                let position = reader.position
                log.error(
                    DiagnosticCode.structure, "text outside of any field; remove it or put it in an element",
                    at: DiagnosticLocation(file: path, line: position.line, column: position.column))
            }
        }
        return nil
    }

    private func decode(_ node: Node, in section: String) -> SnapshotElement? {
        switch section {
        case "customers": document.decoder.customer(record(node, shape: .customer)).map(SnapshotElement.customer)
        case "contacts": document.decoder.contact(record(node, shape: .contact)).map(SnapshotElement.contact)
        case "assets": document.decoder.asset(record(node, shape: .asset)).map(SnapshotElement.asset)
        default: document.decoder.ticket(record(node, shape: .ticket)).map(SnapshotElement.ticket)
        }
    }

    /// Reads the element that `start` opened, with its children, up to its end.
    private func readNode(_ start: XMLStartElement, _ reader: XMLEventReader) throws -> Node {
        var node = Node(start: start)
        while let event = try reader.next() {
            switch event {
            case .startElement(let child): node.children.append(try readNode(child, reader))
            case .text(let text): node.text += text
            case .endElement: return node
            }
        }
        return node
    }

    /// Maps an element to a raw record: attributes and child elements become fields under canonical names.
    private func record(_ node: Node, shape: XMLShape) -> RawRecord {
        var record = RawRecord(location: location(node.start), spell: { shape.spelling($0) })
        for (name, value) in node.start.attributes {
            record.set(shape.canonical(name), .text(value), at: location(node.start), spelling: name)
        }
        for child in node.children {
            let name = shape.canonical(child.start.name)
            let at = location(child.start)
            let spelling = child.start.name
            if name == "properties" {
                var map: RawRecord
                if case .record(let existing)? = record[name]?.value {
                    map = existing
                } else {
                    map = RawRecord(location: at)
                }
                if let key = child.start[attribute: "name"] { map.set(key, .text(child.text), at: at, spelling: key) }
                record.set(name, .record(map), at: record[name]?.location ?? at, spelling: spelling)
            } else if shape.lists.contains(name) {
                var elements: [RawValue] = []
                if case .list(let existing)? = record[name]?.value { elements = existing }
                if let nested = shape.nested[name] {
                    elements.append(.record(self.record(child, shape: nested)))
                } else if !(child.text.isEmpty && child.children.isEmpty) {
                    elements.append(.text(child.text))
                }
                record.set(name, .list(elements), at: record[name]?.location ?? at, spelling: spelling)
            } else if let nested = shape.nested[name] {
                record.set(name, .record(self.record(child, shape: nested)), at: at, spelling: spelling)
            } else if child.text.isEmpty, child.children.isEmpty {
                record.set(name, shape.emptyIsNull ? .null : .text(""), at: at, spelling: spelling)
            } else {
                record.set(name, .text(child.text), at: at, spelling: spelling)
            }
        }
        return record
    }
}
