import RecordFormats
import Testing

@Suite("CSV reader")
struct CSVReaderTests {
    private func readAll(_ text: String, chunkSize: Int = 1 << 20, hasHeader: Bool = false) throws -> [CSVRow] {
        try readAll(Array(text.utf8), chunkSize: chunkSize, hasHeader: hasHeader)
    }

    private func readAll(_ bytes: [UInt8], chunkSize: Int = 1 << 20, hasHeader: Bool = false) throws -> [CSVRow] {
        let reader = CSVReader(bytes: bytes, name: "in.csv", hasHeader: hasHeader, chunkSize: chunkSize)
        var rows: [CSVRow] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    private func expectError(
        _ bytes: [UInt8], code: String, line: Int, column: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for chunkSize in [1, 2, 1 << 20] {
            #expect(sourceLocation: sourceLocation) {
                _ = try readAll(bytes, chunkSize: chunkSize)
            } throws: { error in
                guard let error = error as? RecordFileError else { return false }
                return error.code == code && error.line == line && error.column == column && error.path == "in.csv"
            }
        }
    }

    @Test("quoted fields, embedded line ends, BOM, CRLF and lone CR, at every chunk size")
    func structure() throws {
        let text = "\u{FEFF}a,\"b,\r\nc\",\"d\"\"e\"\r\n\r\n\"\",x,\r\ny\rlast, z "
        let expected = [
            CSVRow(fields: ["a", "b,\r\nc", "d\"e"], line: 1),
            CSVRow(fields: ["", "x", ""], line: 4),
            CSVRow(fields: ["y"], line: 5),
            CSVRow(fields: ["last", " z "], line: 6),
        ]
        for chunkSize in [1, 2, 3, 5, 1 << 20] {
            #expect(try readAll(text, chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test("the header is read once and the rows after it are numbered by their first line")
    func header() throws {
        let reader = CSVReader(bytes: Array("id,name\n1,\"two\nlines\"\n2,b\n".utf8))
        #expect(try reader.header() == ["id", "name"])
        #expect(try reader.nextRow() == CSVRow(fields: ["1", "two\nlines"], line: 2))
        #expect(try reader.nextRow() == CSVRow(fields: ["2", "b"], line: 4))
        #expect(try reader.nextRow() == nil)
        #expect(try reader.header() == ["id", "name"])
        #expect(try CSVReader(bytes: []).header() == nil)
    }

    @Test("an unterminated quote is reported where it opens")
    func unterminatedQuote() {
        expectError(Array("a,b\nc,\"open\nmore".utf8), code: "csv.unterminated-quote", line: 2, column: 3)
    }

    @Test("a stray quote in an unquoted field, or text after a closing quote, is reported where it is")
    func strayQuotes() {
        expectError(Array("a,b\ncé,x\"y\n".utf8), code: "csv.stray-quote", line: 2, column: 5)
        expectError(Array("\"a\"b,c\n".utf8), code: "csv.stray-quote", line: 1, column: 4)
    }

    @Test("invalid UTF-8 is reported at the start of its field")
    func invalidUTF8() {
        expectError(
            Array("a,b\nx,".utf8) + [0x61, 0xC3, 0x28] + Array("\n".utf8), code: "csv.invalid-utf8", line: 2, column: 3)
    }

    @Test("rows of the wrong width fail by default, or are reported and returned")
    func fieldCounts() throws {
        let text = Array("a,b\n1,2,3\n4\n5,6\n".utf8)
        #expect {
            let reader = CSVReader(bytes: text, name: "in.csv")
            while try reader.nextRow() != nil {}
        } throws: { error in
            (error as? RecordFileError)?.description
                == "in.csv:2:1: error: [csv.extra-column] the row has 3 fields but the header has 2 columns; "
                + "quote fields that contain commas"
        }
        let reader = CSVReader(bytes: text, name: "in.csv", fieldCountPolicy: .report)
        var rows: [[String]] = []
        while let row = try reader.nextRow() { rows.append(row.fields) }
        #expect(rows == [["1", "2", "3"], ["4"], ["5", "6"]])
        #expect(reader.diagnostics.map(\.code) == ["csv.extra-column", "csv.missing-column"])
        #expect(reader.diagnostics.map(\.line) == [2, 3])
    }

    @Test("a file on disk is read in chunks like bytes in memory")
    func fromFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("in.csv", Array("h\n\"x\ny\"\nz".utf8))
        let reader = try CSVReader(path: path, chunkSize: 2)
        #expect(try reader.header() == ["h"])
        #expect(try reader.nextRow() == CSVRow(fields: ["x\ny"], line: 2))
        #expect(try reader.nextRow() == CSVRow(fields: ["z"], line: 4))
        #expect(try reader.nextRow() == nil)
    }

    /// A byte-order mark, CRLF and lone CR line ends, blank lines, quoted line breaks, doubled quotes, non-ASCII.
    private static let seekable = Array(
        ("\u{FEFF}id,text\r\n1,plain\r\n\r\n2,\"two\r\nlines\"\n3,\"say \"\"hi\"\"\"\r"
            + "4,größe\n\n\n5,\"\"\n6,last").utf8)

    @Test(
        "each row's offset reads it again, in any order and from any chunk, from memory and from a file",
        arguments: [1, 2, 3, 5, 64])
    func rowAtOffset(chunkSize: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("in.csv", Self.seekable)
        for reader in [
            CSVReader(bytes: Self.seekable, name: "in.csv", chunkSize: chunkSize),
            try CSVReader(path: path, chunkSize: chunkSize),
        ] {
            var rows: [(offset: Int, row: CSVRow)] = []
            while let row = try reader.nextRow() { rows.append((reader.rowOffset, row)) }
            #expect(rows.map(\.row.line) == [2, 4, 6, 7, 10, 11])
            // Each offset is the row's first byte: right after the previous line end, past the byte-order mark.
            #expect(rows.map { Self.seekable[$0.offset] } == Array("123456".utf8))

            var generator = SplitMix64(seed: UInt64(chunkSize))
            let visits = rows.indices.reversed() + rows.indices + rows.indices.shuffled(using: &generator)
            for index in visits {
                let (offset, row) = rows[index]
                #expect(try reader.row(at: offset, line: row.line) == row)
                #expect(reader.rowOffset == offset)
            }
            // After a row read again, `nextRow()` goes on with the row after it.
            #expect(try reader.row(at: rows[2].offset, line: rows[2].row.line) == rows[2].row)
            #expect(try reader.nextRow() == rows[3].row)
            #expect(try reader.row(at: Self.seekable.count, line: 12) == nil)
        }
    }
}
