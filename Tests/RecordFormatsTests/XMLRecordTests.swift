import Foundation
import RecordFormats
import Testing

@Suite("XML records")
struct XMLRecordTests {
    static let tricky: [JSONObject] = [
        [
            "id": 1, "subject": "a <b> & \"c\" 'd'", "amount": .number("12.50"), "big": .number("-1.5E+300"),
            "active": true, "closed": false, "due": nil, "empty": "", "spaces": "  lead and trail  ",
            "crlf": "one\r\ntwo\rthree\nfour", "tab": "\tx\t", "emoji": "😀 café 日本", "control": "a\u{1}b\u{0}c",
            "noncharacter": "x\u{FFFF}y\u{FFFE}", "only-space": "   ", "newline-only": "\n", "cr-only": "\r",
        ],
        [
            "key with spaces": "v", "why?": 1, "1st": "leading digit", "xmlns": "ns", "XMLthing": "x",
            "xml:lang": "en", "field": "a field named field", "item": "an item key", "é": "non-ASCII key",
            "tab\tkey\nnl\rcr": "control whitespace in a key", "bad\u{1}key": "control in a key", "": "empty key",
        ],
        [
            "nested": ["a": ["b": ["c": [1, "two", nil, true, ["deep": []]]]]], "emptyObject": [:],
            "emptyArray": [], "arrayOfEmpties": [[], [:], "", nil], "arrayOfArrays": [[1, 2], [[3]]],
        ],
        [:],
    ]

    private func write(_ records: [JSONObject], in directory: TemporaryDirectory) throws -> (String, FileSummary) {
        let path = directory.file("tickets.xml")
        let writer = try XMLRecordWriter(path: path, entity: "tickets", recordElement: "ticket")
        for record in records { try writer.write(record) }
        return (path, try writer.finish())
    }

    private func readAll(_ reader: XMLRecordReader) throws -> [XMLRecord] {
        var records: [XMLRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private func expectRefused(
        _ text: String, code: String, line: Int, message: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(sourceLocation: sourceLocation) {
            _ = try readAll(XMLRecordReader(bytes: Array(text.utf8), name: "in.xml"))
        } throws: { error in
            guard let error = error as? RecordFileError else { return false }
            return error.code == code && error.line == line && error.column >= 1 && error.path == "in.xml"
                && (message.map { error.message.contains($0) } ?? true)
        }
    }

    @Test("tricky records round-trip exactly, with key order, element names and line numbers")
    func roundTrip() throws {
        let directory = try TemporaryDirectory()
        let (path, summary) = try write(Self.tricky, in: directory)
        #expect(summary.records == Self.tricky.count)
        #expect(summary.sha256 == SHA256.hexDigest(of: try directory.read("tickets.xml")))
        for chunkSize in [1, 7, 1 << 20] {
            let reader = try XMLRecordReader(path: path, chunkSize: chunkSize)
            #expect(reader.entity == "tickets")
            let records = try readAll(reader)
            #expect(records.map(\.fields) == Self.tricky)
            #expect(records.allSatisfy { $0.element == "ticket" })
            #expect(records.first?.line == 3)
            #expect(try reader.next() == nil)
        }
    }

    @Test("the file has the declared layout and escapes what XML needs")
    func layout() throws {
        let directory = try TemporaryDirectory()
        _ = try write([["id": 1, "name": "a<b", "why?": "x", "cr": "a\rb", "ctl": "\u{1}"]], in: directory)
        let text = String(decoding: try directory.read("tickets.xml"), as: UTF8.self)
        #expect(
            text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<records entity=\"tickets\">\n  <ticket>\n"))
        #expect(text.contains("<id type=\"number\">1</id>"))
        #expect(text.contains("<name>a&lt;b</name>"))
        #expect(text.contains("<field name=\"why?\">x</field>"))
        #expect(text.contains("<cr>a&#13;b</cr>"))
        #expect(text.contains("<ctl encoding=\"json\">&quot;\\u0001&quot;</ctl>"))
        #expect(text.hasSuffix("</records>\n"))
    }

    @Test("an empty export is a well-formed empty root")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        let (path, summary) = try write([], in: directory)
        #expect(summary.records == 0)
        let reader = try XMLRecordReader(path: path)
        #expect(reader.entity == "tickets")
        #expect(try reader.next() == nil)
    }

    /// `.ci/run` installs xmllint (Debian's libxml2-utils); without it the test is reported as skipped, not passed.
    @Test(
        "every written file is well-formed for xmllint (libxml2's own checker)",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint"), "xmllint is not installed")
    )
    func xmllintAccepts() throws {
        let lint = "/usr/bin/xmllint"
        let directory = try TemporaryDirectory()
        let (path, _) = try write(Self.tricky, in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: lint)
        process.arguments = ["--noout", "--nonet", path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("a DTD is refused before any content is read, with its exact position")
    func refusesDTD() {
        let text =
            "<?xml version=\"1.0\"?>\n<!-- <!DOCTYPE in a comment is fine -->\n  <!DOCTYPE records [ <!ELEMENT records ANY> ]>\n<records/>"
        #expect {
            _ = try readAll(XMLRecordReader(bytes: Array(text.utf8), name: "in.xml"))
        } throws: { error in
            (error as? RecordFileError)?.description.hasPrefix("in.xml:3:3: error: [xml.dtd] DTDs are not allowed")
                ?? false
        }
    }

    @Test("an external entity is refused without reading the file it names")
    func refusesExternalEntity() {
        expectRefused(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
                + "<records><t><a>&x;</a></t></records>",
            code: "xml.dtd", line: 2)
    }

    @Test("a billion-laughs document fails fast instead of expanding")
    func refusesBillionLaughs() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        text += "]>\n<records><t><a>&lol9;</a></t></records>\n"
        let clock = ContinuousClock()
        let elapsed = clock.measure { expectRefused(text, code: "xml.dtd", line: 2) }
        #expect(elapsed < .seconds(5))
    }

    @Test("an entity reference without a DTD is an error, not an expansion")
    func refusesUndeclaredEntity() {
        expectRefused("<records>\n<t><a>x&y;z</a></t></records>", code: "xml.entity", line: 2)
    }

    @Test("a truncated file is an error with a line number")
    func truncated() throws {
        let directory = try TemporaryDirectory()
        _ = try write(Self.tricky, in: directory)
        let bytes = try directory.read("tickets.xml")
        let cut = Array(bytes[..<(bytes.count * 2 / 3)])
        let expectedLine = cut.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        #expect {
            _ = try readAll(XMLRecordReader(bytes: cut, name: "cut.xml"))
        } throws: { error in
            guard let error = error as? RecordFileError else { return false }
            return error.path == "cut.xml" && error.line >= expectedLine - 1 && error.line <= expectedLine
        }
    }

    @Test(
        "malformed or foreign structure is refused with its position",
        arguments: [
            ("<records><t><a>1</b></t></records>", "xml.syntax", 1),
            ("<other/>", "xml.structure", 1),
            ("<records>\n<t><a type=\"number\">12x</a></t></records>", "xml.value", 2),
            ("<records>\n<t><a type=\"boolean\">yes</a></t></records>", "xml.value", 2),
            ("<records>\n<t><a type=\"date\">x</a></t></records>", "xml.value", 2),
            ("<records>\n<t><a type=\"array\"><b/></a></t></records>", "xml.structure", 2),
            ("<records>\n<t><a>x<b/></a></t></records>", "xml.structure", 2),
            ("<records>\nloose text</records>", "xml.structure", 2),
            ("<records></records>\n<more/>", "xml.syntax", 2),
        ])
    func malformed(text: String, code: String, line: Int) {
        expectRefused(text, code: code, line: line)
    }

    @Test("CDATA and comments are accepted on input")
    func cdataAndComments() throws {
        let text = "<records entity=\"x\"><!-- c --><r><a><![CDATA[<raw> & ]]>tail</a><!-- c --></r></records>"
        let records = try readAll(XMLRecordReader(bytes: Array(text.utf8)))
        #expect(records.map(\.fields) == [["a": "<raw> & tail"]])
    }

    @Test("a record element name that is not a plain XML name is refused")
    func badRecordElement() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: XMLWriteError.self) {
            _ = try XMLRecordWriter(path: directory.file("x.xml"), entity: "x", recordElement: "bad name")
        }
        #expect(try directory.contents().isEmpty)
    }
}
