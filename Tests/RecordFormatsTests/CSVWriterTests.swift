import RecordFormats
import Testing

@Suite("CSV writer")
struct CSVWriterTests {
    static let columns = ["id", "name", "note", "empty", "emoji"]
    static let rows: [[String?]] = [
        ["1", " lead", "trail ", nil, "café ☕"],
        ["2", "a,b", "say \"hi\"", "", "😀"],
        ["3", "line1\nline2", "cr\rhere", "crlf\r\nend", "x"],
        ["4", "\"", ",", "\"\"", "'"],
        ["-5", "=SUM(A1)", "@me", "+1", "\ttab"],
    ]

    /// Python 3.11 `csv.writer(f, lineterminator="\r\n")` (the default excel dialect) on `rows`, computed once.
    static let pythonCRLF =
        "id,name,note,empty,emoji\r\n1, lead,trail ,,café ☕\r\n2,\"a,b\",\"say \"\"hi\"\"\",,😀\r\n"
        + "3,\"line1\nline2\",\"cr\rhere\",\"crlf\r\nend\",x\r\n4,\"\"\"\",\",\",\"\"\"\"\"\",'\r\n"
        + "-5,=SUM(A1),@me,+1,\ttab\r\n"

    private func write(_ profile: CSVProfile, numeric: Set<String> = [], rows: [[String?]] = rows) throws -> [UInt8] {
        let directory = try TemporaryDirectory()
        let writer = try CSVWriter(
            path: directory.file("out.csv"), columns: Self.columns, profile: profile, numericColumns: numeric)
        for row in rows { try writer.writeRow(row) }
        let summary = try writer.finish()
        let bytes = try directory.read("out.csv")
        #expect(summary.records == rows.count)
        #expect(summary.bytes == bytes.count)
        #expect(summary.sha256 == SHA256.hexDigest(of: bytes))
        return bytes
    }

    @Test("CRLF output is byte-identical to Python's csv module")
    func matchesPython() throws {
        let profile = CSVProfile(writesByteOrderMark: false, lineEnding: [0x0D, 0x0A], neutralisesFormulas: false)
        #expect(try write(profile) == Array(Self.pythonCRLF.utf8))
    }

    @Test("the standard profile uses LF and, unlike Python with an LF terminator, still quotes a bare CR")
    func standardProfile() throws {
        // Python quotes only the characters of its own line terminator, so with "\n" it would write cr\rhere bare,
        // and its own reader would then split the row at the CR.
        let expected = Self.pythonCRLF.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "crlf\n", with: "crlf\r\n")
        #expect(try write(.standard) == Array(expected.utf8))
    }

    @Test("the excel profile writes a BOM, CRLF, and neutralises formula-like cells outside numeric columns")
    func excelProfile() throws {
        let bytes = try write(.excel, numeric: ["id"])
        let expected =
            "\u{FEFF}id,name,note,empty,emoji\r\n1, lead,trail ,,café ☕\r\n2,\"a,b\",\"say \"\"hi\"\"\",,😀\r\n"
            + "3,\"line1\nline2\",\"cr\rhere\",\"crlf\r\nend\",x\r\n4,\"\"\"\",\",\",\"\"\"\"\"\",'\r\n"
            + "-5,'=SUM(A1),'@me,'+1,'\ttab\r\n"
        #expect(bytes == Array(expected.utf8))
    }

    @Test(
        "a numeric column keeps plain numbers but still neutralises anything else",
        arguments: [
            ("-5", "-5"), ("+1.5e3", "+1.5e3"), ("-0.25", "-0.25"), ("-", "'-"), ("-1+2", "'-1+2"), ("=1", "'=1"),
            ("-5,3", "\"'-5,3\""), ("\r", "\"'\r\""),
        ])
    func numericColumns(value: String, expected: String) throws {
        let encoder = CSVRowEncoder(profile: .excel, columns: ["amount"], numericColumns: ["amount"])
        var bytes: [UInt8] = []
        encoder.append([value], to: &bytes)
        #expect(bytes == Array((expected + "\r\n").utf8))
    }

    @Test("a row of one empty field is written as a quoted empty string, like Python")
    func singleEmptyField() {
        let encoder = CSVRowEncoder(profile: .standard, columns: ["only"])
        var bytes: [UInt8] = []
        for row: [String?] in [["only"], [""], [nil], ["x"]] { encoder.append(row, to: &bytes) }
        #expect(bytes == Array("only\n\"\"\n\"\"\nx\n".utf8))
    }

    @Test("a row of the wrong width is refused and the file is not committed")
    func wrongWidth() throws {
        let directory = try TemporaryDirectory()
        let writer = try CSVWriter(path: directory.file("out.csv"), columns: ["a", "b"])
        #expect(throws: RecordFileError.self) { try writer.writeRow(["1"]) }
        writer.abandon()
        #expect(try directory.contents().isEmpty)
    }
}
