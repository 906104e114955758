import Foundation
import RecordFormats
import Snapshot
import Testing

@Suite("Bad input gives diagnostics, never a crash")
struct BadInputTests {
    private func csvDirectory(_ scratch: ScratchDirectory, _ files: [String: String]) throws -> String {
        let (snapshot, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        try SnapshotWriter.write(snapshot, to: scratch.file("csv"))
        for (name, text) in files { try scratch.write("csv/\(name)", text) }
        return scratch.file("csv")
    }

    @Test("JSON with a byte-order mark and CRLF line ends loads")
    func jsonBOMAndCRLF() throws {
        let scratch = try ScratchDirectory()
        let text = try SnapshotFixtures.specExampleText().replacingOccurrences(of: "\n", with: "\r\n")
        let path = try scratch.write("snapshot.json", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let result = Diagnosed(path: path)
        #expect(result.diagnostics.isEmpty)
        #expect(result.elements.count == 5)
    }

    @Test("invalid UTF-8, a truncated file and a non-object stop with a positioned syntax error")
    func jsonSyntax() throws {
        let scratch = try ScratchDirectory()
        var bytes = Array(try SnapshotFixtures.specExampleText().utf8)
        let index = try #require(bytes.firstIndex(of: UInt8(ascii: "J")))  // "Jo Bloggs"
        bytes[index] = 0xFF
        let invalid = Diagnosed(path: try scratch.write("bad.json", bytes: bytes))
        #expect(invalid.codes == ["json.syntax"])
        #expect(invalid.diagnostics.first?.line == line(of: "Jo Bloggs", in: try SnapshotFixtures.specExampleText()))

        let text = try SnapshotFixtures.specExampleText()
        let truncated = Diagnosed(path: try scratch.write("cut.json", String(text.prefix(text.count / 2))))
        #expect(truncated.codes == ["json.syntax"])
        #expect(truncated.diagnostics.first?.message.contains("truncated") == true)

        #expect(Diagnosed(path: try scratch.write("array.json", "[]")).codes == [DiagnosticCode.structure])
        #expect(Diagnosed(path: try scratch.write("empty.json", "")).codes == ["json.syntax"])
        #expect(Diagnosed(path: scratch.file("missing.json")).codes == [DiagnosticCode.unreadable])
    }

    @Test("a CSV directory with a byte-order mark and CRLF line ends loads")
    func csvBOMAndCRLF() throws {
        let scratch = try ScratchDirectory()
        let directory = try csvDirectory(scratch, [:])
        for name in try scratch.contents("csv") {
            let path = scratch.file("csv/\(name)")
            let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
            try scratch.write("csv/\(name)", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        }
        let (snapshot, diagnostics) = try Snapshot.load(path: directory)
        #expect(diagnostics.isEmpty, "\(DiagnosticRenderer.text(diagnostics))")
        #expect(snapshot == (try Snapshot.load(path: SnapshotFixtures.specExamplePath)).0)
    }

    @Test("dangling CSV child rows are reported with their file and line")
    func danglingRows() throws {
        let scratch = try ScratchDirectory()
        let directory = try csvDirectory(
            scratch,
            [
                "customer_tags.csv": "syncro_customer_id,tag\n902311,co-managed\n1,orphan\n",
                "ticket_tags.csv": "partner_ticket_id,tag\n88412,co-managed\nnope,orphan\n",
                "comments.csv":
                    "partner_ticket_id,partner_comment_id,syncro_comment_id,hidden,body\n88412,c1,,false,x\n\n"
                    + "ghost,c2,,true,y\n",
            ])
        let result = Diagnosed(path: directory)
        #expect(result.codes == Array(repeating: DiagnosticCode.danglingRow, count: 3))
        let places = result.diagnostics.map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0)" }
        #expect(places == ["customer_tags.csv:3", "ticket_tags.csv:3", "comments.csv:4"])
    }

    @Test("duplicate CSV keys name both lines")
    func csvDuplicate() throws {
        let scratch = try ScratchDirectory()
        let directory = try csvDirectory(
            scratch,
            ["customers.csv": "syncro_customer_id,partner_id,business_name,email\n902311,1204,A,\n902311,9,B,\n"])
        let result = Diagnosed(path: directory)
        #expect(result.codes == [DiagnosticCode.duplicateKey])
        #expect(result.diagnostics.first?.line == 3)
        #expect(result.diagnostics.first?.related?.line == 2)
        #expect(
            DiagnosticRenderer.text(result.diagnostics).contains("customers.csv:3: error: [snapshot.duplicate-key]"))
    }

    @Test("CSV problems: invalid UTF-8, a missing required file or column, a wrong width, a bad boolean")
    func csvProblems() throws {
        let scratch = try ScratchDirectory()
        let directory = try csvDirectory(scratch, [:])
        try scratch.write(
            "csv/contacts.csv",
            bytes: Array("syncro_contact_id,syncro_customer_id,partner_id,name,email\n5530012,902311,u-88,J".utf8)
                + [0xC3, 0x28] + Array(",\n".utf8))
        #expect(Diagnosed(path: directory).codes == ["csv.invalid-utf8"])

        try FileManager.default.removeItem(atPath: scratch.file("csv/contacts.csv"))
        try FileManager.default.removeItem(atPath: scratch.file("csv/tickets.csv"))
        #expect(Diagnosed(path: directory).codes == [DiagnosticCode.missingFile])

        try scratch.write("csv/tickets.csv", "syncro_ticket_id\n1\n")
        #expect(Diagnosed(path: directory).codes == [DiagnosticCode.missingColumn])

        try scratch.write("csv/tickets.csv", "partner_ticket_id,syncro_ticket_id\nA,1,extra\nB,x\n")
        // The rows of the child files now reference tickets that are gone.
        #expect(Diagnosed(path: directory).codes.prefix(2) == ["csv.extra-column", DiagnosticCode.type])

        try scratch.write(
            "csv/comments.csv", "partner_ticket_id,partner_comment_id,syncro_comment_id,hidden,body\nA,c1,,yes,x\n")
        #expect(Diagnosed(path: directory).codes.contains(DiagnosticCode.type))
    }

    @Test("a CSV snapshot with an unknown major version is refused")
    func csvUnknownMajor() throws {
        let scratch = try ScratchDirectory()
        let directory = try csvDirectory(scratch, [:])
        let path = scratch.file("csv/snapshot.csv")
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: ",1.0,", with: ",3.1,")
        try scratch.write("csv/snapshot.csv", text)
        let result = Diagnosed(path: directory)
        #expect(result.codes == [DiagnosticCode.unsupportedMajor])
        #expect(result.elements.isEmpty)
    }

    private static let xmlHead = """
        <?xml version="1.0" encoding="UTF-8"?>
        """

    @Test(
        "XML with a DTD, an external entity or billion laughs is refused before expansion",
        arguments: [
            "<!DOCTYPE sfSnapshot [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<sfSnapshot>&x;</sfSnapshot>",
            "<!DOCTYPE sfSnapshot [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n]>\n<sfSnapshot>&c;</sfSnapshot>",
            "<!DOCTYPE sfSnapshot SYSTEM \"http://example.invalid/x.dtd\">\n<sfSnapshot/>",
        ])
    func xmlDTD(_ body: String) throws {
        let scratch = try ScratchDirectory()
        let result = try Diagnosed(Self.xmlHead + "\n" + body, name: "s.xml", in: scratch)
        #expect(result.codes == ["xml.dtd"])
        #expect(result.diagnostics.first?.line == 2)
        #expect(result.diagnostics.first?.column == 1)
    }

    @Test("XML with an undeclared entity, truncated or malformed stops with a positioned error")
    func xmlSyntax() throws {
        let scratch = try ScratchDirectory()
        let (snapshot, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        try SnapshotWriter.write(snapshot, to: scratch.file("good.xml"))
        let text = try String(contentsOfFile: scratch.file("good.xml"), encoding: .utf8)

        let entity = try Diagnosed(
            text.replacingOccurrences(of: "Jo Bloggs", with: "Jo &bogus;"), name: "e.xml", in: scratch)
        #expect(entity.codes == ["xml.entity"])
        #expect(entity.diagnostics.first?.line == line(of: "Jo Bloggs", in: text))

        let truncated = try Diagnosed(String(text.prefix(text.count * 2 / 3)), name: "t.xml", in: scratch)
        #expect(truncated.codes.count == 1)
        #expect(truncated.codes.first?.hasPrefix("xml.") == true)

        let invalid = Diagnosed(
            path: try scratch.write(
                "u.xml",
                bytes: Array(text.replacingOccurrences(of: "Jo Bloggs", with: "Jo @").utf8).map {
                    $0 == 0x40 ? 0xFF : $0
                }))
        #expect(invalid.codes == ["xml.syntax"])

        let wrongRoot = try Diagnosed("<records/>", name: "r.xml", in: scratch)
        #expect(wrongRoot.codes == [DiagnosticCode.structure])
    }

    @Test("XML values are typed like JSON ones")
    func xmlTypes() throws {
        let scratch = try ScratchDirectory()
        let (snapshot, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        try SnapshotWriter.write(snapshot, to: scratch.file("good.xml"))
        let text = try String(contentsOfFile: scratch.file("good.xml"), encoding: .utf8)
        #expect(text.contains("<userId/>"))
        let bad = text.replacingOccurrences(of: "syncroId=\"5530012\"", with: "syncroId=\"55x\"")
            .replacingOccurrences(of: "hidden=\"false\"", with: "hidden=\"no\"")
        let result = try Diagnosed(bad, name: "bad.xml", in: scratch)
        #expect(result.codes == [DiagnosticCode.type, DiagnosticCode.type])
        #expect(result.diagnostics.first?.line == line(of: "syncroId=\"55x\"", in: bad))
    }
}
