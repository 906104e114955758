import RecordFormats
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("parsing keeps key order and the literal text of numbers")
    func keepsOrderAndNumbers() throws {
        let value = try JSONValue.parse(#"{"z": 1, "a": 12.50, "m": [true, null, -0.5e3], "s": "x"}"#)
        #expect(value.objectValue?.keys == ["z", "a", "m", "s"])
        #expect(value["a"] == .number("12.50"))
        #expect(value["m"]?.arrayValue?[2] == .number("-0.5e3"))
        #expect(value.serialized() == #"{"z":1,"a":12.50,"m":[true,null,-0.5e3],"s":"x"}"#)
    }

    @Test("escapes round-trip, including surrogate pairs and control characters")
    func escapes() throws {
        let text = #""tab\t quote\" back\\ nl\n bell\u0007 emoji\ud83d\ude00 é \/""#
        let value = try JSONValue.parse(text)
        #expect(value.stringValue == "tab\t quote\" back\\ nl\n bell\u{7} emoji😀 é /")
        let again = try JSONValue.parse(value.serialized())
        #expect(again == value)
        #expect(value.serialized().contains(#"\u0007"#))
    }

    @Test(
        "malformed input is refused with line and column",
        arguments: [
            ("{\"a\": 1,}", 1, 9),
            ("[1, 2", 1, 6),
            ("{\n  \"a\": tru\n}", 2, 8),
            ("\"abc", 1, 1),
            ("01", 1, 2),
            ("{\"a\":1} x", 1, 9),
            ("\"a\u{1}\"", 1, 3),
        ]
    )
    func malformed(input: String, line: Int, column: Int) {
        #expect {
            _ = try JSONValue.parse(input)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.line == line && error.column == column
        }
    }

    @Test("invalid UTF-8 and unpaired surrogates are refused")
    func invalidUnicode() {
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(#""\ud800""#) }
    }

    @Test("nesting is bounded")
    func depthBound() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(deep) }
    }

    @Test("a leading byte-order mark is skipped")
    func byteOrderMark() throws {
        #expect(try JSONValue.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    @Test("object setters replace in place, append, and remove")
    func objectMutation() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = "x"
        object["c"] = 3
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == "x")
        #expect(object.selecting(["c", "zz", "a"]).keys == ["c", "a"])
    }

    @Test("integer access reads integral numbers and numeric strings only")
    func integers() {
        #expect(JSONValue.number("42").intValue == 42)
        #expect(JSONValue.number("42.0").intValue == 42)
        #expect(JSONValue.number("42.5").intValue == nil)
        #expect(JSONValue.string("7").intValue == 7)
        #expect(JSONValue.bool(true).intValue == nil)
        #expect(JSONValue.double(3.0) == .number("3"))
    }

    @Test("pretty output parses back to the same value")
    func pretty() throws {
        let value: JSONValue = ["a": [1, ["b": nil]], "c": [:], "d": []]
        let text = value.serialized(pretty: true)
        #expect(text.contains("\n  \"a\": ["))
        #expect(try JSONValue.parse(text) == value)
    }
}
