/// The decoded parameters of a request's query string, in order, with repeated names kept.
///
/// Decoding follows HTML forms, as Rails does: `+` is a space and `%XX` a byte. A name given more than once takes
/// its last value, as in Rails (`page=1&page=2` is page 2); names ending in `[]` are the Rails array form, which
/// collects every value.
package struct QueryParameters: Sendable, Hashable {
    package var pairs: [(name: String, value: String)]

    package init(_ query: String?) {
        pairs = []
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&") where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    package static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    package func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    /// The last value of `name`, or nil when absent.
    package subscript(name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    /// The last value of `name` when it is not blank, or nil.
    package func nonEmpty(_ name: String) -> String? {
        guard let value = self[name]?.trimmed, !value.isEmpty else { return nil }
        return value
    }

    /// The integer value of `name`, or nil when absent or not an integer.
    package func int(_ name: String) -> Int? {
        nonEmpty(name).flatMap { Int($0) }
    }

    /// The boolean value of `name` (`true`/`1`/`yes` or `false`/`0`/`no`), or nil.
    package func bool(_ name: String) -> Bool? {
        switch nonEmpty(name)?.lowercased() {
        case "true", "1", "yes", "t": true
        case "false", "0", "no", "f": false
        default: nil
        }
    }

    /// Every value of `name[]`, or else the last value of `name`, with comma-separated values split.
    package func list(_ name: String) -> [String] {
        var values = pairs.filter { $0.name == name + "[]" }.map(\.value)
        if values.isEmpty, let last = self[name] { values = [last] }
        return values.flatMap { $0.split(separator: ",").map { String($0).trimmed } }.filter { !$0.isEmpty }
    }

    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next() else {
                    bytes.append(byte)
                    break
                }
                guard let low = iterator.next() else {
                    bytes.append(contentsOf: [byte, high])
                    break
                }
                if let h = hexValue(high), let l = hexValue(low) {
                    bytes.append(h << 4 | l)
                } else {
                    bytes.append(contentsOf: [byte, high, low])
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
