import RecordFormats
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                    + "mnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ]
    )
    func vectors(input: String, expected: String) {
        #expect(SHA256.hexDigest(of: Array(input.utf8)) == expected)
    }

    @Test("one million 'a', fed in uneven pieces")
    func millionA() {
        var digest = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 997)
        var remaining = 1_000_000
        while remaining > 0 {
            let count = min(piece.count, remaining)
            digest.update(piece[0..<count])
            remaining -= count
        }
        #expect(
            SHA256.hex(of: digest.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("every split of a message gives the same digest as one update")
    func splits() {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hexDigest(of: message)
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 199] {
            var digest = SHA256()
            digest.update(message[..<split])
            digest.update(message[split...])
            #expect(SHA256.hex(of: digest.finalize()) == whole, "split at \(split)")
        }
    }

    @Test("finalize leaves the digest usable")
    func finalizeIsPure() {
        var digest = SHA256()
        digest.update(Array("ab".utf8))
        _ = digest.finalize()
        digest.update(Array("c".utf8))
        #expect(SHA256.hex(of: digest.finalize()) == SHA256.hexDigest(of: Array("abc".utf8)))
    }
}
