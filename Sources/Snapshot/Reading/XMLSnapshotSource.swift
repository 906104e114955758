import RecordFormats

/// Reads an XML snapshot document with `XMLEventReader`, one `<customer>`, `<contact>`, `<asset>` or `<ticket>`
/// at a time.
///
/// The document has the specification's shape: `<sfSnapshot>` with the header as attributes, then
/// `<relationship>` before the record sections. Each record element is read as a small tree (one record, never
/// the file) and mapped to canonical fields by `XMLShape`. Unknown elements and attributes are skipped
/// (forward compatibility). DTDs, entity declarations and external entities are refused by the event reader.
/// Parsing and reading each element's tree run on a thread of their own (`XMLNodeReader`), a few batches ahead of
/// mapping and checking the records here; the diagnostics come in the order reading on one thread gives them.
final class XMLSnapshotSource: SnapshotDocumentSource {
    private static let sections = [
        "customers": "customer", "contacts": "contact", "assets": "asset", "tickets": "ticket",
    ]

    var document: SnapshotDocument<XMLEventReader>
    private var section: String?
    private var path: String { document.path }
    private var log: DiagnosticLog { document.log }
    /// The document's items, read on a thread of their own (`XMLNodeReader`), started on the first step.
    private var items: ReadAhead<XMLNodeReader.Item>?
    private var nodeReader: XMLNodeReader?

    init(path: String, decoder: SnapshotRecordDecoder) {
        document = SnapshotDocument(path: path, decoder: decoder, open: { try XMLEventReader(path: $0) })
    }

    deinit {
        items?.cancel()
    }

    private func location(_ start: XMLStartElement) -> DiagnosticLocation {
        DiagnosticLocation(file: path, line: start.line, column: start.column)
    }

    var bytesRead: Int { nodeReader?.bytesRead ?? document.reader?.bytesRead ?? 0 }

    /// The next item, its problems logged first; nil at the end of the document. What the reading thread logged
    /// after its last item is logged at the end, or before the error it stopped with.
    private func nextItem(_ reader: XMLEventReader) throws -> XMLNodeReader.Item? {
        let items = self.items ?? startItems(reader)
        do {
            guard let item = try items.next() else {
                takeTrailingProblems()
                return nil
            }
            for problem in item.problems { log.append(problem) }
            return item
        } catch {
            takeTrailingProblems()
            throw error
        }
    }

    private func startItems(_ reader: XMLEventReader) -> ReadAhead<XMLNodeReader.Item> {
        let nodeReader = XMLNodeReader(reader: reader, path: path, sections: Set(Self.sections.keys))
        let items = ReadAhead<XMLNodeReader.Item>(
            name: "syncro-fusion.xml-nodes", batchSize: 64, batchesAhead: 4,
            afterBatch: { nodeReader.publishProgress() }, produce: { try nodeReader.next() })
        self.nodeReader = nodeReader
        self.items = items
        return items
    }

    /// Called at the end of the document or after the reading thread's error, when it has finished; stopping it
    /// first keeps any other caller from waiting on a thread that waits for it.
    private func takeTrailingProblems() {
        guard let items, let nodeReader else { return }
        items.cancel()
        for problem in nodeReader.takeProblems() { log.append(problem) }
    }

    func step(_ reader: XMLEventReader) throws -> SnapshotElement? {
        if !document.started {
            document.started = true
            let first = try nextItem(reader)
            guard case .start(let root)? = first?.kind, root.name == "sfSnapshot" else {
                let position = first?.position ?? (line: 1, column: 1)
                log.error(
                    DiagnosticCode.structure,
                    "the root element must be <sfSnapshot>; check that this is a snapshot file",
                    at: DiagnosticLocation(file: path, line: position.line, column: position.column))
                return nil
            }
            document.header = record(XMLNode(start: root), shape: .root)
        }
        while true {
            if let header = document.takeHeader() { return header }
            guard let item = try nextItem(reader) else { return nil }
            switch item.kind {
            case .end:
                if section != nil {
                    section = nil
                    continue
                }
                // </sfSnapshot>
                document.resolveHeader()
                if try nextItem(reader) != nil { return nil }
                return document.takeHeader()
            case .node(let node):
                if let current = section {
                    guard node.start.name == Self.sections[current] else { continue }
                    if let element = decode(node, in: current), document.headerIsValid { return element }
                    continue
                }
                if node.start.name == "relationship", document.outcome == nil {
                    document.relationship = record(node, shape: .relationship)
                }
            case .start(let start):
                // A section: the reading thread walks into nothing else inside the root.
                document.resolveHeader()
                if case .fatal? = document.outcome { return nil }
                section = start.name
            }
        }
    }

    private func decode(_ node: XMLNode, in section: String) -> SnapshotElement? {
        switch section {
        case "customers": document.decoder.customer(record(node, shape: .customer)).map(SnapshotElement.customer)
        case "contacts": document.decoder.contact(record(node, shape: .contact)).map(SnapshotElement.contact)
        case "assets": document.decoder.asset(record(node, shape: .asset)).map(SnapshotElement.asset)
        default: document.decoder.ticket(record(node, shape: .ticket)).map(SnapshotElement.ticket)
        }
    }

    /// Maps an element to a raw record: attributes and child elements become fields under canonical names.
    private func record(_ node: XMLNode, shape: XMLShape) -> RawRecord {
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
