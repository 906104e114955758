/// Writes JSON as UTF-8 bytes into a growing buffer, with RFC 8259 escaping and no intermediate strings.
///
/// Foundation's `JSONEncoder` is about 7× slower and does not keep key order; exports and plans need both speed
/// and byte-stable output.
package struct JSONWriter {
    package var bytes: [UInt8] = []
    private let pretty: Bool

    package init(pretty: Bool = false, reservingCapacity capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// Appends one value; with `pretty`, nested containers are indented by two spaces.
    package mutating func write(_ value: JSONValue, indent: Int = 0) {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(var text): text.withUTF8 { bytes.append(contentsOf: $0) }
        case .string(let text): writeString(text)
        case .array(let elements):
            if elements.isEmpty {
                bytes.append(contentsOf: "[]".utf8)
                return
            }
            bytes.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                bytes.append(contentsOf: "{}".utf8)
                return
            }
            var first = true
            for (key, member) in object {
                if pretty {
                    bytes.append(UInt8(ascii: first ? "{" : ","))
                    newline(indent + 1)
                    writeString(key)
                    bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                } else {
                    writeKey(key, after: first ? UInt8(ascii: "{") : UInt8(ascii: ","))
                }
                first = false
                write(member, indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ level: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether a byte must be escaped inside a JSON string: `"`, `\\` or a control character.
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends `separator`, the quoted key and `:` in one copy when the key needs no escaping (keys almost never
    /// do); a record's punctuation appended byte by byte was a large share of the writer's time.
    private mutating func writeKey(_ key: String, after separator: UInt8) {
        var contiguous = key
        contiguous.withUTF8 { utf8 in
            guard let source = utf8.baseAddress, !utf8.contains(where: Self.needsEscape) else {
                bytes.append(separator)
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                return
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 4) { buffer in
                guard let base = buffer.baseAddress else { return }
                base[0] = separator
                base[1] = UInt8(ascii: "\"")
                (base + 2).update(from: source, count: utf8.count)
                base[utf8.count + 2] = UInt8(ascii: "\"")
                base[utf8.count + 3] = UInt8(ascii: ":")
                bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: utf8.count + 4))
            }
        }
    }

    /// Appends a quoted, escaped string. Only `"`, `\` and control characters are escaped; other text is copied.
    package mutating func writeString(_ text: String) {
        var text = text
        let done = text.withUTF8 { utf8 -> Bool in
            // Most strings need no escaping: then the quotes and the text go in with one copy.
            guard let source = utf8.baseAddress, utf8.count <= 256, !utf8.contains(where: Self.needsEscape) else {
                return false
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 2) { buffer in
                guard let base = buffer.baseAddress else { return }
                base[0] = UInt8(ascii: "\"")
                (base + 1).update(from: source, count: utf8.count)
                base[utf8.count + 1] = UInt8(ascii: "\"")
                bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: utf8.count + 2))
            }
            return true
        }
        guard !done else { return }
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var runStart = 0
            for position in 0..<utf8.count {
                let byte = utf8[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < position {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                }
                runStart = position + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// The value as JSON text: compact by default, or indented by two spaces.
    package func serialized(pretty: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The value as compact UTF-8 JSON.
    package var serializedBytes: [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }
}
