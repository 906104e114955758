import Foundation
import Snapshot
import Testing

/// Snapshot v1.1: every ticket carries `syncro_ticket_id` and every comment `syncro_comment_id`, null when not
/// linked. A misspelt or missing key is an error naming the probable misspelling, in every format: read as "not
/// linked", it would turn linked tickets into tickets to create.
@Suite("linking keys")
struct LinkingKeyTests {
    @Test("a misspelt ticket key in JSON is an error naming it, on both ticket paths", arguments: [true, false])
    func misspeltTicketKeyJSON(fastTickets: Bool) throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(
            "snapshot.json", try specExample(replacing: [("\"syncro_ticket_id\"", "\"syncro_tickt_id\"")]))
        let read = Diagnosed(path: path, fastTickets: fastTickets)
        let problem = try #require(read.first(DiagnosticCode.missingLinkingKey), "\(read.codes)")
        #expect(problem.message.contains("no 'syncro_ticket_id' (found 'syncro_tickt_id': is it misspelt?)"))
        #expect(problem.location.line == 25)
        #expect(problem.record == "ticket 88412")
        #expect(read.tickets.isEmpty)
    }

    @Test("a ticket or comment without its key and nothing like it is an error without a guess")
    func absentKeys() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(
            "snapshot.json",
            try specExample(replacing: [
                ("\"syncro_ticket_id\": 44190233, ", ""), ("\"syncro_comment_id\": 1550021, ", "\"notes\": \"x\", "),
            ]))
        let read = Diagnosed(path: path)
        let problems = read.diagnostics.filter { $0.code == DiagnosticCode.missingLinkingKey }
        #expect(problems.count == 2, "\(read.codes)")
        #expect(problems.allSatisfy { !$0.message.contains("found") })
        #expect(problems.map(\.message).contains { $0.hasPrefix("the comment has no 'syncro_comment_id'") })
        #expect(read.tickets.isEmpty)
    }

    @Test("a misspelt comment key in JSON is an error naming it")
    func misspeltCommentKeyJSON() throws {
        let scratch = try ScratchDirectory()
        let path = try scratch.write(
            "snapshot.json", try specExample(replacing: [("\"syncro_comment_id\"", "\"syncroCommentId\"")]))
        let read = Diagnosed(path: path)
        let problem = try #require(read.first(DiagnosticCode.missingLinkingKey), "\(read.codes)")
        #expect(problem.message.contains("found 'syncroCommentId'"))
        #expect(problem.record == "comment act_771 of ticket 88412")
    }

    @Test("null keys are unlinked records, in every format")
    func nullKeys() throws {
        let scratch = try ScratchDirectory()
        let json = try scratch.write(
            "snapshot.json",
            try specExample(replacing: [
                ("\"syncro_ticket_id\": 44190233", "\"syncro_ticket_id\": null"),
                ("\"syncro_comment_id\": 1550021", "\"syncro_comment_id\": null"),
            ]))
        let (snapshot, diagnostics) = try Snapshot.load(path: json)
        #expect(diagnostics.isEmpty)
        #expect(snapshot.tickets.first?.syncroTicketID == nil)
        for format in ["xml", "csv"] {
            let path = scratch.file("converted.\(format)")
            try SnapshotWriter.write(snapshot, to: path)
            let read = Diagnosed(path: path)
            #expect(read.diagnostics.isEmpty, "\(format): \(read.codes)")
            #expect(read.tickets.first?.syncroTicketID == nil, "\(format)")
            #expect(read.tickets.first?.comments.first?.syncroCommentID == nil, "\(format)")
        }
        // XML writes the unlinked keys as empty attributes, as the format says.
        let xml = try String(contentsOfFile: scratch.file("converted.xml"), encoding: .utf8)
        #expect(xml.contains("<ticket partnerId=\"88412\" syncroId=\"\""))
        #expect(xml.contains("<comment partnerId=\"act_771\" syncroId=\"\""))
    }

    @Test("a misspelt ticket or comment column in CSV is an error naming it")
    func misspeltColumnsCSV() throws {
        let scratch = try ScratchDirectory()
        let (snapshot, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        let directory = scratch.file("csv")
        try SnapshotWriter.write(snapshot, to: directory)
        let tickets = scratch.file("csv/tickets.csv")
        let text = try String(contentsOfFile: tickets, encoding: .utf8)
        try text.replacingOccurrences(of: "syncro_ticket_id", with: "ticket_ident")
            .write(toFile: tickets, atomically: true, encoding: .utf8)
        var read = Diagnosed(path: directory)
        var problem = try #require(read.first(DiagnosticCode.missingColumn), "\(read.codes)")
        #expect(
            problem.message
                == "the header has no 'syncro_ticket_id' column (found 'ticket_ident': is it misspelt?); add it")
        #expect(problem.location.file.hasSuffix("tickets.csv") && problem.location.line == 1)
        #expect(read.tickets.isEmpty)

        try text.write(toFile: tickets, atomically: true, encoding: .utf8)
        let comments = scratch.file("csv/comments.csv")
        let commentText = try String(contentsOfFile: comments, encoding: .utf8)
        try commentText.replacingOccurrences(of: "syncro_comment_id", with: "syncro_comment")
            .write(toFile: comments, atomically: true, encoding: .utf8)
        read = Diagnosed(path: directory)
        problem = try #require(read.first(DiagnosticCode.missingColumn), "\(read.codes)")
        #expect(problem.message.contains("no 'syncro_comment_id' column (found 'syncro_comment': is it misspelt?)"))
        #expect(problem.location.file.hasSuffix("comments.csv"))
    }

    @Test("a misspelt or missing syncroId in XML is an error naming it")
    func misspeltAttributeXML() throws {
        let scratch = try ScratchDirectory()
        let (snapshot, _) = try Snapshot.load(path: SnapshotFixtures.specExamplePath)
        let path = scratch.file("snapshot.xml")
        try SnapshotWriter.write(snapshot, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(
            of: "<ticket partnerId=\"88412\" syncroId=", with: "<ticket partnerId=\"88412\" syncroID="
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        var read = Diagnosed(path: path)
        let problem = try #require(read.first(DiagnosticCode.missingLinkingKey), "\(read.codes)")
        #expect(problem.message.hasPrefix("the ticket has no 'syncroId' (found 'syncroID': is it misspelt?)"))
        #expect(read.tickets.isEmpty)

        try text.replacingOccurrences(
            of: "<comment partnerId=\"act_771\" syncroId=\"1550021\"", with: "<comment partnerId=\"act_771\""
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        read = Diagnosed(path: path)
        #expect(
            read.first(DiagnosticCode.missingLinkingKey)?.message.hasPrefix("the comment has no 'syncroId';") == true)
    }

    @Test("the probable misspelling: near in edits or sharing a word, never an unrelated name")
    func closest() {
        #expect(Misspelling.closest(to: "syncro_ticket_id", among: ["notes", "ticket_ident"]) == "ticket_ident")
        #expect(
            Misspelling.closest(to: "syncro_ticket_id", among: ["syncro_tickt_id", "ticket_ident"]) == "syncro_tickt_id"
        )
        #expect(Misspelling.closest(to: "syncro_ticket_id", among: ["notes", "priority"]) == nil)
        #expect(Misspelling.closest(to: "syncroId", among: ["syncroID"]) == "syncroID")
        #expect(Misspelling.editDistance("kitten", "sitting") == 3)
        #expect(Misspelling.words("syncroCommentId") == ["syncro", "comment", "id"])
    }
}
