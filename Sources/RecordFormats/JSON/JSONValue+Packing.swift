/// A compact binary form of `JSONValue`, for values held in memory by the million (the Syncro side of a drift
/// comparison) and read back one at a time.
///
/// Each value is a tag byte, then for a number or string its UTF-8 length (LEB128) and bytes, for an array its
/// element count and elements, for an object its member count and each key (length and bytes) and value: no
/// heap object per string, array or object, and no per-array headers. Unpacking gives a value equal to the packed
/// one (`==`).
extension JSONValue {
    private enum PackedTag: UInt8 {
        case null, falseValue, trueValue, number, string, array, object
    }

    /// Appends the packed form of the value to `bytes`.
    package func pack(into bytes: inout [UInt8]) {
        switch self {
        case .null: bytes.append(PackedTag.null.rawValue)
        case .bool(let flag): bytes.append(flag ? PackedTag.trueValue.rawValue : PackedTag.falseValue.rawValue)
        case .number(let literal):
            bytes.append(PackedTag.number.rawValue)
            Self.packText(literal, into: &bytes)
        case .string(let text):
            bytes.append(PackedTag.string.rawValue)
            Self.packText(text, into: &bytes)
        case .array(let elements):
            bytes.append(PackedTag.array.rawValue)
            Self.packLength(elements.count, into: &bytes)
            for element in elements { element.pack(into: &bytes) }
        case .object(let object):
            bytes.append(PackedTag.object.rawValue)
            Self.packLength(object.count, into: &bytes)
            for (key, value) in object {
                Self.packText(key, into: &bytes)
                value.pack(into: &bytes)
            }
        }
    }

    /// The value packed at `offset` of `bytes`; `offset` moves past it. Nil when the bytes are not a packed value.
    package static func unpack(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> JSONValue? {
        guard offset < bytes.count, let tag = PackedTag(rawValue: bytes[offset]) else { return nil }
        offset += 1
        switch tag {
        case .null: return .null
        case .falseValue: return .bool(false)
        case .trueValue: return .bool(true)
        case .number: return unpackText(bytes, at: &offset).map(JSONValue.number)
        case .string: return unpackText(bytes, at: &offset).map(JSONValue.string)
        case .array:
            guard let count = unpackLength(bytes, at: &offset) else { return nil }
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for _ in 0..<count {
                guard let element = unpack(bytes, at: &offset) else { return nil }
                elements.append(element)
            }
            return .array(elements)
        case .object:
            guard let count = unpackLength(bytes, at: &offset) else { return nil }
            var object = JSONObject()
            for _ in 0..<count {
                guard let key = unpackText(bytes, at: &offset), let value = unpack(bytes, at: &offset) else {
                    return nil
                }
                object.appendUnchecked(key, value)
            }
            return .object(object)
        }
    }

    // MARK: Pieces, for packers that build values from bytes without making them first

    /// Appends a packed `null`.
    package static func packNull(into bytes: inout [UInt8]) {
        bytes.append(PackedTag.null.rawValue)
    }

    /// Appends a packed string whose UTF-8 bytes are `utf8` (already valid UTF-8).
    package static func packString(utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        bytes.append(PackedTag.string.rawValue)
        packLength(utf8.count, into: &bytes)
        bytes.append(contentsOf: utf8)
    }

    /// Appends a packed number whose literal is `utf8` (a valid JSON number).
    package static func packNumber(utf8: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        bytes.append(PackedTag.number.rawValue)
        packLength(utf8.count, into: &bytes)
        bytes.append(contentsOf: utf8)
    }

    /// Appends the start of a packed object of `count` members; each member follows as `packKey(utf8:into:)` and
    /// a packed value.
    package static func packObjectStart(count: Int, into bytes: inout [UInt8]) {
        bytes.append(PackedTag.object.rawValue)
        packLength(count, into: &bytes)
    }

    /// Appends a member key of a packed object.
    package static func packKey(utf8: [UInt8], into bytes: inout [UInt8]) {
        packLength(utf8.count, into: &bytes)
        bytes.append(contentsOf: utf8)
    }

    /// Appends `length` in LEB128: seven bits a byte, low bits first.
    package static func packLength(_ length: Int, into bytes: inout [UInt8]) {
        var rest = UInt(length)
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The LEB128 length at `offset`; `offset` moves past it.
    package static func unpackLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> Int? {
        var value: UInt = 0
        var shift: UInt = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(exactly: value) }
            shift += 7
        }
        return nil
    }

    private static func packText(_ text: String, into bytes: inout [UInt8]) {
        packLength(text.utf8.count, into: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    private static func unpackText(_ bytes: UnsafeBufferPointer<UInt8>, at offset: inout Int) -> String? {
        guard let length = unpackLength(bytes, at: &offset), length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
    }
}
