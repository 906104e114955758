import Foundation
import RecordFormats

/// Typed comparison of two field values, as `docs/drift-codes.md` requires: ids as integers, times as instants,
/// booleans as booleans, sets as sets, text after Unicode NFC and trimming.
///
/// An absent value (nil) equals null; null equals an empty text or an empty set, since CSV writes all three as an
/// empty cell. Null never equals a value: `null` and `"New"` differ, and so do `null` and `0`.
package enum FieldComparison {
    /// Whether `lhs` and `rhs` are the same value when read as `kind`.
    package static func equal(_ lhs: JSONValue?, _ rhs: JSONValue?, as kind: FieldKind) -> Bool {
        if case .ignored = kind { return true }
        let leftNull = isNull(lhs, as: kind)
        let rightNull = isNull(rhs, as: kind)
        if leftNull || rightNull { return leftNull && rightNull }
        guard let lhs, let rhs else { return false }
        switch kind {
        case .ignored:
            return true
        case .automatic:
            return automaticEqual(lhs, rhs)
        case .integer:
            if let left = integer(lhs), let right = integer(rhs) { return left == right }
            return text(lhs, .exact) == text(rhs, .exact)
        case .decimal:
            if let left = decimal(lhs), let right = decimal(rhs) { return left == right }
            return text(lhs, .exact) == text(rhs, .exact)
        case .instant:
            if let left = instant(lhs), let right = instant(rhs) { return abs(left - right) < 0.000_5 }
            return text(lhs, .exact) == text(rhs, .exact)
        case .boolean:
            if let left = boolean(lhs), let right = boolean(rhs) { return left == right }
            return text(lhs, .exact) == text(rhs, .exact)
        case .text(let options):
            return text(lhs, options) == text(rhs, options)
        case .textSet(let options):
            return textSet(lhs, options) == textSet(rhs, options)
        case .integerSet:
            return integerSet(lhs) == integerSet(rhs)
        }
    }

    /// Whether a value counts as null for `kind`: absent, null, an empty text, or an empty array for a set.
    package static func isNull(_ value: JSONValue?, as kind: FieldKind = .automatic) -> Bool {
        guard let value else { return true }
        switch value {
        case .null:
            return true
        case .string(let text):
            if case .text(let options) = kind, !options.emptyIsNull { return false }
            return text.allSatisfy(\.isWhitespace)
        case .array(let elements):
            switch kind {
            case .textSet, .integerSet: return elements.isEmpty
            default: return false
            }
        default:
            return false
        }
    }

    // MARK: - Readers

    /// The text of a scalar after NFC, trimming and the options; arrays and objects give their compact JSON.
    package static func text(_ value: JSONValue, _ options: TextOptions) -> String {
        let raw: String
        switch value {
        case .null: raw = ""
        case .bool(let flag): raw = flag ? "true" : "false"
        case .number(let literal): raw = literal
        case .string(let text): raw = text
        case .array, .object: raw = value.serialized()
        }
        return normalize(raw, options)
    }

    /// `text` in NFC, trimmed, and folded as the options say.
    package static func normalize(_ text: String, _ options: TextOptions) -> String {
        if let ascii = normalizedASCII(text, options) { return ascii }
        var result = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if options.foldWhitespace {
            result = result.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        if options.foldCase { result = result.lowercased() }
        return result
    }

    /// `normalize(_:_:)` of ASCII text, byte by byte; nil when `text` is not ASCII.
    ///
    /// NFC changes no ASCII text, white space is tab, line feed, vertical tab, form feed, carriage return and
    /// space, and case folds A–Z only, so Foundation is not needed; text already normalised is returned as it is.
    private static func normalizedASCII(_ text: String, _ options: TextOptions) -> String? {
        let bytes = text.utf8
        var unchanged = true
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if options.foldWhitespace, isASCIIWhitespace(byte) { unchanged = false }
            if options.foldCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { unchanged = false }
        }
        guard let first = bytes.first, let last = bytes.last else { return text }
        if unchanged, !isASCIIWhitespace(first), !isASCIIWhitespace(last) { return text }
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if isASCIIWhitespace(byte), options.foldWhitespace || folded.isEmpty {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace { folded.append(UInt8(ascii: " ")) }
            pendingSpace = false
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            folded.append(options.foldCase && isUpper ? byte | 0x20 : byte)
        }
        while let byte = folded.last, isASCIIWhitespace(byte) { folded.removeLast() }
        return String(decoding: folded, as: UTF8.self)
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// `text.trimmingCharacters(in: .whitespaces)` (spaces, tabs and the other Unicode space separators) without
    /// Foundation when it can: text that starts and ends with ASCII other than a space or tab is returned as it
    /// is, ASCII text is trimmed byte by byte, and only text with other characters at an end goes to Foundation.
    /// Every comparison of two texts reads them as times first, so this runs for almost every field compared.
    package static func trimmedBlanks(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last else { return text }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        if first < 0x80, last < 0x80, !isBlank(first), !isBlank(last) { return text }
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespaces) }
        guard let start = bytes.firstIndex(where: { !isBlank($0) }), let end = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[start...end])
    }

    /// An integer from a number or from a text holding exactly one (`"44190233"`, not `"4.4e7"` or `" 7"`).
    package static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .number: return value.intValue
        case .string(let text): return Int(trimmedBlanks(text))
        default: return nil
        }
    }

    /// A decimal from a number or a text holding one.
    package static func decimal(_ value: JSONValue) -> Decimal? {
        switch value {
        case .number(let literal): return Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))
        case .string(let text):
            let trimmed = trimmedBlanks(text)
            guard isNumberLiteral(trimmed) else { return nil }
            return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    /// Seconds since 1970 of an ISO-8601 time with an offset (or a bare date), nil for anything else.
    package static func instant(_ value: JSONValue) -> Double? {
        guard case .string(let text) = value else { return nil }
        return Timestamp.parse(trimmedBlanks(text))?.timeIntervalSince1970
    }

    /// A boolean from `true`/`false`, the texts `true`, `false`, `1`, `0`, or the numbers 1 and 0.
    package static func boolean(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .number(let literal): return literal == "1" ? true : literal == "0" ? false : nil
        case .string(let text):
            switch trimmedBlanks(text).lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// The set of normalised, non-empty texts of an array (or of one scalar).
    package static func textSet(_ value: JSONValue?, _ options: TextOptions) -> Set<String> {
        Set(elements(value).map { text($0, options) }.filter { !$0.isEmpty })
    }

    /// The set of integers of an array (or of one scalar); elements that are not integers are left out.
    package static func integerSet(_ value: JSONValue?) -> Set<Int> {
        Set(elements(value).compactMap(integer))
    }

    /// The texts of an array's elements (or of one scalar) as they are, in order, leaving out empty ones.
    package static func elementTexts(_ value: JSONValue?) -> [String] {
        elements(value).map { text($0, TextOptions(emptyIsNull: false)) }.filter { !$0.isEmpty }
    }

    private static func elements(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case nil, .null?: []
        case .array(let elements)?: elements
        case let scalar?: [scalar]
        }
    }

    // MARK: - Automatic

    private static func automaticEqual(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.number, .number):
            if let left = decimal(lhs), let right = decimal(rhs) { return left == right }
            return lhs == rhs
        case (.string(let left), .string(let right)):
            if let leftInstant = instant(lhs), let rightInstant = instant(rhs),
                left.contains("T") || right.contains("T")
            {
                return abs(leftInstant - rightInstant) < 0.000_5
            }
            return text(lhs, .exact) == text(rhs, .exact)
        case (.number(let literal), .string(let text)), (.string(let text), .number(let literal)):
            // A number's text must be written the way numbers are: "02116" is not 2116.
            let trimmed = trimmedBlanks(text)
            guard isNumberLiteral(trimmed) else { return false }
            return decimal(.number(literal)) == decimal(.string(trimmed))
        case (.bool(let flag), .string(let text)), (.string(let text), .bool(let flag)):
            return trimmedBlanks(text).lowercased() == (flag ? "true" : "false")
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1, as: .automatic) }
        case (.object(let left), .object(let right)):
            var keys = left.keys
            for key in right.keys where left[key] == nil { keys.append(key) }
            return keys.allSatisfy { equal(left[$0], right[$0], as: .automatic) }
        default:
            return lhs == rhs
        }
    }

    /// Whether `text` is a JSON number literal: no leading zero (`02116`), no `+`, no white space.
    private static func isNumberLiteral(_ text: String) -> Bool {
        guard case .number(let literal)? = try? JSONValue.parse(text) else { return false }
        return literal == text
    }
}
