import RecordFormats
import Snapshot
import Testing

/// `BodyDigester` normalises ASCII bodies in buffers it keeps from body to body: every digest must be the
/// SHA-256 of the text `normalizeScalars` gives, whatever came before it.
@Suite("Body digests in kept buffers")
struct BodyDigesterTests {
    private static let bodies = [
        "", " ", "x", "  Rebuilt the\n\tOutlook   profile.  ", "<p>one</p><p>two</p>", "<a href=\"x>y\">link</a>",
        "<!-- note -->text", "a < b and c > d", "&lt;b&gt; &amp; &quot;q&quot; &#39;s&#x27; &nbsp;x&hellip;",
        "&unknown; &#0; &#xD800; &amp", "&AMP; &Lt; &ampx; &am; &quo; &quott; &#x3C;b&#62;", "&#32;&#10;x&#9; &#x20;",
        "&lt;b&gt;bold&lt;/b&gt;", "Cafe\u{0301}", "Caf&eacute; e&#769;", "e&#x301;", "\u{00A0}\u{2003}x\r\ny\u{3000}",
        "ünï <b>日本</b> &amp; 😀", "\u{1F}\u{0B}\u{0C}a\u{85}b", "<b>x</b>", "x<", "<", "&", "&;", "&#;", "&#x;",
        "<!-- open", "<b unterminated", "tab\tand\u{0B}vt", String(repeating: "long <i>text</i> &amp; ", count: 300),
        "&#12345678;", "&#123456789;", "&#x10FFFF;", "&#x110000;", "&thinsp;&zwj;", "A&#x30A;", "&#65;&#x30A;",
    ]

    @Test("digests of tricky bodies, one digester after another, are the SHA-256 of the scalar normalisation")
    func trickyBodies() {
        var digester = BodyDigester()
        for round in 0..<3 {
            for body in round == 1 ? Self.bodies.reversed() : Self.bodies {
                let expected = SHA256.hexDigest(of: Array(BodyHash.normalizeScalars(body).utf8))
                #expect(SHA256.hex(of: digester.digest(body)) == expected, "\(body.debugDescription)")
                var text = body
                let fromBytes = text.withUTF8 { digester.digest(utf8: $0) }
                #expect(SHA256.hex(of: fromBytes) == expected, "bytes of \(body.debugDescription)")
                #expect(BodyHash.sha256(body) == expected)
                #expect(BodyHash.normalize(body) == BodyHash.normalizeScalars(body), "\(body.debugDescription)")
            }
        }
    }

    @Test("random mixes of tags, references, white space and non-ASCII text digest as the scalar path does")
    func randomMixes() {
        let pieces = [
            "<", ">", "&", ";", "#", "x", "X", "1", "a", " ", "\t", "\n", "\r", "\u{0B}", "\"", "'", "!", "-", "/",
            "<b>", "</p>", "<!--", "-->", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&eacute;", "&#769;",
            "&#x41;", "&#32;", "&#0;", "e", "é", "\u{0301}", "日", "\u{00A0}", "\u{2003}",
        ]
        var digester = BodyDigester()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            var body = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 58) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                body += pieces[Int(state >> 33) % pieces.count]
            }
            let expected = SHA256.hexDigest(of: Array(BodyHash.normalizeScalars(body).utf8))
            var text = body
            #expect(SHA256.hex(of: text.withUTF8 { digester.digest(utf8: $0) }) == expected, "\(body.debugDescription)")
        }
    }
}
