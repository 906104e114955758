import Foundation
import RecordFormats

/// The normalised form of a comment body and its SHA-256, as `body_sha256` holds it (`docs/snapshot-format.md`).
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
        guard let count = body.withUTF8({ normalizeASCII($0, stripped: &stripped, into: &normalized) }) else {
            // Either the body is not ASCII or a reference named a non-ASCII character, which only then needs
            // composing (NFC).
            return body.utf8.allSatisfy { $0 < 0x80 } ? Array(normalizeScalars(body).utf8) : nil
        }
        return Array(normalized[..<count])
    }

    /// Writes the normalised bytes of ASCII `body` to the start of `result`, using `stripped` for the text without
    /// its tags, and returns their count; nil when `body` is not ASCII or a reference in it names a non-ASCII
    /// character (the text must then be composed: see `normalizeScalars`).
    ///
    /// Nearly all bodies are ASCII, and there every step works on bytes: tags and references are ASCII, and NFC
    /// changes nothing unless a reference decodes to a non-ASCII scalar. This skips building scalar arrays and
    /// Foundation's normalisation, which were most of the cost of hashing; the two buffers are the caller's so
    /// that hashing many bodies allocates none. ASCII's Unicode white space is tab, line feed, vertical tab, form
    /// feed, carriage return and space.
    static func normalizeASCII(
        _ body: UnsafeBufferPointer<UInt8>, stripped: inout [UInt8], into result: inout [UInt8]
    ) -> Int? {
        guard let base = body.baseAddress else { return 0 }
        // One pass, eight bytes at a time, finds whether the body is ASCII and has tags or references at all.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
            let difference = word ^ (ones &* UInt64(byte))
            return (difference &- ones) & ~difference & highBits != 0
        }
        var high: UInt64 = 0
        var hasTag = false
        var hasReference = false
        var index = 0
        while index + 8 <= body.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            high |= word
            hasTag = hasTag || hasByte(word, UInt8(ascii: "<"))
            hasReference = hasReference || hasByte(word, UInt8(ascii: "&"))
            index += 8
        }
        while index < body.count {
            let byte = body[index]
            high |= UInt64(byte)
            hasTag = hasTag || byte == UInt8(ascii: "<")
            hasReference = hasReference || byte == UInt8(ascii: "&")
            index += 1
        }
        guard high & highBits == 0 else { return nil }
        if hasTag {
            let count = overwrite(&stripped, upTo: body.count) { stripTags(body, into: $0) }
            return stripped.withUnsafeBufferPointer { stripped in
                overwrite(&result, upTo: count) {
                    decodeAndCollapse(
                        UnsafeBufferPointer(rebasing: stripped[..<count]), decoding: hasReference, into: $0)
                }
            }
        }
        return overwrite(&result, upTo: body.count) { decodeAndCollapse(body, decoding: hasReference, into: $0) }
    }

    /// Lets `write` write up to `capacity` bytes straight into the storage of `array` (grown to at least that many
    /// bytes, never shrunk) and returns what it returns: the count it wrote at the start. Storing through a pointer
    /// costs less than appending byte by byte, and the array keeps its storage, and its length, for the next body.
    private static func overwrite<Written>(
        _ array: inout [UInt8], upTo capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Written
    ) -> Written {
        if array.count < capacity { array.append(contentsOf: repeatElement(0, count: capacity - array.count)) }
        return array.withUnsafeMutableBufferPointer { write($0) }
    }

    /// Writes `bytes` to `output` with their references decoded (when `decoding`) and white space collapsed and
    /// trimmed; returns the count written, or nil when a reference names a non-ASCII character. Both steps only
    /// shorten the text, so `output` needs no more room than `bytes`.
    private static func decodeAndCollapse(
        _ bytes: UnsafeBufferPointer<UInt8>, decoding: Bool, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        var count = 0
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            var byte = bytes[index]
            index += 1
            if decoding, byte == UInt8(ascii: "&"), let (scalar, end) = HTMLEntities.reference(bytes, at: index - 1) {
                guard scalar.isASCII else { return nil }
                byte = UInt8(scalar.value)
                index = end + 1
            }
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = count != 0
            } else {
                if pendingSpace {
                    output[count] = 0x20
                    count += 1
                }
                pendingSpace = false
                output[count] = byte
                count += 1
            }
        }
        return count
    }

    /// `stripTags(_:)` for ASCII bytes, written to `output` (a tag is at least three bytes and becomes one, so
    /// `output` needs no more room than `bytes`); returns the count written.
    private static func stripTags(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> Int
    {
        var count = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count, let end = tagEnd(bytes, from: index) {
                output[count] = UInt8(ascii: " ")
                index = end + 1
            } else {
                output[count] = bytes[index]
                index += 1
            }
            count += 1
        }
        return count
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
        func isDigit(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) }
        guard text.utf8.count == 64 else { return false }
        // Over the bytes in place where the string has them (every native one): this runs for each comment read.
        return text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isDigit) }
            ?? text.utf8.allSatisfy(isDigit)
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
        if let count = BodyHash.normalizeASCII(body, stripped: &stripped, into: &normalized) {
            normalized.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        } else {
            hash.update(Array(BodyHash.normalizeScalars(String(decoding: body, as: UTF8.self)).utf8))
        }
        return hash.finalize()
    }
}
