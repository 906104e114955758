/// Reads the elements of a top-level JSON array file, or the lines of a JSON Lines file, one at a time.
///
/// For an array it scans bytes in 1 MiB chunks, tracking nesting and strings to find each element's extent, and
/// parses only that slice with `JSONParser`, so memory holds one element whatever the file's size. Errors name
/// the absolute line and column in the file. JSON Lines are read line by line; blank lines are skipped. Not
/// `Sendable`: keep it inside one task.
package final class JSONStreamReader {
    private enum State {
        case beforeArray
        case beforeFirstElement
        case beforeElement
        case inElement
        case afterElement
        case afterArray
    }

    package let layout: JSONStreamLayout
    /// An element (or line) longer than this is refused rather than buffered: every read is bounded.
    package let maximumElementBytes: Int

    /// The file's path (or the name given to in-memory bytes), used in every error.
    package var path: String { source.path }

    private let source: BufferedFileReader
    private var chunk: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    private var state = State.beforeArray
    private var line = 1
    private var column = 1
    private var element: [UInt8] = []
    /// Where the value `next()` returned last starts.
    package private(set) var valueLine = 1
    package private(set) var valueColumn = 1

    /// Opens `path`.
    package init(
        path: String, layout: JSONStreamLayout, maximumElementBytes: Int = 64 << 20, chunkSize: Int = 1 << 20
    ) throws(FileIOError) {
        source = try BufferedFileReader(path: path, chunkSize: chunkSize)
        self.layout = layout
        self.maximumElementBytes = maximumElementBytes
    }

    /// Reads JSON from bytes in memory, named `name` in errors.
    package init(
        bytes: [UInt8], name: String = "<memory>", layout: JSONStreamLayout, maximumElementBytes: Int = 64 << 20,
        chunkSize: Int = 1 << 20
    ) {
        source = BufferedFileReader(bytes: bytes, name: name, chunkSize: chunkSize)
        self.layout = layout
        self.maximumElementBytes = maximumElementBytes
    }

    /// The next element (or line's value), or nil at the end of the file.
    package func next() throws -> JSONValue? {
        switch layout {
        case .array: try nextElement()
        case .lines: try nextLine()
        }
    }

    /// The next value, which must be an object (a record).
    package func nextObject() throws -> JSONObject? {
        guard let value = try next() else { return nil }
        guard case .object(let object) = value else {
            throw RecordFileError(
                path: path, line: valueLine, column: valueColumn, code: "json.not-object",
                message: "expected a JSON object (a record) but found \(value.typeName); "
                    + "each element must be one record")
        }
        return object
    }

    private func failure(_ message: String, code: String = "json.syntax", line: Int? = nil, column: Int? = nil)
        -> RecordFileError
    {
        RecordFileError(
            path: path, line: line ?? self.line, column: column ?? self.column, code: code, message: message)
    }

    private func parse(_ bytes: [UInt8], line startLine: Int, column startColumn: Int) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            let line = startLine + error.line - 1
            let column = error.line == 1 ? startColumn + error.column - 1 : error.column
            throw failure("invalid JSON: \(error.message)", line: line, column: column)
        }
    }

    // MARK: JSON Lines

    private func nextLine() throws -> JSONValue? {
        while true {
            let number = source.lineNumber
            guard var bytes = try source.nextLine() else { return nil }
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if bytes.count > maximumElementBytes {
                throw failure(
                    "the line is longer than \(maximumElementBytes) bytes; split the record or raise the limit",
                    code: "json.too-large", line: number, column: 1)
            }
            valueLine = number
            valueColumn = 1
            return try parse(bytes, line: number, column: 1)
        }
    }

    // MARK: Array

    /// Refills `chunk`; returns false at the end of the file.
    private func refill() throws -> Bool {
        guard !reachedEnd else { return false }
        position = 0
        guard let start = try source.readTextChunk(into: &chunk) else {
            reachedEnd = true
            return false
        }
        position = start
        return true
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func nextElement() throws -> JSONValue? {
        var depth = 0
        var inString = false
        var escaped = false
        var startLine = line
        var startColumn = column
        element.removeAll(keepingCapacity: true)
        while true {
            if position >= chunk.count {
                guard try refill() else {
                    switch state {
                    case .afterArray:
                        return nil
                    case .beforeArray:
                        throw failure("the file is empty; expected a JSON array", code: "json.not-array")
                    default:
                        throw failure("the array is not closed; the file may be truncated")
                    }
                }
                continue
            }
            let bytes = chunk
            var index = position
            var runStart = index
            var finished = false
            scan: while index < bytes.count {
                let byte = bytes[index]
                if state == .inElement {
                    var ends = false
                    var includes = true
                    if inString {
                        if escaped {
                            escaped = false
                        } else if byte == UInt8(ascii: "\\") {
                            escaped = true
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                            ends = depth == 0
                        }
                    } else {
                        switch byte {
                        case UInt8(ascii: "\""):
                            inString = true
                        case UInt8(ascii: "{"), UInt8(ascii: "["):
                            depth += 1
                        case UInt8(ascii: "}"), UInt8(ascii: "]"):
                            if depth == 0 {
                                ends = true
                                includes = false
                            } else {
                                depth -= 1
                                ends = depth == 0
                            }
                        case UInt8(ascii: ","), 0x20, 0x0A, 0x0D, 0x09:
                            if depth == 0 {
                                ends = true
                                includes = false
                            }
                        default:
                            break
                        }
                    }
                    if ends {
                        let end = includes ? index + 1 : index
                        element.append(contentsOf: bytes[runStart..<end])
                        if includes { advance(byte, &index) }
                        state = .afterElement
                        finished = true
                        break scan
                    }
                    advance(byte, &index)
                    continue scan
                }
                if Self.isWhitespace(byte) {
                    advance(byte, &index)
                    continue scan
                }
                switch state {
                case .beforeArray:
                    guard byte == UInt8(ascii: "[") else {
                        throw failure("the file does not start with a JSON array '['", code: "json.not-array")
                    }
                    state = .beforeFirstElement
                case .beforeFirstElement, .beforeElement:
                    if byte == UInt8(ascii: "]") {
                        guard state == .beforeFirstElement else {
                            throw failure("a trailing comma before ']'; remove it")
                        }
                        state = .afterArray
                    } else {
                        state = .inElement
                        startLine = line
                        startColumn = column
                        runStart = index
                        continue scan
                    }
                case .afterElement:
                    if byte == UInt8(ascii: ",") {
                        state = .beforeElement
                    } else if byte == UInt8(ascii: "]") {
                        state = .afterArray
                    } else {
                        throw failure("expected ',' or ']' after an array element")
                    }
                case .afterArray:
                    throw failure("unexpected data after the closing ']' of the array; remove it")
                case .inElement:
                    break
                }
                advance(byte, &index)
            }
            if state == .inElement && !finished {
                element.append(contentsOf: bytes[runStart..<index])
            }
            position = index
            if element.count > maximumElementBytes {
                throw failure(
                    "an element longer than \(maximumElementBytes) bytes; split the record or raise the limit",
                    code: "json.too-large", line: startLine, column: startColumn)
            }
            if finished {
                valueLine = startLine
                valueColumn = startColumn
                return try parse(element, line: startLine, column: startColumn)
            }
        }
    }

    @inline(__always)
    private func advance(_ byte: UInt8, _ index: inout Int) {
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }
}
