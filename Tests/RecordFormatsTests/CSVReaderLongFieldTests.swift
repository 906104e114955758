import RecordFormats
import Testing

/// Long fields are scanned eight bytes at a time: rows, columns in errors and UTF-8 checks must not change.
@Suite("CSV reader: long fields")
struct CSVReaderLongFieldTests {
    private static let long = "Printer jam — ünïcode 日本 on floor 12; cleared the queue & restarted the spooler"

    private func readAll(_ bytes: [UInt8], chunkSize: Int) throws -> [CSVRow] {
        let reader = CSVReader(bytes: bytes, name: "in.csv", hasHeader: false, chunkSize: chunkSize)
        var rows: [CSVRow] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    private func error(_ bytes: [UInt8], chunkSize: Int) -> RecordFileError? {
        do {
            _ = try readAll(bytes, chunkSize: chunkSize)
            return nil
        } catch {
            return error as? RecordFileError
        }
    }

    @Test("long quoted and unquoted fields, with every byte that ends a run, read whole at every chunk size")
    func longFields() throws {
        let quoted = Self.long + ",\r\n\"\"" + Self.long + "\n" + Self.long
        let text =
            "\(Self.long),\"\(quoted.replacingOccurrences(of: "\"", with: "\"\""))\",\(Self.long)\r\n"
            + "\(Self.long)\r\(Self.long)\n"
        let expected = [
            CSVRow(fields: [Self.long, quoted, Self.long], line: 1),
            CSVRow(fields: [Self.long], line: 4),
            CSVRow(fields: [Self.long], line: 5),
        ]
        for chunkSize in [1, 7, 8, 9, 61, 1 << 20] {
            #expect(try readAll(Array(text.utf8), chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    @Test("columns in errors count characters after long runs of multi-byte text")
    func columnsAfterLongRuns() {
        let characters = Self.long.count
        let cases: [([UInt8], String, Int, Int)] = [
            (Array("\(Self.long)\(Self.long)x\"y\n".utf8), "csv.stray-quote", 1, 2 * characters + 2),
            (Array("a,\"\(Self.long)\"x\n".utf8), "csv.stray-quote", 1, characters + 5),
            (Array("\(Self.long),\"\(Self.long)\n\(Self.long)".utf8), "csv.unterminated-quote", 1, characters + 2),
            (
                Array("\(Self.long),\(Self.long)".utf8) + [0xC3, 0x28] + Array("\n".utf8), "csv.invalid-utf8", 1,
                characters + 2
            ),
        ]
        for (bytes, code, line, column) in cases {
            for chunkSize in [3, 8, 1 << 20] {
                let found = error(bytes, chunkSize: chunkSize)
                #expect(
                    found?.code == code && found?.line == line && found?.column == column,
                    "\(code) at chunk size \(chunkSize): \(String(describing: found))")
            }
        }
    }
}

/// Rows read with their fields as bytes hold what rows of strings hold, and give the same errors.
@Suite("CSV reader: raw rows")
struct CSVReaderRawRowTests {
    @Test("raw rows are the rows, field by field, at every chunk size, whether or not the caller keeps them")
    func rawRowsMatchRows() throws {
        let text =
            "id,body,flag\n1,\"a, \"\"quoted\"\"\nline\",true\r\n\n2,,\r3,ünï 日本 — long enough to pass eight bytes,x\n"
            + "4,\"\",\"\"\n5,last,"
        for chunkSize in [1, 3, 8, 1 << 20] {
            let rows = CSVReader(bytes: Array(text.utf8), chunkSize: chunkSize)
            let raw = CSVReader(bytes: Array(text.utf8), chunkSize: chunkSize)
            #expect(try rows.header() == raw.header())
            var kept: [CSVRawRow] = []
            while let row = try rows.nextRow() {
                let rawRow = try #require(try raw.nextRawRow())
                #expect(rawRow.strings == row.fields && rawRow.line == row.line, "chunk size \(chunkSize)")
                #expect(rawRow.count == row.fields.count)
                for index in row.fields.indices { #expect(rawRow.string(index) == row.fields[index]) }
                #expect(rows.rowOffset == raw.rowOffset)
                kept.append(rawRow)
            }
            #expect(try raw.nextRawRow() == nil)
            #expect(
                kept.map(\.strings) == [
                    ["1", "a, \"quoted\"\nline", "true"], ["2", "", ""],
                    ["3", "ünï 日本 — long enough to pass eight bytes", "x"], ["4", "", ""], ["5", "last", ""],
                ])
        }
    }

    @Test("raw rows refuse invalid UTF-8 and wrong widths as rows do")
    func rawRowErrors() {
        let inputs: [[UInt8]] = [
            Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8),
            Array("a,b\n1,long ascii run then ".utf8) + [0xE2, 0x82] + Array(",x\n".utf8),
            Array("a,b\n1,\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\n".utf8),
            Array("a,b\n1,2,3\n".utf8), Array("a,b\n1\n".utf8),
        ]
        for bytes in inputs {
            var rowError: RecordFileError?
            var rawError: RecordFileError?
            do {
                let reader = CSVReader(bytes: bytes, chunkSize: 4)
                while try reader.nextRow() != nil {}
            } catch { rowError = error as? RecordFileError }
            do {
                let reader = CSVReader(bytes: bytes, chunkSize: 4)
                while try reader.nextRawRow() != nil {}
            } catch { rawError = error as? RecordFileError }
            #expect(rowError != nil && rowError == rawError, "\(bytes)")
        }
    }
}
