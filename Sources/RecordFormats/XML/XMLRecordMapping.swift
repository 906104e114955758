/// The rules of the lossless mapping between JSON records and XML, shared by the writer and the reader.
///
/// A record is an element (named by the caller, e.g. `ticket`) whose children are its fields, in key order:
///
/// - A field is an element named after its key when the key is an ASCII XML name (`[A-Za-z_][A-Za-z0-9._-]*`)
///   that does not start with `xml` in any case; otherwise it is `<field name="KEY">`.
/// - Strings are text with no `type` attribute; numbers, booleans, null, objects and arrays carry
///   `type="number|boolean|null|object|array"`. Numbers keep their literal text.
/// - Array elements are `<item>` children, mapped the same way; objects nest recursively.
/// - A string (or key) holding a character XML 1.0 cannot carry (C0 controls other than TAB, LF and CR, U+FFFE,
///   U+FFFF) is written as its JSON string literal with `encoding="json"` (`name-encoding="json"` for a key),
///   so nothing is lost. CR, TAB and surrounding white space survive because libxml2 escapes CR as `&#13;` in
///   text and CR, LF and TAB as character references in attributes, and the reader keeps text as it is.
enum XMLRecordMapping {
    static let fieldElement = "field"
    static let itemElement = "item"
    static let typeAttribute = "type"
    static let nameAttribute = "name"
    static let encodingAttribute = "encoding"
    static let nameEncodingAttribute = "name-encoding"
    static let jsonEncoding = "json"

    /// Whether `key` can be an element name as it is.
    static func isElementName(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { utf8 in
            guard let first = utf8.first, isNameStart(first) else { return false }
            for byte in utf8 where !(isNameStart(byte) || isDigit(byte) || byte == 0x2E || byte == 0x2D) {
                return false
            }
            if utf8.count >= 3, utf8[0] | 0x20 == 0x78, utf8[1] | 0x20 == 0x6D, utf8[2] | 0x20 == 0x6C {
                return false
            }
            return true
        }
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether `text` holds a character XML 1.0 cannot carry (or NUL, which C strings cannot carry).
    static func needsJSONEncoding(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return true }
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
                if byte == 0xEF, index + 2 < utf8.count, utf8[index + 1] == 0xBF, utf8[index + 2] & 0xFE == 0xBE {
                    return true
                }
            }
            return false
        }
    }

    /// The JSON string literal of `text`, with U+FFFE and U+FFFF escaped too, so the result is valid XML text.
    static func jsonLiteral(_ text: String) -> String {
        var writer = JSONWriter()
        writer.writeString(text)
        let literal = String(decoding: writer.bytes, as: UTF8.self)
        guard literal.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) else {
            return literal
        }
        var escaped = ""
        for scalar in literal.unicodeScalars {
            switch scalar.value {
            case 0xFFFE: escaped += "\\ufffe"
            case 0xFFFF: escaped += "\\uffff"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// The string a JSON string literal denotes, or nil when `literal` is not one.
    static func decodeJSONLiteral(_ literal: String) -> String? {
        guard let value = try? JSONParser.parse(Array(literal.utf8)) else { return nil }
        return value.stringValue
    }
}
