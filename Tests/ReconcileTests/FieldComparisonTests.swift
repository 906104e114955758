import Foundation
import Reconcile
import RecordFormats
import Testing

@Suite("Typed comparison")
struct FieldComparisonTests {
    private let rules = ComparisonRules.standard

    @Test("times compare as instants across offsets and fractions")
    func instants() {
        #expect(rules.equal("2026-11-28T23:00:00Z", "2026-11-29T00:00:00+01:00", field: "updated_at"))
        #expect(rules.equal("2026-11-28T23:00:00.000Z", "2026-11-28T23:00:00Z", field: "due_date"))
        #expect(!rules.equal("2026-11-28T23:00:00Z", "2026-11-28T23:00:01Z", field: "created_at"))
        #expect(FieldComparison.equal("2026-11-28T23:00:00Z", "2026-11-29T00:00:00+01:00", as: .automatic))
        #expect(!FieldComparison.equal("2026-11-28T23:00:00Z", "2026-11-29T00:00:00+01:00", as: .text(.exact)))
    }

    @Test("a leading zero is never lost")
    func leadingZeros() {
        #expect(!rules.equal("02116", "2116", field: "zip"))
        #expect(!FieldComparison.equal("02116", 2116, as: .automatic))
        #expect(!FieldComparison.equal("02116", "2116", as: .automatic))
        #expect(FieldComparison.equal("2116", 2116, as: .automatic))
    }

    @Test("ids compare as integers")
    func integers() {
        #expect(rules.equal(44_190_233, "44190233", field: "id"))
        #expect(rules.equal(5, "5", field: "contact_id"))
        #expect(!rules.equal(5, 6, field: "customer_id"))
        #expect(!rules.equal(5, nil, field: "user_id"))
    }

    @Test("text is compared after NFC and trimming; options fold case and white space")
    func text() {
        let composed = "Caf\u{E9}"
        let decomposed = "Cafe\u{301}"
        #expect(rules.equal(.string(composed), .string(decomposed + "  "), field: "subject"))
        #expect(!rules.equal("Outlook", "outlook", field: "subject"))
        #expect(FieldComparison.equal("Outlook", "outlook", as: .text(.caseInsensitive)))
        #expect(!FieldComparison.equal("a  b", "a b", as: .text(.exact)))
        #expect(FieldComparison.equal("a  b\n c", "a b c", as: .text(TextOptions(foldWhitespace: true))))
        #expect(rules.equal("IT@Contoso.example", "it@contoso.example", field: "email"))
    }

    @Test("tags are case-insensitive sets")
    func tagSets() {
        #expect(rules.equal(["VIP", "co-managed"], ["Co-Managed", "vip", "VIP"], field: "tag_list"))
        #expect(!rules.equal(["VIP"], ["VIP", "urgent"], field: "tag_list"))
        #expect(rules.equal([], nil, field: "tag_list"))
        #expect(rules.equal([1, 2], ["2", 1], field: "asset_ids"))
        let difference = TagDifference(expected: ["VIP", "Onsite"], current: ["vip", "urgent"])
        #expect(difference.missing == ["Onsite"] && difference.extra == ["urgent"])
    }

    @Test("null differs from a value; null equals absent and empty text")
    func nulls() {
        #expect(!rules.equal(nil, "New", field: "status"))
        #expect(!rules.equal(.null, 0, field: "user_id"))
        #expect(rules.equal(.null, nil, field: "status"))
        #expect(rules.equal("", .null, field: "subject"))
        #expect(!FieldComparison.equal("", .null, as: .text(TextOptions(emptyIsNull: false))))
    }

    @Test("booleans and decimals compare by value")
    func booleansAndNumbers() {
        #expect(rules.equal(true, "true", field: "hidden"))
        #expect(!rules.equal(false, "true", field: "hidden"))
        #expect(FieldComparison.equal("12.50", 12.5, as: .decimal))
        #expect(FieldComparison.equal(.number("12.50"), .number("12.5"), as: .automatic))
    }

    @Test("rules are configurable per field and per record kind")
    func configurable() {
        var custom = ComparisonRules.standard
        custom.set(.text(.caseInsensitive), for: "status", in: "ticket")
        #expect(custom.equal("new", "New", field: "status", in: "ticket"))
        #expect(!custom.equal("new", "New", field: "status", in: "comment"))
        let ignoring = custom.ignoring("updated_at")
        #expect(ignoring.equal("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", field: "updated_at"))
        #expect(custom.kind(of: "properties.Billable") == .text(.exact))
    }

    @Test(
        "ASCII text normalises as Foundation does (NFC, trimming, white space and case folding)",
        arguments: [
            TextOptions.exact, .caseInsensitive, TextOptions(foldWhitespace: true),
            TextOptions(foldCase: true, foldWhitespace: true),
        ])
    func asciiNormalisation(_ options: TextOptions) {
        let alphabet = Array("aZ9 -\t\n\r\u{0B}\u{0C}\u{1F}.Q")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<Int(state >> 60) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            var expected = text.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            if options.foldWhitespace {
                expected = expected.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            if options.foldCase { expected = expected.lowercased() }
            #expect(FieldComparison.normalize(text, options) == expected, "\(text.debugDescription)")
        }
    }
}

@Suite("Trimming blanks without Foundation")
struct TrimmedBlanksTests {
    @Test(
        "the same as Foundation's trimming of .whitespaces",
        arguments: [
            "", " ", "\t \t", "x", " x", "x ", "\tx\t", "  a b  ", "2026-11-28T23:00:00Z", " 02116 ", "\nx\n", " x\n",
            "\u{00A0}x", "x\u{3000}", " é ", "é", " \u{2003}x\u{2003} ", "a\u{0301} ",
        ])
    func sameAsFoundation(text: String) {
        #expect(FieldComparison.trimmedBlanks(text) == text.trimmingCharacters(in: .whitespaces))
    }
}

@Suite("Every comparison finds a value equal to itself")
struct ReflexiveComparisonTests {
    /// The export diff skips the rules for identical values and records, which is sound only if this holds.
    @Test(
        "for every kind",
        arguments: [
            FieldKind.automatic, .integer, .decimal, .instant, .boolean, .text(.exact), .text(.caseInsensitive),
            .text(TextOptions(foldWhitespace: true, emptyIsNull: false)), .textSet(.caseInsensitive), .integerSet,
            .ignored,
        ])
    func reflexive(kind: FieldKind) {
        let values: [JSONValue?] = [
            nil, .null, "", "  ", "New", " Mixed  Case ", "2026-11-28T23:00:00Z", "2026-11-29", "02116", "12.50",
            "true", "1", "é\u{0301}", .number("0"), .number("12.5"), .number("1e3"), .bool(true), .bool(false),
            ["VIP", "onsite", "vip"], [3, 1, 3], [], ["a": 1, "b": ["x"]], [:],
        ]
        let unequal = values.filter { !FieldComparison.equal($0, $0, as: kind) }
        #expect(unequal.isEmpty, "\(unequal)")
    }
}
