import Foundation
import RecordFormats

/// The normalised form of a comment body and its SHA-256, as `body_sha256` holds it (`spec/snapshot-v1.md`).
///
/// Normalisation, in this order: strip HTML tags, decode character entities, Unicode NFC, collapse every run of
/// white space to one space, trim. Each tag (and each `<!-- comment -->`) is replaced by a space rather than
/// nothing, so that `<p>one</p><p>two</p>` normalises like the plain text `one\ntwo` Syncro stores; a tag in the
/// middle of a word (`wo<b>r</b>d`) splits it, which bodies written by people practically never do. A `<` that
/// does not open a tag (`a < b`) is kept. White space is Unicode's (so `&nbsp;` collapses too).
package enum BodyHash {
    /// The normalised text of `body`.
    package static func normalize(_ body: String) -> String {
        if let bytes = normalizedASCII(body) { return String(decoding: bytes, as: UTF8.self) }
        return normalizeScalars(body)
    }

    /// `normalize(_:)` scalar by scalar, for any text; `normalize` takes a byte-level path for ASCII.
    package static func normalizeScalars(_ body: String) -> String {
        let stripped = stripTags(body)
        let decoded = HTMLEntities.decode(stripped)
        let composed = decoded.precomposedStringWithCanonicalMapping
        return collapseWhitespace(composed)
    }

    /// The lower-case hexadecimal SHA-256 of the normalised UTF-8 text of `body`.
    package static func sha256(_ body: String) -> String {
        SHA256.hex(of: digest(body))
    }

    /// The SHA-256 of the normalised UTF-8 text of `body`, as its 32 bytes.
    package static func digest(_ body: String) -> [UInt8] {
        var digester = BodyDigester()
        return digester.digest(body)
    }

    /// The normalised UTF-8 bytes of `body` when it is ASCII, nil otherwise.
    static func normalizedASCII(_ body: String) -> [UInt8]? {
        var body = body
        var stripped: [UInt8] = []
        var normalized: [UInt8] = []
        let done = body.withUTF8 { normalizeASCII($0, stripped: &stripped, into: &normalized) }
        guard let done else { return nil }
        // A reference named a non-ASCII character: only then does the text need composing (NFC).
        return done ? normalized : Array(normalizeScalars(body).utf8)
    }

    /// Writes the normalised bytes of ASCII `body` into `result` (emptied first), using `stripped` for the text
    /// without its tags; returns true when done, false when a reference names a non-ASCII character (the text
    /// must then be composed: see `normalizeScalars`), nil when `body` is not ASCII.
    ///
    /// Nearly all bodies are ASCII, and there every step works on bytes: tags and references are ASCII, and NFC
    /// changes nothing unless a reference decodes to a non-ASCII scalar. This skips building scalar arrays and
    /// Foundation's normalisation, which were most of the cost of hashing; the two buffers are the caller's so
    /// that hashing many bodies allocates none. ASCII's Unicode white space is tab, line feed, vertical tab, form
    /// feed, carriage return and space.
    static func normalizeASCII(
        _ body: UnsafeBufferPointer<UInt8>, stripped: inout [UInt8], into result: inout [UInt8]
    ) -> Bool? {
        result.removeAll(keepingCapacity: true)
        var hasTag = false
        var hasReference = false
        var index = 0
        if let base = body.baseAddress {
            while index + 8 <= body.count {
                if UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    return nil
                }
                index += 8
            }
        }
        while index < body.count {
            if body[index] >= 0x80 { return nil }
            index += 1
        }
        for byte in body {
            hasTag = hasTag || byte == UInt8(ascii: "<")
            hasReference = hasReference || byte == UInt8(ascii: "&")
        }
        if hasTag {
            stripTags(body, into: &stripped)
            return stripped.withUnsafeBufferPointer { decodeAndCollapse($0, decoding: hasReference, into: &result) }
        }
        return decodeAndCollapse(body, decoding: hasReference, into: &result)
    }

    /// Appends `bytes` to `result` with their references decoded (when `decoding`) and white space collapsed and
    /// trimmed; false (stopping there) when a reference names a non-ASCII character.
    private static func decodeAndCollapse(
        _ bytes: UnsafeBufferPointer<UInt8>, decoding: Bool, into result: inout [UInt8]
    ) -> Bool {
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            var byte = bytes[index]
            index += 1
            if decoding, byte == UInt8(ascii: "&"), let (scalar, end) = HTMLEntities.reference(bytes, at: index - 1) {
                guard scalar.isASCII else { return false }
                byte = UInt8(scalar.value)
                index = end + 1
            }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return true
    }

    /// `stripTags(_:)` for ASCII bytes, into `result` (emptied first).
    private static func stripTags(_ bytes: UnsafeBufferPointer<UInt8>, into result: inout [UInt8]) {
        result.removeAll(keepingCapacity: true)
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, let end = tagEnd(bytes, from: index) {
                result.append(UInt8(ascii: " "))
                index = end + 1
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
    }

    /// `tagEnd(_:from:)` for ASCII bytes.
    private static func tagEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let next = bytes[start + 1]
        if next == UInt8(ascii: "!"), start + 3 < bytes.count, bytes[start + 2] == UInt8(ascii: "-"),
            bytes[start + 3] == UInt8(ascii: "-")
        {
            var index = start + 4
            while index + 2 < bytes.count {
                if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"),
                    bytes[index + 2] == UInt8(ascii: ">")
                {
                    return index + 2
                }
                index += 1
            }
            return nil
        }
        let letter = next | 0x20
        guard
            next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
                || (letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z"))
        else { return nil }
        var quote: UInt8?
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Whether `text` is 64 lower-case hexadecimal digits, the form of `body_sha256`.
    package static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Replaces each tag, comment, declaration or processing instruction with one space.
    static func stripTags(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", index + 1 < scalars.count, let end = tagEnd(scalars, from: index) {
                result.append(" ")
                index = end + 1
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return String(result)
    }

    /// The index of the `>` that closes the tag opening at `start`, or nil when `<` does not open one.
    private static func tagEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let next = scalars[start + 1]
        if next == "!", start + 3 < scalars.count, scalars[start + 2] == "-", scalars[start + 3] == "-" {
            var index = start + 4
            while index + 2 < scalars.count {
                if scalars[index] == "-", scalars[index + 1] == "-", scalars[index + 2] == ">" { return index + 2 }
                index += 1
            }
            return nil
        }
        guard next == "/" || next == "!" || next == "?" || (next.isASCII && next.properties.isAlphabetic) else {
            return nil
        }
        var quote: Unicode.Scalar?
        var index = start + 1
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return index
            } else if scalar == "<" {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// Collapses runs of white space to one space and trims both ends.
    static func collapseWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(scalar)
            }
        }
        return String(result)
    }
}

/// `BodyHash.digest(_:)` for many bodies, in buffers kept from one body to the next: loading a export hashes
/// millions of comment bodies, and allocating the normalised text of each was a good part of the cost.
package struct BodyDigester {
    private var stripped: [UInt8] = []
    private var normalized: [UInt8] = []

    package init() {}

    /// `BodyHash.digest(_:)` of `body`.
    package mutating func digest(_ body: String) -> [UInt8] {
        var body = body
        return body.withUTF8 { digest(utf8: $0) }
    }

    /// `BodyHash.digest(_:)` of the text whose UTF-8 bytes are `body` (valid UTF-8).
    package mutating func digest(utf8 body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var hash = SHA256()
        if BodyHash.normalizeASCII(body, stripped: &stripped, into: &normalized) == true {
            normalized.withUnsafeBytes { hash.update($0) }
        } else {
            hash.update(Array(BodyHash.normalizeScalars(String(decoding: body, as: UTF8.self)).utf8))
        }
        return hash.finalize()
    }
}
