import Foundation
import RecordFormats

/// Reads the JSON of one captured record straight from its bytes, for the snapshot reader's fast path.
///
/// Every method returns nil when the text is anything but the plain case it expects (a syntax error, an
/// unexpected type, a string with invalid UTF-8); the caller then gives up on the fast path and reads the record
/// through the general, fully diagnosing path, so nothing here ever reports a problem. It follows line feeds and
/// UTF-8 continuation bytes so that it can say where a member starts, as the event reader would. Positions are
/// byte offsets into `bytes`.
struct JSONRecordScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position = 0
    /// The line the scanner is on, and where that line starts: before the first line feed the record's own start
    /// column applies.
    private var line: Int
    private var lineStart = 0
    private var lineStartColumn: Int
    /// UTF-8 continuation bytes seen on the current line: columns count characters, not bytes.
    private var continuations = 0

    init(bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
        self.bytes = bytes
        self.line = line
        lineStartColumn = column
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position == bytes.count }

    /// The line and column of the reading position.
    var location: (line: Int, column: Int) {
        (line, lineStartColumn + (position - lineStart) - continuations)
    }

    /// The next byte after white space, without reading it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Reads `byte` (after white space); false when the next byte is another.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D: position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = position
                lineStartColumn = 1
                continuations = 0
            default: return
            }
        }
    }

    // MARK: Objects

    /// Reads the members of an object, calling `member` with each key's bytes and where the key starts; `member`
    /// reads the value and returns false to give up. Returns false on any syntax it does not expect.
    mutating func readObject(
        _ member: (inout JSONRecordScanner, UnsafeBufferPointer<UInt8>, (line: Int, column: Int)) -> Bool
    ) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        if take(UInt8(ascii: "}")) { return true }
        repeat {
            guard peek() == UInt8(ascii: "\"") else { return false }
            let keyLocation = location
            guard let key = plainStringBytes(), take(UInt8(ascii: ":")), member(&self, key, keyLocation) else {
                return false
            }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// Reads the elements of an array, calling `element` for each; false on unexpected syntax.
    mutating func readArray(_ element: (inout JSONRecordScanner) -> Bool) -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    // MARK: Scalars

    /// Reads `null` if it comes next.
    mutating func takeNull() -> Bool {
        guard peek() == UInt8(ascii: "n"), literal("null") else { return false }
        return true
    }

    /// `true` or `false`.
    mutating func bool() -> Bool? {
        switch peek() {
        case UInt8(ascii: "t")?: literal("true") ? true : nil
        case UInt8(ascii: "f")?: literal("false") ? false : nil
        default: nil
        }
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] { return false }
        guard isDelimiter(at: position + count) else { return false }
        position += count
        return true
    }

    /// Whether the byte at `index` may follow a number or literal (or the text ends there).
    private func isDelimiter(at index: Int) -> Bool {
        guard index < bytes.count else { return true }
        switch bytes[index] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return true
        default: return false
        }
    }

    /// An integer as JSON writes one (`0`, `-12`): anything else, including fractions, exponents and numbers that
    /// do not fit, gives nil.
    mutating func integer() -> Int? {
        guard peek() != nil else { return nil }
        var index = position
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let digitsStart = index
        var value = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let digit = Int(bytes[index] - UInt8(ascii: "0"))
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) =
                negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            value = sum
            index += 1
        }
        let digits = index - digitsStart
        guard digits > 0, digits == 1 || bytes[digitsStart] != UInt8(ascii: "0"), isDelimiter(at: index) else {
            return nil
        }
        position = index
        return value
    }

    /// A string value, with its escapes decoded.
    mutating func string() -> String? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var index = start
        var ascii = true
        var escapes = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                escapes = true
                index += 2
                continue
            }
            if byte >= 0x80 {
                ascii = false
                if byte & 0xC0 == 0x80 { continuations += 1 }
            }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
        position = index + 1
        if escapes { return Self.unescaped(raw) }
        if ascii { return String(decoding: raw, as: UTF8.self) }
        return String(validating: raw, as: UTF8.self)
    }

    /// The bytes of a string without escapes (a key), or nil.
    private mutating func plainStringBytes() -> UnsafeBufferPointer<UInt8>? {
        let start = position + 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        position = index + 1
        return UnsafeBufferPointer(rebasing: bytes[start..<index])
    }

    /// The text of string contents holding escapes; nil for an invalid escape or invalid UTF-8.
    private static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.count else { return nil }
            let escape = raw[index + 1]
            index += 2
            if let character = JSONEscape.character(escape) {
                output.append(character)
                continue
            }
            switch escape {
            case UInt8(ascii: "u"):
                guard var scalar = hex4(raw, at: index) else { return nil }
                index += 4
                if (0xDC00...0xDFFF).contains(scalar) { return nil }
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                        let low = hex4(raw, at: index + 2), (0xDC00...0xDFFF).contains(low)
                    else { return nil }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let value = Unicode.Scalar(scalar) else { return nil }
                output.append(contentsOf: String(Character(value)).utf8)
            default:
                return nil
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= raw.count else { return nil }
        var value: UInt32 = 0
        for byte in raw[index..<index + 4] {
            guard let digit = JSONEscape.hexDigit(byte) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether the bytes spell `name`.
    func spells(_ name: StaticString) -> Bool {
        guard count == name.utf8CodeUnitCount, let base = baseAddress else {
            return count == 0 && name.utf8CodeUnitCount == 0
        }
        return memcmp(base, name.utf8Start, count) == 0
    }
}
