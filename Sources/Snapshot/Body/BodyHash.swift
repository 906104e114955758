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
        let stripped = stripTags(body)
        let decoded = HTMLEntities.decode(stripped)
        let composed = decoded.precomposedStringWithCanonicalMapping
        return collapseWhitespace(composed)
    }

    /// The lower-case hexadecimal SHA-256 of the normalised UTF-8 text of `body`.
    package static func sha256(_ body: String) -> String {
        SHA256.hexDigest(of: Array(normalize(body).utf8))
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
