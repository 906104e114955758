import Foundation
import RecordFormats
import Snapshot
import Testing

@Suite("Validation of a snapshot against the specification")
struct ValidationTests {
    @Test("an unknown major version is refused before any record")
    func unknownMajor() throws {
        let scratch = try ScratchDirectory()
        let result = try Diagnosed(specExample(replacing: [("\"1.0\"", "\"2.0\"")]), in: scratch)
        #expect(result.codes == [DiagnosticCode.unsupportedMajor])
        #expect(result.elements.isEmpty)
        #expect(result.diagnostics.first?.line == 3)
        #expect(throws: SnapshotLoadError.self) { try Snapshot.load(path: scratch.file("snapshot.json")) }
    }

    @Test("a newer minor version with unknown fields loads, with a warning")
    func newerMinor() throws {
        let scratch = try ScratchDirectory()
        let text = try specExample(replacing: [
            ("\"1.0\"", "\"1.4\""),
            ("\"email\": \"it@contoso.example\",", "\"email\": \"it@contoso.example\", \"future\": {\"x\": [1]},"),
            ("\"tickets\": [", "\"later\": [[{}]], \"tickets\": ["),
        ])
        let result = try Diagnosed(text, in: scratch)
        #expect(result.codes == [DiagnosticCode.newerMinor])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.elements.count == 5)
    }

    @Test("a malformed schema_version or a foreign schema stops reading")
    func schemaName() throws {
        let scratch = try ScratchDirectory()
        #expect(
            try Diagnosed(specExample(replacing: [("\"1.0\"", "\"one\"")]), in: scratch).codes == [
                DiagnosticCode.schemaVersion
            ])
        #expect(
            try Diagnosed(specExample(replacing: [("\"sf-syncro-snapshot\"", "\"other\"")]), in: scratch).codes == [
                DiagnosticCode.schema
            ])
    }

    @Test(
        "a required field that is absent or null is reported and its record skipped",
        arguments: [
            ("{\"syncro_customer_id\": 902311, \"partner_id\": \"1204\"", "{\"partner_id\": \"1204\""),
            ("\"partner_ticket_id\": \"88412\",", "\"partner_ticket_id\": null,"),
            ("\"hidden\": false,", ""),
        ])
    func requiredField(_ old: String, _ new: String) throws {
        let scratch = try ScratchDirectory()
        let result = try Diagnosed(specExample(replacing: [(old, new)]), in: scratch)
        #expect(result.codes == [DiagnosticCode.missingField])
        #expect(result.elements.count == 4)
    }

    @Test("a missing header field keeps every record back but still checks them")
    func missingHeaderField() throws {
        let scratch = try ScratchDirectory()
        let text = try specExample(replacing: [
            ("\"snapshot_id\": \"8b1f4a52-3d0e-4c0b-9a57-2f6f2f1c0e11\",", ""),
            ("\"syncro_contact_id\": 5530012", "\"syncro_contact_id\": \"x\""),
        ])
        let result = try Diagnosed(text, in: scratch)
        #expect(result.codes == [DiagnosticCode.missingField, DiagnosticCode.type])
        #expect(result.elements.isEmpty)
    }

    @Test(
        "wrong types are reported with the line of the field",
        arguments: [
            ("{\"syncro_customer_id\": 902311, \"partner_id\"", "{\"syncro_customer_id\": \"902311\", \"partner_id\""),
            ("\"partner_id\": \"1204\"", "\"partner_id\": 1204"),
            ("\"bidirectional\": true", "\"bidirectional\": \"true\""),
            ("\"integration_user_id\": 118", "\"integration_user_id\": 118.5"),
            ("\"asset_ids\": [7781002]", "\"asset_ids\": [\"7781002\"]"),
            ("\"tags\": [\"vip\"]", "\"tags\": \"vip\""),
            ("{\"Partner Ticket\": \"88412\"}", "{\"Partner Ticket\": 88412}"),
        ])
    func wrongType(_ old: String, _ new: String) throws {
        let scratch = try ScratchDirectory()
        let text = try specExample(replacing: [(old, new)])
        let result = try Diagnosed(text, in: scratch)
        #expect(result.codes == [DiagnosticCode.type])
        #expect(result.diagnostics.first?.line == line(of: new, in: text))
    }

    @Test("times need an offset")
    func timeWithoutOffset() throws {
        let scratch = try ScratchDirectory()
        let text = try specExample(replacing: [
            ("\"created_at\": \"2026-11-27T14:05:00Z\"", "\"created_at\": \"2026-11-27T14:05:00\"")
        ])
        let result = try Diagnosed(text, in: scratch)
        #expect(result.codes == [DiagnosticCode.invalidTime])
        #expect(result.diagnostics.first?.record == "comment act_771 of ticket 88412")
        #expect(result.tickets.isEmpty)
    }

    @Test("syncro_role must be source or target")
    func role() throws {
        let scratch = try ScratchDirectory()
        let result = try Diagnosed(specExample(replacing: [("\"target\"", "\"both\"")]), in: scratch)
        #expect(result.codes == [DiagnosticCode.invalidEnum])
        #expect(result.elements.isEmpty)
    }

    @Test(
        "a duplicate of either key of every entity is reported with both locations",
        arguments: [
            ("customers", "{\"syncro_customer_id\": 902311, \"partner_id\": \"other\"}"),
            ("customers", "{\"syncro_customer_id\": 1, \"partner_id\": \"1204\"}"),
            ("contacts", "{\"syncro_contact_id\": 5530012}"),
            ("contacts", "{\"syncro_contact_id\": 1, \"partner_id\": \"u-88\"}"),
            ("assets", "{\"syncro_asset_id\": 7781002}"),
            ("tickets", "{\"partner_ticket_id\": \"88412\", \"syncro_ticket_id\": null}"),
            ("tickets", "{\"partner_ticket_id\": \"other\", \"syncro_ticket_id\": 44190233}"),
            (
                "tickets",
                "{\"partner_ticket_id\": \"t2\", \"syncro_ticket_id\": null, \"comments\": [{\"partner_comment_id\": "
                    + "\"act_771\", \"syncro_comment_id\": null, \"hidden\": true, \"body\": \"x\"}]}"
            ),
            (
                "tickets",
                "{\"partner_ticket_id\": \"t2\", \"syncro_ticket_id\": null, \"comments\": [{\"partner_comment_id\": \"c2\", "
                    + "\"syncro_comment_id\": 1550021, \"hidden\": true, \"body\": \"x\"}]}"
            ),
        ])
    func duplicateKey(_ section: String, _ record: String) throws {
        let scratch = try ScratchDirectory()
        var text = try SnapshotFixtures.specExampleText()
        // Append the duplicate as the section's last element, on its own line.
        let closing = try #require(
            text.range(
                of: "\n  ]", options: [],
                range: text.range(of: "\"\(section)\": [")
                    .map { $0.upperBound..<text.endIndex }))
        text.replaceSubrange(closing, with: ",\n    \(record)\n  ]")
        let result = try Diagnosed(text, in: scratch)
        #expect(result.codes == [DiagnosticCode.duplicateKey], "\(DiagnosticRenderer.text(result.diagnostics))")
        let duplicate = try #require(result.first(DiagnosticCode.duplicateKey))
        #expect(duplicate.line == line(of: record, in: text))
        let related = try #require(duplicate.related)
        #expect(related.line != nil && related.line != duplicate.line)
        #expect(duplicate.message.contains("\(related)"))
    }

    @Test("body_sha256 must be 64 lower-case hex digits and match the body; a comment needs one of them")
    func bodyHash() throws {
        let scratch = try ScratchDirectory()
        let body = "\"body\": \"Rebuilt the Outlook profile.\","
        let upper = String(repeating: "AB", count: 32)
        let wrong = String(repeating: "ab", count: 32)
        let right = BodyHash.sha256("Rebuilt the Outlook profile.")
        let cases: [(String, String?)] = [
            ("\"body_sha256\": \"\(upper)\",", DiagnosticCode.bodyHashFormat),
            ("\"body_sha256\": \"abc\",", DiagnosticCode.bodyHashFormat),
            (body + " \"body_sha256\": \"\(wrong)\",", DiagnosticCode.bodyHashMismatch),
            (body + " \"body_sha256\": \"\(right)\",", nil),
            ("\"body_sha256\": \"\(wrong)\",", nil),
            ("", DiagnosticCode.commentWithoutBody),
        ]
        for (replacement, code) in cases {
            let result = try Diagnosed(specExample(replacing: [(body, replacement)]), in: scratch)
            #expect(result.codes == (code.map { [$0] } ?? []), "\(replacement)")
        }
    }

    @Test("with body only, the reader computes the hash of the normalised body")
    func computedHash() throws {
        let scratch = try ScratchDirectory()
        let text = try specExample(replacing: [
            ("\"Rebuilt the Outlook profile.\"", "\"<p>Rebuilt  the&nbsp;Outlook</p>\\n<b>profile.</b> \"")
        ])
        let result = try Diagnosed(text, in: scratch)
        #expect(result.diagnostics.isEmpty)
        #expect(result.tickets.first?.comments.first?.bodySHA256 == BodyHash.sha256("Rebuilt the Outlook profile."))
    }

    @Test("header members after the record arrays are still read first")
    func headerLast() throws {
        let scratch = try ScratchDirectory()
        let original = try SnapshotFixtures.specExampleText()
        let start = try #require(original.range(of: "  \"customers\""))
        let end = try #require(original.range(of: "\n}", options: .backwards))
        let head = original[original.index(after: original.startIndex)..<start.lowerBound].dropLast(1)
        let records = original[start.lowerBound..<end.lowerBound]
        let text = "{\n\(records),\n\(head.dropLast())\n}\n"
        let result = try Diagnosed(text, in: scratch)
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRenderer.text(result.diagnostics))")
        guard case .header? = result.elements.first else {
            Issue.record("the header is not first")
            return
        }
        #expect(result.elements.count == 5)
    }
}
