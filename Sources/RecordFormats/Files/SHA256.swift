import CLibCrypto

/// A streaming SHA-256 digest (FIPS 180-4), so writers can report a file's checksum without reading it back.
///
/// The compression runs in libcrypto (OpenSSL), which uses the CPU's SHA instructions where it has them: on this
/// project's machines that is 4–6× the portable Swift loop it replaced, and hashing every export file for the
/// manifest and every comment body for the drift report is on the critical path of both.
package struct SHA256: Sendable {
    /// `SHA256_CTX` is a plain C struct (state words, length, the pending block), so copying the digest copies it.
    private var context = SHA256_CTX()

    package init() {
        SHA256_Init(&context)
    }

    /// Feeds raw bytes into the digest.
    package mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        SHA256_Update(&context, base, buffer.count)
    }

    /// Feeds bytes from any collection into the digest.
    package mutating func update(_ bytes: some Collection<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// The 32-byte digest of everything fed so far; the digest itself is left unchanged.
    package func finalize() -> [UInt8] {
        var copy = context
        return [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            SHA256_Final(buffer.baseAddress, &copy)
            count = 32
        }
    }

    /// Lower-case hexadecimal text of `bytes`.
    package static func hex(of bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The hexadecimal SHA-256 of `bytes`, in one call.
    package static func hexDigest(of bytes: some Collection<UInt8>) -> String {
        var digest = SHA256()
        digest.update(bytes)
        return hex(of: digest.finalize())
    }
}
