/// The escapes of a JSON string (RFC 8259 §7), shared by every reader of JSON text in the project: the parser, the
/// event reader and the snapshot's fast ticket scanner each report a bad escape their own way, but decode a good
/// one the same way.
package enum JSONEscape {
    /// The byte that `\` followed by `escape` stands for (`"`, `\`, `/`, `b`, `f`, `n`, `r`, `t`); nil for `u`
    /// (four hex digits follow) and for anything JSON does not allow.
    @inline(__always)
    package static func character(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escape
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// The value of one hexadecimal digit of a `\u` escape, either case; nil for any other byte.
    @inline(__always)
    package static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
