import RecordFormats
import Synchronization

/// One XML element read whole: its start tag, its children and its text.
struct XMLNode {
    var start: XMLStartElement
    var children: [XMLNode] = []
    var text = ""
}

/// Reads an XML snapshot's events into the items `XMLSnapshotSource` walks, on a thread of its own (through
/// `ReadAhead`): parsing (libxml2) and gathering each record's element tree is about half the work of reading an
/// XML snapshot, mapping and checking the records the other half, so on two cores they overlap.
///
/// It follows the document's shape as the source does: the root and the record sections are walked into (a
/// `start` item), every other element is read whole (a `node` item: a record, the relationship, an unknown
/// element), and each end tag that closes a walked-into element is an `end` item. Text with content between
/// elements is reported as the source always reported it, into this reader's own log; the problems travel with
/// the next item and the source logs them before it acts on it, where reading on one thread put them.
///
/// Once the thread has started it alone uses the event reader, until it has finished.
final class XMLNodeReader: @unchecked Sendable {
    enum Kind {
        case start(XMLStartElement)
        case node(XMLNode)
        case end
    }

    /// An item, the problems found before it, and the reader's position just after it (for messages).
    struct Item: @unchecked Sendable {
        var kind: Kind
        var problems: [Diagnostic]
        var position: (line: Int, column: Int)
    }

    /// The section elements, walked into rather than read whole.
    private let sections: Set<String>
    private let reader: XMLEventReader
    private let path: String
    private let log = DiagnosticLog()
    /// 0 outside the root, 1 in it, 2 in a section.
    private var depth = 0
    private let published = Atomic<Int>(0)

    init(reader: XMLEventReader, path: String, sections: Set<String>) {
        self.reader = reader
        self.path = path
        self.sections = sections
    }

    /// About how many bytes of the file have been read; any thread.
    var bytesRead: Int { published.load(ordering: .relaxed) }

    /// On the reading thread, after each batch.
    func publishProgress() {
        published.store(reader.bytesRead, ordering: .relaxed)
    }

    /// What was logged after the last item: only once the reading thread has finished.
    func takeProblems() -> [Diagnostic] {
        log.takeAll()
    }

    /// The next item, nil at the end of the document.
    func next() throws -> Item? {
        guard let event = try nextSkippingText() else { return nil }
        let kind: Kind
        switch event {
        case .startElement(let start):
            if depth == 0 || (depth == 1 && sections.contains(start.name)) {
                depth += 1
                kind = .start(start)
            } else {
                kind = .node(try readNode(start))
            }
        case .endElement:
            depth = max(0, depth - 1)
            kind = .end
        case .text:
            // `nextSkippingText()` never returns text.
            return try next()
        }
        return Item(kind: kind, problems: log.takeAll(), position: reader.position)
    }

    /// The next event that is not white space; text with content between elements is reported and skipped.
    private func nextSkippingText() throws -> XMLEvent? {
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

    /// Reads the element that `start` opened, with its children, up to its end.
    private func readNode(_ start: XMLStartElement) throws -> XMLNode {
        var node = XMLNode(start: start)
        while let event = try reader.next() {
            switch event {
            case .startElement(let child): node.children.append(try readNode(child))
            case .text(let text): node.text += text
            case .endElement: return node
            }
        }
        return node
    }
}
