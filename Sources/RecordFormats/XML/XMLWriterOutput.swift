import CLibXML2

/// A libxml2 `xmlTextWriter` over a memory buffer that drains into an `AtomicFileWriter`: what `XMLRecordWriter`
/// and `XMLStreamWriter` share apart from the document's shape.
///
/// The declaration `<?xml version="1.0" encoding="UTF-8"?>` is written at once, and output is indented by two
/// spaces. The buffer is drained into the file whenever it passes 256 KiB, so memory stays flat, and the file
/// appears only when committed. The libxml2 pointers make this type non-`Sendable`: keep it inside one task.
final class XMLWriterOutput {
    /// The libxml2 writer; pass each call's result through `check(_:)`.
    let writer: xmlTextWriterPtr
    private let buffer: xmlBufferPtr
    private let file: AtomicFileWriter
    private var ended = false
    private static let drainThreshold = 256 << 10

    /// Creates the temporary file next to `path` and writes the XML declaration.
    init(path: String) throws {
        XMLLibrary.ensureInitialized()
        guard let buffer = xmlBufferCreate() else {
            throw XMLWriteError(path: path, message: "libxml2 could not allocate a buffer")
        }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw XMLWriteError(path: path, message: "libxml2 could not create a writer")
        }
        self.buffer = buffer
        self.writer = writer
        do {
            file = try AtomicFileWriter(path: path)
        } catch {
            xmlFreeTextWriter(writer)
            xmlBufferFree(buffer)
            throw error
        }
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    /// The final path of the file.
    var path: String { file.path }

    /// Throws an `XMLWriteError` for a libxml2 writer call that failed (a negative result).
    func check(_ result: Int32) throws {
        if result < 0 { throw XMLWriteError(path: path, message: "libxml2 reported a write failure") }
    }

    /// Drains the buffer into the file once it has passed the threshold; call it after an element closes.
    func drainIfFull() throws {
        if xmlBufferLength(buffer) >= Self.drainThreshold { try drain() }
    }

    /// Closes every open element and drains what is left; later calls do nothing.
    func endDocument() throws {
        guard !ended else { return }
        try check(xmlTextWriterEndDocument(writer))
        ended = true
        try drain()
    }

    /// Flushes, syncs and renames the file into place; call `endDocument()` first.
    func commit(records: Int = 0) throws -> FileSummary {
        try file.commit(records: records)
    }

    /// Deletes the temporary file without touching the final path.
    func abandon() {
        file.abandon()
    }

    /// Moves what libxml2 has produced so far into the file writer.
    private func drain() throws {
        try check(xmlTextWriterFlush(writer))
        let length = Int(xmlBufferLength(buffer))
        guard length > 0, let content = xmlBufferContent(buffer) else { return }
        try file.write(UnsafeBufferPointer(start: content, count: length))
        xmlBufferEmpty(buffer)
    }
}
