import Foundation
import Snapshot
import Testing

/// The JSON reader decodes plain tickets straight from their bytes and everything else through the general path;
/// these documents mix both, and reading them with the fast path on and off must give the same elements and the
/// same diagnostics, positions included.
@Suite("JSON tickets: the fast path agrees with the general one")
struct PlainTicketPathTests {
    private static let header = """
        {
          "schema": "sf-syncro-snapshot", "schema_version": "1.0", "snapshot_id": "s-1",
          "generated_at": "2026-11-29T08:00:00Z",
          "relationship": {"relationship_id": "rel_1", "syncro_subdomain": "contoso", "syncro_role": "target",
            "partner_platform": "halopsa", "integration_user_id": 118, "bidirectional": true,
            "sync_public_comments": true, "sync_private_comments": false},
          "tickets": [

        """

    /// Tickets that each take one path or the other, valid and invalid, on one line and across lines.
    private static let tickets: [String] = [
        // Plain: every member, nulls, sets, properties, a comment with a body and one with a hash only.
        """
        {"partner_ticket_id": "P1", "syncro_ticket_id": 501, "syncro_ticket_number": 1001, "syncro_customer_id": 9,
         "last_synced_at": "2026-11-28T22:10:12Z", "syncro_updated_at": "2026-11-28T22:10:12+01:00",
         "expected": {"subject": "Printer", "status": "New", "priority": null, "problem_type": "Hardware",
           "contact_id": 77, "user_id": null, "due_date": "2026-12-01", "customer_id": 9, "asset_ids": [3, 4, 3],
           "tags": ["vip", "co-managed"], "properties": {"Partner Ticket": "88412", "Site": ""}},
         "partner_current": {"status": "In Progress", "tags": null, "asset_ids": null, "properties": null},
         "comments": [
           {"partner_comment_id": "C1", "syncro_comment_id": 7001, "hidden": false, "subject": "Update",
            "body": "Line one\\nLine \\"two\\" caf\\u00e9 \\ud83d\\ude00", "created_at": "2026-11-28T22:10:12Z",
            "author": "Sam"},
           {"partner_comment_id": "C2", "syncro_comment_id": null, "hidden": true,
            "body_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}
        """,
        // Plain, with non-ASCII text before the keys on the same line (columns count characters).
        #"{"expected": {"subject": "Café — Drucker"}, "partner_ticket_id": "P2", "syncro_ticket_id": 502, "comments": null}"#,
        // General: an unknown member (ignored) and one given twice.
        #"{"partner_ticket_id": "P3", "syncro_ticket_id": 503, "future": {"x": [1, 2.5e3]}, "syncro_ticket_number": 1, "syncro_ticket_number": 2}"#,
        // Errors: a duplicate ticket key (first seen on the fast path), a duplicate comment key, a Syncro id in quotes.
        #"{"partner_ticket_id": "P1", "syncro_ticket_id": 504}"#,
        #"{"partner_ticket_id": "P5", "comments": [{"partner_comment_id": "C1", "hidden": false, "body": "x"}]}"#,
        #"{"partner_ticket_id": "P6", "syncro_ticket_id": "506"}"#,
        // Errors: a time without an offset, a hash that is not the body's, a comment with neither, a fraction.
        #"{"partner_ticket_id": "P7", "last_synced_at": "2026-11-28T22:10:12"}"#,
        """
        {"partner_ticket_id": "P8", "comments": [{"partner_comment_id": "C8", "hidden": false, "body": "hello",
          "body_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}
        """,
        #"{"partner_ticket_id": "P9", "comments": [{"partner_comment_id": "C9", "hidden": true}]}"#,
        #"{"partner_ticket_id": "P10", "syncro_ticket_id": 510.0, "expected": {"due_date": "soon"}}"#,
        // Errors: the same comment key twice in one ticket, an empty key, no key at all, a null flag.
        """
        {"partner_ticket_id": "P11", "comments": [{"partner_comment_id": "C11", "hidden": false, "body": "a"},
          {"partner_comment_id": "C11", "hidden": false, "body": "b"}]}
        """,
        #"{"partner_ticket_id": ""}"#,
        "{}",
        #"{"partner_ticket_id": "P14", "comments": [{"partner_comment_id": "C14", "hidden": null, "body": "a"}]}"#,
        // A comment reusing the Syncro id of P1's first comment: the duplicate's first position is the one the fast
        // path recorded. Then a plain ticket after all of these.
        #"{"partner_ticket_id": "P15", "syncro_ticket_id": 515, "comments": [{"partner_comment_id": "C15", "syncro_comment_id": 7001, "hidden": false, "body": "z"}]}"#,
        #"{"partner_ticket_id": "P16", "syncro_ticket_id": 516, "comments": [{"partner_comment_id": "C16", "syncro_comment_id": 7016, "hidden": false, "body": "z"}]}"#,
    ]

    private func document(_ tickets: [String], ending: String = "\n  ]\n}\n") -> String {
        Self.header + tickets.map { "    " + $0 }.joined(separator: ",\n") + ending
    }

    private func expectSameReading(_ text: String) throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("snapshot.json", text)
        let fast = Diagnosed(path: path, fastTickets: true)
        let general = Diagnosed(path: path, fastTickets: false)
        #expect(fast.elements == general.elements)
        #expect(fast.diagnostics == general.diagnostics)
    }

    @Test("valid and invalid tickets, on one line and across lines")
    func mixedTickets() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("snapshot.json", document(Self.tickets))
        let fast = Diagnosed(path: path, fastTickets: true)
        let general = Diagnosed(path: path, fastTickets: false)
        #expect(fast.elements == general.elements)
        #expect(fast.diagnostics == general.diagnostics)
        // The documents really exercise both: valid tickets yielded, and the errors reported.
        #expect(fast.tickets.map(\.partnerTicketID) == ["P1", "P2", "P3", "P16"])
        let reused = fast.diagnostics.first { $0.record == "comment C15 of ticket P15" }
        #expect(reused?.code == DiagnosticCode.duplicateKey)
        #expect(reused?.related?.line == 15)
        #expect(fast.tickets.first?.comments.first?.body == "Line one\nLine \"two\" café 😀")
        #expect(fast.codes.contains(DiagnosticCode.duplicateKey))
        #expect(fast.diagnostics.count >= 11)
    }

    @Test("tickets that straddle the reader's chunks", arguments: [7, 64, 100, 333, 4096])
    func straddlingChunks(chunkSize: Int) throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write("snapshot.json", document(Self.tickets))
        let general = Diagnosed(path: path, fastTickets: false)
        let fast = Diagnosed(path: path, fastTickets: true, jsonChunkSize: chunkSize)
        #expect(fast.elements == general.elements)
        #expect(fast.diagnostics == general.diagnostics)
        #expect(fast.tickets.map(\.partnerTicketID) == ["P1", "P2", "P3", "P16"])
    }

    @Test("a syntax error inside a ticket is reported where it is")
    func syntaxErrorInTicket() throws {
        var broken = Self.tickets
        broken[1] = #"{"partner_ticket_id": "P2", "syncro_ticket_id": 502,}"#
        try expectSameReading(document(broken))
        try expectSameReading(document([#"{"partner_ticket_id": "P1", "comments": [{"hidden": tru}]}"#]))
        try expectSameReading(document([#"{"partner_ticket_id": "P1\#u{01}"}"#]))
    }

    @Test("a file truncated inside a ticket")
    func truncated() throws {
        let whole = document(Self.tickets)
        for cut in [whole.utf8.count - 40, whole.utf8.count / 2, Self.header.utf8.count + 30] {
            try expectSameReading(String(decoding: whole.utf8.prefix(cut), as: UTF8.self))
        }
    }
}
