/// Decodes HTML character references: the common named entities and every numeric one.
///
/// A reference that is unknown, unterminated, or names no valid scalar (`&#0;`, a surrogate) is kept as it is,
/// so decoding never loses text.
enum HTMLEntities {
    /// The named entities bodies use in practice (HTML 4's Latin-1 punctuation and typography).
    static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "copy": "\u{00A9}",
        "reg": "\u{00AE}", "trade": "\u{2122}", "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "sbquo": "\u{201A}",
        "bdquo": "\u{201E}", "bull": "\u{2022}", "middot": "\u{00B7}", "euro": "\u{20AC}", "pound": "\u{00A3}",
        "yen": "\u{00A5}", "cent": "\u{00A2}", "sect": "\u{00A7}", "para": "\u{00B6}", "deg": "\u{00B0}",
        "plusmn": "\u{00B1}", "times": "\u{00D7}", "divide": "\u{00F7}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "shy": "\u{00AD}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "dagger": "\u{2020}", "Dagger": "\u{2021}", "permil": "\u{2030}", "prime": "\u{2032}", "larr": "\u{2190}",
        "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}", "harr": "\u{2194}", "check": "\u{2713}",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "aacute": "\u{00E1}", "agrave": "\u{00E0}",
        "uuml": "\u{00FC}", "ouml": "\u{00F6}", "auml": "\u{00E4}", "Uuml": "\u{00DC}", "Ouml": "\u{00D6}",
        "Auml": "\u{00C4}", "szlig": "\u{00DF}", "ccedil": "\u{00E7}", "ntilde": "\u{00F1}",
    ]

    /// `text` with its character references replaced by the characters they name.
    static func decode(_ text: String) -> String {
        guard text.unicodeScalars.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (scalar, end) = reference(scalars, at: index) {
                result.append(scalar)
                index = end + 1
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// The scalar the reference at `start` names and the index of its `;`.
    private static func reference(_ scalars: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var end = start + 1
        while end < scalars.count, end - start <= 32, scalars[end] != ";" {
            guard scalars[end].isASCII,
                scalars[end].properties.isAlphabetic || ("0"..."9").contains(scalars[end])
                    || scalars[end] == "#"
            else { return nil }
            end += 1
        }
        guard end < scalars.count, scalars[end] == ";", end > start + 1 else { return nil }
        let name = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        return scalar(named: name).map { ($0, end) }
    }

    /// The scalar the reference at `start` of ASCII `bytes` names and the index of its `;`: `reference(_:at:)`
    /// for text known to be ASCII, without building an array of scalars (nor a string for the usual `&amp;`,
    /// `&lt;`, `&gt;`, `&quot;`).
    static func reference(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var end = start + 1
        while end < bytes.count, end - start <= 32, bytes[end] != UInt8(ascii: ";") {
            let byte = bytes[end] | 0x20
            guard
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (bytes[end] >= UInt8(ascii: "0") && bytes[end] <= UInt8(ascii: "9"))
                    || bytes[end] == UInt8(ascii: "#")
            else { return nil }
            end += 1
        }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])
        if let common = commonScalar(named: name) { return (common, end) }
        return scalar(named: String(decoding: name, as: UTF8.self)).map { ($0, end) }
    }

    /// The scalar of `amp`, `lt`, `gt` or `quot` (as `named` has them), nil for any other name.
    private static func commonScalar(named name: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        switch name.count {
        case 2 where name[1] == UInt8(ascii: "t"):
            if name[0] == UInt8(ascii: "l") { return "<" }
            if name[0] == UInt8(ascii: "g") { return ">" }
            return nil
        case 3 where name[0] == UInt8(ascii: "a") && name[1] == UInt8(ascii: "m") && name[2] == UInt8(ascii: "p"):
            return "&"
        case 4
        where name[0] == UInt8(ascii: "q") && name[1] == UInt8(ascii: "u") && name[2] == UInt8(ascii: "o")
            && name[3] == UInt8(ascii: "t"):
            return "\""
        default:
            return nil
        }
    }

    /// The scalar a reference's name (between `&` and `;`) stands for: `amp`, `#233`, `#xE9`; nil when none.
    static func scalar(named name: String) -> Unicode.Scalar? {
        if name.hasPrefix("#") {
            var digits = name.dropFirst()
            var radix = 10
            if digits.first == "x" || digits.first == "X" {
                digits = digits.dropFirst()
                radix = 16
            }
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: radix), value != 0 else {
                return nil
            }
            return Unicode.Scalar(value)
        }
        return named[name]
    }
}
