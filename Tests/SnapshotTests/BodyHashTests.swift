import RecordFormats
import Snapshot
import Testing

@Suite("Body normalisation and hashing")
struct BodyHashTests {
    @Test(
        "normalisation strips tags, decodes entities, composes, collapses white space and trims",
        arguments: [
            ("  Rebuilt the\n\tOutlook   profile.  ", "Rebuilt the Outlook profile."),
            ("<p>one</p><p>two</p>", "one two"),
            ("<a href=\"x>y\">link</a>", "link"),
            ("<!-- note -->text", "text"),
            ("a < b and c > d", "a < b and c > d"),
            ("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#x27; &nbsp;x&hellip;", "<b> & \"q\" 's' x\u{2026}"),
            ("&unknown; &#0; &#xD800; &amp", "&unknown; &#0; &#xD800; &amp"),
            ("Cafe\u{0301}", "Caf\u{00E9}"),
            ("\u{00A0}\u{2003}x\r\ny\u{3000}", "x y"),
        ])
    func normalize(_ input: String, _ expected: String) {
        #expect(BodyHash.normalize(input) == expected)
    }

    @Test("the hash is the SHA-256 of the normalised UTF-8 text, in lower-case hex")
    func hash() {
        #expect(BodyHash.sha256("<b>x</b>") == SHA256.hexDigest(of: Array("x".utf8)))
        #expect(BodyHash.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(BodyHash.isWellFormed(BodyHash.sha256("x")))
        #expect(!BodyHash.isWellFormed(BodyHash.sha256("x").uppercased()))
        #expect(!BodyHash.isWellFormed("sha256:" + BodyHash.sha256("x")))
        #expect(!BodyHash.isWellFormed(String(BodyHash.sha256("x").dropLast())))
        #expect(!BodyHash.isWellFormed(String(BodyHash.sha256("x").dropLast()) + "g"))
        #expect(BodyHash.isWellFormed(String(repeating: "0123456789abcdef", count: 4)))
    }

    @Test("ASCII bodies normalise byte by byte exactly as scalar by scalar")
    func asciiPath() {
        let pieces = [
            "<", ">", "&", ";", "#", "x", "X", "1", "9", "a", "B", " ", "\t", "\n", "\r", "\u{0B}", "\u{1F}", "\"", "'",
            "!", "-", "/", "?", "<b>", "</p>", "<!--", "-->", "&amp;", "&lt;", "&nbsp;", "&eacute;", "&#769;", "&#x41;",
            "&#0;", "&#xD800;", "e", "&hellip;", "<a href=\"x>y\">",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5_000 {
            var body = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 59) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                body += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(BodyHash.normalize(body) == BodyHash.normalizeScalars(body), "\(body.debugDescription)")
            #expect(BodyHash.sha256(body) == SHA256.hexDigest(of: Array(BodyHash.normalizeScalars(body).utf8)))
        }
    }
}
