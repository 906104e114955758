/// Reads a JSON text of any shape as a stream of events (container starts and ends, keys, scalars).
///
/// `JSONStreamReader` only streams the elements of a top-level array; documents whose large arrays are members of
/// a top-level object (a snapshot's `customers`, `tickets`, ...) need a tokenizer instead. This one scans a
/// `BufferedFileReader` in 1 MiB chunks, so memory holds one chunk and one token whatever the file's size. It is
/// as strict as `JSONParser` (RFC 8259: valid UTF-8, no control characters in strings, no trailing commas or
/// trailing data, bounded nesting) and every error is a `RecordFileError` (`json.syntax`) with the line and column
/// of the offending byte. `readValue(startingWith:)` and `skipValue(startingWith:)` turn the events of one value
/// into a `JSONValue` or pass over them. Not `Sendable`: keep it inside one task.
package final class JSONEventReader {
    private enum Container {
        case object
        case array
    }

    private enum Expectation {
        /// A value: at the top level, after `:`, or after `,` in an array.
        case value
        /// A value or `]`, right after `[`.
        case valueOrArrayEnd
        /// A key or `}`, right after `{`.
        case keyOrObjectEnd
        /// A key, after `,` in an object.
        case key
        /// `,` or the end of the innermost container.
        case commaOrEnd
        /// The root value is complete; only white space may follow.
        case done
    }

    /// Nesting deeper than this is refused, as in `JSONParser`.
    package static let maximumDepth = JSONParser.maximumDepth
    /// A string or number longer than this is refused rather than buffered: every read is bounded.
    package let maximumTokenBytes: Int

    /// The file's path (or the name given to in-memory bytes), used in every error.
    package var path: String { source.path }
    /// Where the event `next()` returned last starts (1-based; columns count characters).
    package private(set) var eventLine = 1
    package private(set) var eventColumn = 1
    /// How many containers enclose the reading position.
    package var depth: Int { baseDepth + stack.count }
    /// How many bytes of the file have been read into memory so far (a chunk ahead of the events): for progress.
    package var bytesRead: Int { source.offset }

    private let source: BufferedFileReader
    private var chunk: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    private var line = 1
    private var column = 1
    private var stack: [Container] = []
    private var expectation = Expectation.value
    private var token: [UInt8] = []
    /// Containers around the text read, for a captured value (see `init(captured:name:line:column:depth:)`).
    private var baseDepth = 0

    /// Opens `path`.
    package init(path: String, maximumTokenBytes: Int = 64 << 20, chunkSize: Int = 1 << 20) throws(FileIOError) {
        source = try BufferedFileReader(path: path, chunkSize: chunkSize)
        self.maximumTokenBytes = maximumTokenBytes
    }

    /// Reads JSON from bytes in memory, named `name` in errors.
    package init(bytes: [UInt8], name: String = "<memory>", maximumTokenBytes: Int = 64 << 20, chunkSize: Int = 1 << 20)
    {
        source = BufferedFileReader(bytes: bytes, name: name, chunkSize: chunkSize)
        self.maximumTokenBytes = maximumTokenBytes
    }

    /// Reads one value that `captureObject(into:)` took out of the file `name`, reporting positions and nesting
    /// as if reading it in place: it starts at `line` and `column`, inside `depth` containers.
    package init(captured bytes: [UInt8], name: String, line: Int, column: Int, depth: Int) {
        source = BufferedFileReader(bytes: bytes, name: name)
        maximumTokenBytes = 64 << 20
        self.line = line
        self.column = column
        baseDepth = depth
    }

    /// The next event, or nil once the root value is complete and only white space follows it.
    package func next() throws -> JSONEvent? {
        while true {
            try skipWhitespace()
            eventLine = line
            eventColumn = column
            guard let byte = try peek() else {
                if expectation == .done { return nil }
                if expectation == .value, stack.isEmpty {
                    throw failure("the file is empty or holds only white space; expected a JSON value")
                }
                throw failure("the JSON text ends unexpectedly; the file may be truncated")
            }
            switch expectation {
            case .done:
                throw failure("unexpected data after the end of the JSON value; remove it")
            case .commaOrEnd:
                if byte == UInt8(ascii: ",") {
                    consume(byte)
                    expectation = stack.last == .object ? .key : .value
                    continue
                }
                if let event = try closeContainer(byte) { return event }
                throw failure(
                    stack.last == .object ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
            case .keyOrObjectEnd, .key:
                if byte == UInt8(ascii: "}") {
                    guard expectation == .keyOrObjectEnd else {
                        throw failure("a trailing comma before '}'; remove it")
                    }
                    return try closeContainer(byte)
                }
                guard byte == UInt8(ascii: "\"") else { throw failure("expected a string key in an object") }
                let key = try readString()
                try skipWhitespace()
                guard try peek() == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
                consume(UInt8(ascii: ":"))
                expectation = .value
                return .key(key)
            case .valueOrArrayEnd, .value:
                if byte == UInt8(ascii: "]") {
                    guard expectation == .valueOrArrayEnd else {
                        throw failure("a trailing comma before ']'; remove it")
                    }
                    return try closeContainer(byte)
                }
                return try readValueStart(byte)
            }
        }
    }

    /// The whole value that starts with `event` (already returned by `next()`), reading to the end of a container.
    package func readValue(startingWith event: JSONEvent) throws -> JSONValue {
        switch event {
        case .scalar(let value):
            return value
        case .arrayStart:
            var elements: [JSONValue] = []
            while let element = try next() {
                if element == .arrayEnd { return .array(elements) }
                elements.append(try readValue(startingWith: element))
            }
        case .objectStart:
            var object = JSONObject()
            while let member = try next() {
                guard case .key(let key) = member else { return .object(object) }
                guard let first = try next() else { break }
                object[key] = try readValue(startingWith: first)
            }
        case .key, .objectEnd, .arrayEnd:
            throw failure("expected a JSON value")
        }
        throw failure("the JSON text ends unexpectedly; the file may be truncated")
    }

    /// Moves to the `{` of the next value when it is an object, taking a separating comma between two array
    /// elements on the way as `next()` would; false (nothing but white space and that comma read) otherwise.
    private func moveToObjectStart() throws -> Bool {
        if expectation == .commaOrEnd, stack.last == .array {
            try skipWhitespace()
            guard try peek() == UInt8(ascii: ",") else { return false }
            consume(UInt8(ascii: ","))
            expectation = .value
        }
        guard expectation == .value || expectation == .valueOrArrayEnd else { return false }
        try skipWhitespace()
        return try peek() == UInt8(ascii: "{")
    }

    /// When the next value (after a separating comma in an array) is an object, lets `read` decode it straight
    /// from the reader's buffer, with no copy: `read` gets the bytes from the object's first byte to the end of
    /// what is buffered and where they start, and returns how many bytes the object took and where it ended, or
    /// nil to leave the reader as it was (then `captureObject(into:)` and the event path still work from there).
    ///
    /// An object that runs past the buffered bytes simply fails `read` (it cannot close); the caller then falls
    /// back to capturing it. Returns nil also when the next value is not an object.
    package func readObjectInPlace<Value>(
        _ read: (UnsafeBufferPointer<UInt8>, _ line: Int, _ column: Int) -> (
            Value, length: Int, line: Int, column: Int
        )?
    ) throws -> Value? {
        guard try moveToObjectStart() else { return nil }
        let start = position
        let (startLine, startColumn) = (line, column)
        guard
            let decoded = chunk.withUnsafeBufferPointer({ bytes in
                read(UnsafeBufferPointer(rebasing: bytes[start...]), startLine, startColumn)
            })
        else { return nil }
        eventLine = startLine
        eventColumn = startColumn
        position = start + decoded.length
        line = decoded.line
        column = decoded.column
        finishValue()
        return decoded.0
    }

    /// When the next value (after a separating comma in an array) is an object, copies its bytes into `bytes`
    /// (replacing them) and moves past it, as `next()` would have after reading it whole; returns where it starts.
    /// Returns nil, reading no value, when the next value is not an object or the reader is not where a value may
    /// start.
    ///
    /// Only strings and brackets are followed, not the grammar: a caller decodes the bytes itself and reads them
    /// with `init(captured:name:line:column:depth:)` when they are not what it expects, which reports any syntax
    /// error where reading in place would have. At the end of the file the bytes captured so far are returned.
    package func captureObject(into bytes: inout [UInt8]) throws -> (line: Int, column: Int)? {
        guard try moveToObjectStart() else { return nil }
        let start = (line: line, column: column)
        eventLine = line
        eventColumn = column
        bytes.removeAll(keepingCapacity: true)
        var depth = 0
        var inString = false
        var escaped = false
        var lines = 0
        // Characters since the last line feed (or since the start, when there is none).
        var characters = 0
        var complete = false
        while !complete {
            if position >= chunk.count {
                guard try refill() else { break }
            }
            let begin = position
            let end = chunk.withUnsafeBufferPointer { buffer -> Int in
                var index = begin
                while index < buffer.count {
                    let byte = buffer[index]
                    index += 1
                    if byte & 0xC0 != 0x80 { characters += 1 }
                    if inString {
                        if escaped {
                            escaped = false
                        } else if byte == UInt8(ascii: "\\") {
                            escaped = true
                        } else if byte == UInt8(ascii: "\"") {
                            inString = false
                        }
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            complete = true
                            return index
                        }
                    case 0x0A:
                        lines += 1
                        characters = 0
                    default: break
                    }
                }
                return index
            }
            bytes.append(contentsOf: chunk[begin..<end])
            position = end
            if bytes.count > maximumTokenBytes { throw failure("a record longer than \(maximumTokenBytes) bytes") }
        }
        if lines > 0 {
            line += lines
            column = 1 + characters
        } else {
            column += characters
        }
        if complete { finishValue() }
        return start
    }

    /// Passes over the value that starts with `event` without building it.
    package func skipValue(startingWith event: JSONEvent) throws {
        guard event == .objectStart || event == .arrayStart else { return }
        let target = depth - 1
        while try next() != nil {
            if depth == target { return }
        }
        throw failure("the JSON text ends unexpectedly; the file may be truncated")
    }

    // MARK: Tokens

    private func readValueStart(_ byte: UInt8) throws -> JSONEvent {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard baseDepth + stack.count < Self.maximumDepth else {
                throw failure("nesting deeper than \(Self.maximumDepth) levels")
            }
            consume(byte)
            let isObject = byte == UInt8(ascii: "{")
            stack.append(isObject ? .object : .array)
            expectation = isObject ? .keyOrObjectEnd : .valueOrArrayEnd
            return isObject ? .objectStart : .arrayStart
        case UInt8(ascii: "\""):
            let text = try readString()
            finishValue()
            return .scalar(.string(text))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let value = try readNumber()
            finishValue()
            return .scalar(value)
        case UInt8(ascii: "a")...UInt8(ascii: "z"):
            let value = try readLiteral()
            finishValue()
            return .scalar(value)
        default:
            throw failure("unexpected character '\(printable(byte))'; expected a JSON value")
        }
    }

    private func closeContainer(_ byte: UInt8) throws -> JSONEvent? {
        let closes: Container
        switch byte {
        case UInt8(ascii: "}"): closes = .object
        case UInt8(ascii: "]"): closes = .array
        default: return nil
        }
        guard stack.last == closes else {
            throw failure(
                "'\(printable(byte))' does not close the innermost \(stack.last == .object ? "object" : "array")")
        }
        consume(byte)
        stack.removeLast()
        finishValue()
        return closes == .object ? .objectEnd : .arrayEnd
    }

    private func finishValue() {
        expectation = stack.isEmpty ? .done : .commaOrEnd
    }

    private func readLiteral() throws -> JSONValue {
        token.removeAll(keepingCapacity: true)
        while let byte = try peek(), byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z"), token.count < 8 {
            token.append(byte)
            consume(byte)
        }
        switch String(decoding: token, as: UTF8.self) {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: throw failure("invalid literal; expected true, false or null", line: eventLine, column: eventColumn)
        }
    }

    private func readNumber() throws -> JSONValue {
        token.removeAll(keepingCapacity: true)
        while let byte = try peek(), Self.isNumberByte(byte) {
            token.append(byte)
            consume(byte)
            if token.count > maximumTokenBytes { throw failure("a number longer than \(maximumTokenBytes) bytes") }
        }
        if Self.isPlainInteger(token) { return .number(String(decoding: token, as: UTF8.self)) }
        guard case .number(let literal)? = try? JSONParser.parse(token) else {
            throw failure("invalid number", line: eventLine, column: eventColumn)
        }
        return .number(literal)
    }

    /// Whether `token` is an integer as JSON writes one (`0`, `-12`, not `012` or `-`): most numbers, which are
    /// then taken as they are instead of through `JSONParser`.
    private static func isPlainInteger(_ token: [UInt8]) -> Bool {
        let digits = token.first == UInt8(ascii: "-") ? token.dropFirst() : token[...]
        guard let first = digits.first, first != UInt8(ascii: "0") || digits.count == 1 else { return false }
        return digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default:
            false
        }
    }

    /// Reads a string starting at its opening quote; the reader ends after the closing quote.
    private func readString() throws -> String {
        let openingLine = line
        let openingColumn = column
        consume(UInt8(ascii: "\""))
        token.removeAll(keepingCapacity: true)
        while true {
            if position >= chunk.count {
                guard try refill() else {
                    throw failure(
                        "the string that starts here is never closed; the file may be truncated", line: openingLine,
                        column: openingColumn)
                }
            }
            // Copy the run of plain bytes in one append, scanning a local pointer rather than the properties.
            let start = position
            let (end, characters) = chunk.withUnsafeBufferPointer { bytes -> (Int, Int) in
                var index = start
                var characters = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    if byte & 0xC0 != 0x80 { characters += 1 }
                    index += 1
                }
                return (index, characters)
            }
            position = end
            column += characters
            token.append(contentsOf: chunk[start..<position])
            if token.count > maximumTokenBytes { throw failure("a string longer than \(maximumTokenBytes) bytes") }
            guard position < chunk.count else { continue }
            let byte = chunk[position]
            if byte < 0x20 { throw failure("control character in a string; it must be escaped") }
            consume(byte)
            if byte == UInt8(ascii: "\"") { break }
            try readEscape()
        }
        // ASCII is valid UTF-8, and String(validating:) is slow for the common case of ASCII strings.
        if !token.contains(where: { $0 >= 0x80 }) { return String(decoding: token, as: UTF8.self) }
        guard let text = String(validating: token, as: UTF8.self) else {
            throw failure(
                "invalid UTF-8 in a string; re-save the file as UTF-8", line: openingLine, column: openingColumn)
        }
        return text
    }

    private func readEscape() throws {
        guard let escape = try peek() else { throw failure("the JSON text ends inside an escape sequence") }
        consume(escape)
        if let character = JSONEscape.character(escape) {
            token.append(character)
            return
        }
        switch escape {
        case UInt8(ascii: "u"):
            var high = try readHex4()
            if (0xDC00...0xDFFF).contains(high) { throw failure("unpaired surrogate in a \\u escape") }
            if (0xD800...0xDBFF).contains(high) {
                guard try peek() == UInt8(ascii: "\\") else { throw failure("unpaired surrogate in a \\u escape") }
                consume(UInt8(ascii: "\\"))
                guard try peek() == UInt8(ascii: "u") else { throw failure("unpaired surrogate in a \\u escape") }
                consume(UInt8(ascii: "u"))
                let low = try readHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate in a \\u escape") }
                high = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(high) else { throw failure("invalid \\u escape") }
            token.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw failure("invalid escape '\\\(printable(escape))'")
        }
    }

    private func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try peek() else { throw failure("incomplete \\u escape") }
            guard let digit = JSONEscape.hexDigit(byte) else { throw failure("invalid hex digit in a \\u escape") }
            value = value << 4 | digit
            consume(byte)
        }
        return value
    }

    // MARK: Bytes

    private func skipWhitespace() throws {
        while true {
            if position >= chunk.count {
                guard try refill() else { return }
            }
            // Scan a local pointer; only line feeds touch the line and column.
            let start = position
            let (end, lines, column) = chunk.withUnsafeBufferPointer { bytes -> (Int, Int, Int) in
                var index = start
                var lines = 0
                var column = self.column
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == 0x0A {
                        lines += 1
                        column = 1
                    } else if byte == 0x20 || byte == 0x0D || byte == 0x09 {
                        column += 1
                    } else {
                        break
                    }
                    index += 1
                }
                return (index, lines, column)
            }
            position = end
            line += lines
            self.column = column
            if position < chunk.count { return }
        }
    }

    /// The byte at the reading position, or nil at the end of the file.
    @inline(__always)
    private func peek() throws -> UInt8? {
        if position >= chunk.count {
            guard try refill() else { return nil }
        }
        return chunk[position]
    }

    /// Moves past `byte`, the byte at the reading position.
    @inline(__always)
    private func consume(_ byte: UInt8) {
        position += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    /// Refills `chunk`; returns false at the end of the file.
    private func refill() throws -> Bool {
        while !reachedEnd {
            position = 0
            guard let start = try source.readTextChunk(into: &chunk) else {
                reachedEnd = true
                return false
            }
            position = start
            if position < chunk.count { return true }
        }
        return false
    }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    private func failure(_ message: String, line: Int? = nil, column: Int? = nil) -> RecordFileError {
        RecordFileError(
            path: path, line: line ?? self.line, column: column ?? self.column, code: "json.syntax", message: message)
    }
}
