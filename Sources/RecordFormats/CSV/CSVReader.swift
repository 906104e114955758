import Foundation

/// Streams RFC 4180 rows out of a CSV file with a byte-level state machine over 1 MiB chunks.
///
/// Accepts a leading UTF-8 byte-order mark, LF, CRLF or lone CR line ends, and quoted fields with embedded
/// line breaks; blank lines between rows are skipped (as Python's `csv` does). Refuses, with the file, line and
/// column: invalid UTF-8, a quote left open at the end of the file, and a stray quote inside an unquoted field or
/// after a closing quote. Memory holds one chunk and one row, whatever the file's size.
///
/// Each row's byte offset (`rowOffset`) and line let a caller come back to it later with `row(at:line:)`, so it can
/// remember where rows are instead of what they say. Not `Sendable`: keep it inside one task.
package final class CSVReader {
    private enum State {
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: either the first of a doubled `""` or the closing quote.
        case quoteInQuoted
    }

    /// The file's path (or the name given to in-memory bytes), used in every error.
    package var path: String { source.path }
    /// Problems read past under `CSVFieldCountPolicy.report`, in file order.
    package private(set) var diagnostics: [RecordFileError] = []
    /// The byte offset from the start of the file where the row returned last begins (its first field, after
    /// any blank lines and byte-order mark); 0 before the first row.
    package private(set) var rowOffset = 0

    /// How many bytes of the file have been read into memory so far (a chunk ahead of the rows): for progress.
    package var bytesRead: Int { source.offset }

    private let source: BufferedFileReader
    private let hasHeader: Bool
    private let fieldCountPolicy: CSVFieldCountPolicy
    private var parsedHeader: [String]?
    private var headerRead = false
    private var chunk: [UInt8] = []
    /// The file offset of `chunk[0]`.
    private var chunkOffset = 0
    private var position = 0
    private var reachedEnd = false
    /// A CR ended the last row; an LF right after it belongs to the same line end.
    private var skipLineFeed = false
    private var line = 1
    private var column = 1
    /// The bytes of the fields of the row read last, one after the other, and where each field ends in them.
    private var rowBytes: [UInt8] = []
    private var fieldEnds: [Int] = []

    /// Opens `path`. With `hasHeader`, the first row is the header and later rows are checked against its width.
    package init(
        path: String, hasHeader: Bool = true, fieldCountPolicy: CSVFieldCountPolicy = .error,
        chunkSize: Int = 1 << 20
    ) throws(FileIOError) {
        source = try BufferedFileReader(path: path, chunkSize: chunkSize)
        self.hasHeader = hasHeader
        self.fieldCountPolicy = fieldCountPolicy
    }

    /// Reads CSV from bytes in memory, named `name` in errors.
    package init(
        bytes: [UInt8], name: String = "<memory>", hasHeader: Bool = true,
        fieldCountPolicy: CSVFieldCountPolicy = .error, chunkSize: Int = 1 << 20
    ) {
        source = BufferedFileReader(bytes: bytes, name: name, chunkSize: chunkSize)
        self.hasHeader = hasHeader
        self.fieldCountPolicy = fieldCountPolicy
    }

    /// The header row, read on first use; nil for an empty file or a reader without a header.
    package func header() throws -> [String]? {
        guard hasHeader else { return nil }
        if !headerRead {
            headerRead = true
            if let line = try parseRow() {
                parsedHeader = CSVRawRow(bytes: rowBytes, ends: fieldEnds, line: line).strings
            }
        }
        return parsedHeader
    }

    /// The next data row, or nil at the end of the file.
    package func nextRow() throws -> CSVRow? {
        guard let row = try nextRawRow() else { return nil }
        return CSVRow(fields: row.strings, line: row.line)
    }

    /// `nextRow()` with the fields left as bytes, for a caller that needs only some of them as strings (or none):
    /// the same checks and errors, without a string per field.
    package func nextRawRow() throws -> CSVRawRow? {
        let expected = try header()?.count
        guard let line = try parseRow() else { return nil }
        // The reader's buffers are handed over and taken back at the next row, so they are reused, not copied.
        let row = CSVRawRow(bytes: rowBytes, ends: fieldEnds, line: line)
        if let expected, row.count != expected {
            let problem = widthProblem(count: row.count, line: line, expected: expected)
            if fieldCountPolicy == .error { throw problem }
            diagnostics.append(problem)
        }
        return row
    }

    /// The record that begins at byte `offset` on line `line`, as `rowOffset` and `CSVRow.line` gave them when it
    /// was read before; nil when the file ends there.
    ///
    /// The field count is not checked again: the row was checked when it was first read. An offset inside the
    /// buffered chunk costs no system call, and reading on from it continues the current chunk, so rows visited
    /// in file order stay as fast as `nextRow()`; elsewhere the reader seeks (see `BufferedFileReader.seek(to:)`).
    /// `nextRow()` afterwards continues after this row.
    package func row(at offset: Int, line: Int) throws -> CSVRow? {
        try rawRow(at: offset, line: line).map { CSVRow(fields: $0.strings, line: $0.line) }
    }

    /// `row(at:line:)` with the fields left as bytes, as `nextRawRow()` gives them.
    package func rawRow(at offset: Int, line: Int) throws -> CSVRawRow? {
        _ = try header()
        if offset >= chunkOffset, offset < chunkOffset + chunk.count {
            position = offset - chunkOffset
        } else {
            if offset != source.offset { try source.seek(to: offset) }
            chunk.removeAll(keepingCapacity: true)
            chunkOffset = offset
            position = 0
            reachedEnd = false
        }
        skipLineFeed = false
        self.line = line
        column = 1
        guard let line = try parseRow() else { return nil }
        return CSVRawRow(bytes: rowBytes, ends: fieldEnds, line: line)
    }

    private func widthProblem(count: Int, line: Int, expected: Int) -> RecordFileError {
        let extra = count > expected
        return RecordFileError(
            path: path, line: line, column: 1, code: extra ? "csv.extra-column" : "csv.missing-column",
            message:
                "the row has \(count) fields but the header has \(expected) columns; "
                + (extra ? "quote fields that contain commas" : "add the missing fields or quote embedded line breaks")
        )
    }

    /// Ends the field that started after the previous one's end (or at 0) in `bytes`, refusing it unless it is
    /// valid UTF-8; `highBits`, the bitwise or of its bytes (in any lanes), tells whether it is ASCII and so valid
    /// without looking at it again.
    private func finishField(
        _ bytes: [UInt8], into ends: inout [Int], highBits: inout UInt64, line: Int, column: Int
    ) throws {
        let start = ends.last ?? 0
        let valid =
            highBits & 0x8080_8080_8080_8080 == 0
            || bytes.withUnsafeBufferPointer { Self.isValidUTF8(UnsafeBufferPointer(rebasing: $0[start...])) }
        highBits = 0
        guard valid else {
            throw RecordFileError(
                path: path, line: line, column: column, code: "csv.invalid-utf8",
                message: "the field is not valid UTF-8; re-save the file as UTF-8")
        }
        ends.append(bytes.count)
    }

    /// Whether `bytes` are valid UTF-8. ASCII, eight bytes at a time, is the usual case; otherwise the bytes are
    /// decoded, which repairs invalid UTF-8 with U+FFFD, so they are valid exactly when the text is the same
    /// bytes. (`String(validating:as:)` looked up type metadata for every field.)
    private static func isValidUTF8(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = input.baseAddress else { return true }
        var index = 0
        while index + 8 <= input.count {
            if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < input.count, input[index] < 0x80 { index += 1 }
        guard index < input.count else { return true }
        var text = String(decoding: input, as: UTF8.self)
        return text.withUTF8 { decoded in
            guard decoded.count == input.count, let decodedBytes = decoded.baseAddress else { return false }
            return memcmp(decodedBytes, base, input.count) == 0
        }
    }

    /// The end of the run of ordinary bytes of a field that starts at `start`: the index of the first quote or line
    /// feed, and outside quotes also comma or carriage return (or the end of `bytes`). Adds the run's characters
    /// (bytes that are not UTF-8 continuation bytes) to `column`, and ors the run's bytes into `highBits`.
    ///
    /// Eight bytes at a time while none of them stops the run: a field is mostly such bytes, and testing them one
    /// by one was most of the reading.
    @inline(__always)
    private static func run(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, quoted: Bool, column: inout Int,
        highBits fieldBits: inout UInt64
    ) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        /// Whether a byte of `word` is `byte` (exact: the borrow only runs past a byte that is a match).
        func contains(_ word: UInt64, _ byte: UInt8) -> Bool {
            let difference = word ^ (ones &* UInt64(byte))
            return (difference &- ones) & ~difference & highBits != 0
        }
        var index = start
        var characters = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if contains(word, 0x22) || contains(word, 0x0A)
                    || (!quoted && (contains(word, 0x2C) || contains(word, 0x0D)))
                {
                    break
                }
                // A continuation byte is 10xxxxxx: its high bit set and the next bit clear.
                characters += 8 - (word & ~(word << 1) & highBits).nonzeroBitCount
                fieldBits |= word
                index += 8
            }
        }
        while index < bytes.count {
            let next = bytes[index]
            if next == 0x22 || next == 0x0A || (!quoted && (next == 0x2C || next == 0x0D)) { break }
            if next & 0xC0 != 0x80 { characters += 1 }
            fieldBits |= UInt64(next)
            index += 1
        }
        column += characters
        return index
    }

    /// Refills `chunk`; returns false at the end of the file.
    private func refill() throws -> Bool {
        guard !reachedEnd else { return false }
        position = 0
        guard let start = try source.readTextChunk(into: &chunk) else {
            chunkOffset = source.offset
            chunk.removeAll(keepingCapacity: true)
            reachedEnd = true
            return false
        }
        chunkOffset = source.offset - chunk.count
        position = start
        return true
    }

    /// Reads the next row into `rowBytes` and `fieldEnds`; returns the line it starts on, or nil at the end.
    private func parseRow() throws -> Int? {
        // The buffers are moved into locals so the hot loop appends without exclusivity checks; a caller that kept
        // the last `CSVRawRow` makes them copies, a caller that did not lets them be reused.
        var field: [UInt8] = []
        var ends: [Int] = []
        swap(&field, &rowBytes)
        swap(&ends, &fieldEnds)
        field.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var state = State.fieldStart
        var rowStarted = false
        var rowLine = line
        var rowOffset = 0
        var line = line
        var column = column
        var fieldLine = line
        var fieldColumn = column
        var quoteLine = line
        var quoteColumn = column
        // The bitwise or of the current field's bytes that runs copied; the others are quotes and line feeds.
        var fieldBits: UInt64 = 0
        defer {
            swap(&field, &rowBytes)
            swap(&ends, &fieldEnds)
            self.line = line
            self.column = column
        }

        while true {
            if position >= chunk.count {
                guard try refill() else {
                    switch state {
                    case .quoted:
                        throw RecordFileError(
                            path: path, line: quoteLine, column: quoteColumn, code: "csv.unterminated-quote",
                            message: "the quoted field that starts here is never closed; "
                                + "add the closing quote or check that the file is complete")
                    case .fieldStart where !rowStarted:
                        return nil
                    default:
                        try finishField(field, into: &ends, highBits: &fieldBits, line: fieldLine, column: fieldColumn)
                        self.rowOffset = rowOffset
                        return rowLine
                    }
                }
                if position >= chunk.count { continue }
            }
            let bytes = chunk
            var index = position
            if skipLineFeed {
                skipLineFeed = false
                if bytes[index] == 0x0A { index += 1 }
            }
            var rowEnded = false
            scan: while index < bytes.count {
                let byte = bytes[index]
                switch state {
                case .fieldStart:
                    if !rowStarted, byte == 0x0A || byte == 0x0D {
                        // A blank line: skip it and start the row on the next line.
                        index += 1
                        line += 1
                        column = 1
                        rowLine = line
                        if byte == 0x0D {
                            if index < bytes.count {
                                if bytes[index] == 0x0A { index += 1 }
                            } else {
                                skipLineFeed = true
                            }
                        }
                        continue scan
                    }
                    if !rowStarted {
                        rowStarted = true
                        rowOffset = chunkOffset + index
                    }
                    fieldLine = line
                    fieldColumn = column
                    if byte == 0x22 {
                        quoteLine = line
                        quoteColumn = column
                        state = .quoted
                        index += 1
                        column += 1
                    } else {
                        state = .unquoted
                    }
                case .unquoted:
                    switch byte {
                    case 0x2C:
                        try finishField(field, into: &ends, highBits: &fieldBits, line: fieldLine, column: fieldColumn)
                        state = .fieldStart
                        index += 1
                        column += 1
                    case 0x0A, 0x0D:
                        rowEnded = true
                        break scan
                    case 0x22:
                        throw RecordFileError(
                            path: path, line: line, column: column, code: "csv.stray-quote",
                            message: "a quote inside an unquoted field; "
                                + "quote the whole field and double the quotes inside it (\"\")")
                    default:
                        // Copy the run of ordinary bytes in one append.
                        let start = index
                        index = bytes.withUnsafeBufferPointer {
                            Self.run(in: $0, from: start, quoted: false, column: &column, highBits: &fieldBits)
                        }
                        field.append(contentsOf: bytes[start..<index])
                    }
                case .quoted:
                    if byte != 0x22, byte != 0x0A {
                        let start = index
                        index = bytes.withUnsafeBufferPointer {
                            Self.run(in: $0, from: start, quoted: true, column: &column, highBits: &fieldBits)
                        }
                        field.append(contentsOf: bytes[start..<index])
                        continue scan
                    }
                    index += 1
                    if byte == 0x22 {
                        state = .quoteInQuoted
                        column += 1
                        continue scan
                    }
                    field.append(byte)
                    if byte == 0x0A {
                        line += 1
                        column = 1
                    } else if byte & 0xC0 != 0x80 {
                        column += 1
                    }
                case .quoteInQuoted:
                    switch byte {
                    case 0x22:
                        field.append(0x22)
                        state = .quoted
                        index += 1
                        column += 1
                    case 0x2C:
                        try finishField(field, into: &ends, highBits: &fieldBits, line: fieldLine, column: fieldColumn)
                        index += 1
                        column += 1
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        rowEnded = true
                        break scan
                    default:
                        throw RecordFileError(
                            path: path, line: line, column: column, code: "csv.stray-quote",
                            message: "text after the closing quote of a field; "
                                + "put the whole field inside the quotes and double the quotes inside it (\"\")")
                    }
                }
            }
            position = index
            if rowEnded {
                let byte = bytes[index]
                position = index + 1
                line += 1
                column = 1
                if byte == 0x0D {
                    if position < bytes.count {
                        if bytes[position] == 0x0A { position += 1 }
                    } else {
                        skipLineFeed = true
                    }
                }
                try finishField(field, into: &ends, highBits: &fieldBits, line: fieldLine, column: fieldColumn)
                self.rowOffset = rowOffset
                return rowLine
            }
        }
    }
}
