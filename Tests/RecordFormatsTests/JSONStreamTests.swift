import RecordFormats
import Testing

@Suite("JSON streams")
struct JSONStreamTests {
    static let records: [JSONObject] = [
        ["id": 1, "subject": "Printer \"jam\"\n2nd line", "amount": .number("12.50"), "tags": ["a", "b"]],
        ["id": 2, "nested": ["deep": [[], [:], nil, true]], "emoji": "😀", "ctrl": "\u{1}\r\t"],
        [:],
    ]

    private func writeFile(_ layout: JSONStreamLayout, _ records: [JSONObject] = records) throws -> (
        TemporaryDirectory, String, FileSummary
    ) {
        let directory = try TemporaryDirectory()
        let path = directory.file(layout == .array ? "out.json" : "out.jsonl")
        let writer = try JSONStreamWriter(path: path, layout: layout)
        for record in records { try writer.write(record) }
        let summary = try writer.finish()
        return (directory, path, summary)
    }

    private func readAll(_ reader: JSONStreamReader) throws -> [JSONObject] {
        var records: [JSONObject] = []
        while let record = try reader.nextObject() { records.append(record) }
        return records
    }

    @Test("an array file has one record per line and parses whole as the same array")
    func arrayLayout() throws {
        let (directory, path, summary) = try writeFile(.array)
        let bytes = try directory.read("out.json")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("[\n{\"id\":1,"))
        #expect(text.hasSuffix("},\n{}\n]\n"))
        #expect(text.split(separator: "\n").count == 5)
        #expect(try JSONValue.parse(bytes) == .array(Self.records.map { .object($0) }))
        #expect(summary.records == 3)
        #expect(summary.sha256 == SHA256.hexDigest(of: bytes))
        for chunkSize in [1, 2, 5, 1 << 20] {
            #expect(try readAll(JSONStreamReader(path: path, layout: .array, chunkSize: chunkSize)) == Self.records)
        }
    }

    @Test("an empty array is written as []")
    func emptyArray() throws {
        let (directory, path, summary) = try writeFile(.array, [])
        #expect(try directory.read("out.json") == Array("[]\n".utf8))
        #expect(summary.records == 0)
        #expect(try readAll(JSONStreamReader(path: path, layout: .array)).isEmpty)
    }

    @Test("JSON Lines have one compact record per line and read back the same")
    func linesLayout() throws {
        let (directory, path, _) = try writeFile(.lines)
        let text = String(decoding: try directory.read("out.jsonl"), as: UTF8.self)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        #expect(text.hasSuffix("\n{}\n"))
        #expect(try readAll(JSONStreamReader(path: path, layout: .lines)) == Self.records)
    }

    @Test("arrays of any values, odd spacing and a BOM are read element by element")
    func scalarsAndSpacing() throws {
        let text = "\u{FEFF} [ 1 ,\"a]b\\\"\" ,\n  -2.5e3,true,null,{\"k\":[1,{\"x\":\"}\"}]} , [] ]  \n"
        let expected: [JSONValue] = [1, "a]b\"", .number("-2.5e3"), true, nil, ["k": [1, ["x": "}"]]], []]
        for chunkSize in [1, 3, 1 << 20] {
            let reader = JSONStreamReader(bytes: Array(text.utf8), layout: .array, chunkSize: chunkSize)
            var values: [JSONValue] = []
            while let value = try reader.next() { values.append(value) }
            #expect(values == expected, "chunk size \(chunkSize)")
        }
    }

    @Test(
        "array errors carry the absolute line and column",
        arguments: [
            ("[\n{\"a\":1},\n{\"b\": tru}\n]", "json.syntax", 3, 7),
            ("[\n{\"a\":1},\n{\"b\":\n  [1,]}]", "json.syntax", 4, 6),
            ("[1,2", "json.syntax", 1, 5),
            ("[1,]", "json.syntax", 1, 4),
            ("[1 2]", "json.syntax", 1, 4),
            ("[1] x", "json.syntax", 1, 5),
            ("{\"a\":1}", "json.not-array", 1, 1),
            ("", "json.not-array", 1, 1),
            ("[{\"a\":\"é\u{1}\"}]", "json.syntax", 1, 9),
        ])
    func arrayErrors(text: String, code: String, line: Int, column: Int) {
        for chunkSize in [1, 1 << 20] {
            #expect {
                let reader = JSONStreamReader(
                    bytes: Array(text.utf8), name: "in.json", layout: .array, chunkSize: chunkSize)
                while try reader.next() != nil {}
            } throws: { error in
                guard let error = error as? RecordFileError else { return false }
                return error.code == code && error.line == line && error.column == column && error.path == "in.json"
            }
        }
    }

    @Test("JSON Lines skip blank lines, accept CRLF, and name the line of an error")
    func linesErrors() throws {
        let text = "{\"a\":1}\r\n\n   \n{\"b\":2}\n{\"c\":}\n"
        let reader = JSONStreamReader(bytes: Array(text.utf8), name: "in.jsonl", layout: .lines)
        #expect(try reader.nextObject() == ["a": 1])
        #expect(try reader.nextObject() == ["b": 2])
        #expect {
            _ = try reader.nextObject()
        } throws: { error in
            guard let error = error as? RecordFileError else { return false }
            return error.line == 5 && error.column == 6
                && error.description.hasPrefix("in.jsonl:5:6: error: [json.syntax]")
        }
    }

    @Test("a value that is not a record is refused where it starts")
    func notAnObject() {
        let reader = JSONStreamReader(bytes: Array("[{},\n  3]".utf8), name: "in.json", layout: .array)
        #expect(throws: Never.self) { _ = try reader.nextObject() }
        #expect {
            _ = try reader.nextObject()
        } throws: { error in
            (error as? RecordFileError).map { $0.code == "json.not-object" && $0.line == 2 && $0.column == 3 } ?? false
        }
    }

    @Test("an element over the size bound is refused instead of buffered")
    func sizeBound() {
        let text = "[\"" + String(repeating: "x", count: 100) + "\"]"
        let reader = JSONStreamReader(bytes: Array(text.utf8), layout: .array, maximumElementBytes: 50, chunkSize: 16)
        #expect {
            _ = try reader.next()
        } throws: { error in
            (error as? RecordFileError)?.code == "json.too-large"
        }
    }
}
