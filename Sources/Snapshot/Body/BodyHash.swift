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
        var hash = SHA256()
        hash.update(normalizedASCII(body) ?? Array(normalizeScalars(body).utf8))
        return hash.finalize()
    }

    /// The normalised UTF-8 bytes of `body` when it is ASCII, nil otherwise.
    ///
    /// Nearly all bodies are ASCII, and there every step works on bytes: tags and references are ASCII, and NFC
    /// changes nothing unless a reference decodes to a non-ASCII scalar (only then does Foundation compose the
    /// text). This skips building scalar arrays and Foundation's normalisation, which were most of the cost of
    /// hashing. ASCII's Unicode white space is tab, line feed, vertical tab, form feed, carriage return and space.
    static func normalizedASCII(_ body: String) -> [UInt8]? {
        var body = body
        body.makeContiguousUTF8()
        let stripped = body.utf8.withContiguousStorageIfAvailable { bytes -> [UInt8]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return bytes.contains(UInt8(ascii: "<")) ? stripTags(bytes) : Array(bytes)
        }
        guard let stripped = stripped ?? nil else { return nil }
        guard stripped.contains(UInt8(ascii: "&")) else { return collapseWhitespace(stripped) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(stripped.count)
        var isASCII = true
        var index = 0
        while index < stripped.count {
            if stripped[index] == UInt8(ascii: "&"), let (scalar, end) = HTMLEntities.reference(stripped, at: index) {
                isASCII = isASCII && scalar.isASCII
                UTF8.encode(scalar) { decoded.append($0) }
                index = end + 1
            } else {
                decoded.append(stripped[index])
                index += 1
            }
        }
        guard isASCII else {
            let composed = String(decoding: decoded, as: UTF8.self).precomposedStringWithCanonicalMapping
            return Array(collapseWhitespace(composed).utf8)
        }
        return collapseWhitespace(decoded)
    }

    /// `stripTags(_:)` for ASCII bytes.
    private static func stripTags(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
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
        return result
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

    /// `collapseWhitespace(_:)` for ASCII bytes.
    private static func collapseWhitespace(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return result
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
