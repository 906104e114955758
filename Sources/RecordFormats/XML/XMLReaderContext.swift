import CLibXML2

/// The state libxml2's C callbacks reach through their context pointer: the input bytes and the first error.
///
/// libxml2 calls back with a `void *`; it points at this object (unretained: the reader owns it and outlives
/// the libxml2 reader), which keeps the callbacks free of captured Swift state, as C function pointers must be.
final class XMLReaderContext {
    let path: String
    private let source: BufferedFileReader
    private var chunk: [UInt8] = []
    private var offset = 0
    /// A failure of the underlying read, reported instead of libxml2's generic I/O message.
    private(set) var inputError: FileIOError?
    /// How many bytes of the file have been read so far.
    var bytesRead: Int { source.offset }
    /// The first error libxml2 reported, with its line and column.
    var parseError: RecordFileError?
    /// A DTD found in the prolog; the input stops there, before libxml2 parses it.
    private(set) var refusal: RecordFileError?
    private var prolog = XMLPrologScanner()

    init(path: String, source: BufferedFileReader) {
        self.path = path
        self.source = source
    }

    /// Copies up to `count` bytes into `destination`; returns the count, 0 at end of input, -1 on failure.
    func read(into destination: UnsafeMutablePointer<CChar>, count: Int) -> Int32 {
        if offset >= chunk.count {
            do throws(FileIOError) {
                guard try source.readChunk(into: &chunk) else { return 0 }
            } catch {
                inputError = error
                return -1
            }
            offset = 0
        }
        let length = min(count, chunk.count - offset)
        let found: (line: Int, column: Int)? = chunk.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return nil }
            let piece = UnsafeRawBufferPointer(start: base + offset, count: length)
            if !prolog.isDone, let position = prolog.scan(piece) { return position }
            UnsafeMutableRawPointer(destination).copyMemory(from: base + offset, byteCount: length)
            return nil
        }
        if let found {
            refusal = RecordFileError(
                path: path, line: found.line, column: found.column, code: "xml.dtd",
                message: "DTDs are not allowed; remove the <!DOCTYPE> declaration and any entities it defines")
            return -1
        }
        offset += length
        return Int32(length)
    }

    /// Records a libxml2 diagnostic; warnings are ignored, and only the first error is kept.
    func record(_ error: UnsafePointer<xmlError>) {
        guard parseError == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        while message.last?.isWhitespace == true { message.removeLast() }
        let entityCodes = [XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY, XML_ERR_ENTITY_LOOP]
        let code = entityCodes.contains { $0.rawValue == error.pointee.code } ? "xml.entity" : "xml.syntax"
        parseError = RecordFileError(
            path: path, line: Int(error.pointee.line), column: max(Int(error.pointee.int2), 1), code: code,
            message: "\(message); fix the XML at this position or check that the file is complete")
    }
}
