import Foundation
import Reconcile
import Snapshot
import Testing

@Suite("Drift report renderings")
struct DriftReportTests {
    /// A report with a leak, a not-created ticket, a field drift and an extra tag.
    private func mixedReport() throws -> DriftReport {
        let note = SnapshotComment(partnerCommentID: "act_1", syncroCommentID: 10, hidden: true, body: "Secret")
        let tickets = [
            Fixture.ticket(comments: [note]) { $0.tags = .value([]) },
            Fixture.ticket(partnerID: "9", syncroID: nil),
        ]
        return try drift(
            Fixture.snapshot(tickets: tickets), tickets: [Fixture.syncroTicket(["status": "New"])],
            comments: [Fixture.comment(id: 10, body: "Secret")])
    }

    @Test("findings are ordered by severity, then code, then ids")
    func order() throws {
        let report = try mixedReport()
        #expect(report.codes == [.commentVisibilityLeak, .ticketNotCreated, .ticketField, .ticketTagsExtra])
        #expect(report.summary.map(\.code) == report.codes)
    }

    @Test("the JSON report has the specified shape")
    func json() throws {
        let report = try mixedReport()
        let data = Data(report.jsonText.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["report_version"] as? Int == 1)
        #expect(object["snapshot_id"] as? String == "snap-1")
        #expect(object["syncro_subdomain"] as? String == "northwind")
        #expect(object["generated_at"] as? String == "2026-11-30T00:53:20Z")
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(
            summary == [
                "COMMENT_VISIBILITY_LEAK": 1, "TICKET_FIELD": 1, "TICKET_NOT_CREATED": 1, "TICKET_TAGS_EXTRA": 1,
            ])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        let leak = findings[0]
        #expect(leak["code"] as? String == "COMMENT_VISIBILITY_LEAK")
        #expect(leak["severity"] as? String == "critical" && leak["entity"] as? String == "comment")
        #expect(leak["syncro_id"] as? Int == 10 && leak["partner_id"] as? String == "act_1")
        #expect(leak["ticket_syncro_id"] as? Int == 44_190_233 && leak["ticket_partner_id"] as? String == "88412")
        let field = findings[2]
        let keys = [
            "code", "severity", "entity", "syncro_id", "partner_id", "field", "expected", "current", "partner_current",
            "gate", "message",
        ]
        #expect(Set(field.keys) == Set(keys))
        #expect(field["syncro_id"] as? Int == 44_190_233 && field["partner_id"] as? String == "88412")
        #expect(field["expected"] as? String == "In Progress" && field["current"] as? String == "New")
        #expect(field["partner_current"] is NSNull)
        #expect(field["gate"] as? String == "auto")
        #expect(field["message"] as? String == "status is New, Support Fusion expects In Progress")
    }

    @Test("the text report puts the visibility leak first, a header line per code")
    func text() throws {
        let text = try mixedReport().text
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(
            lines[0].hasPrefix("Drift: snapshot snap-1 against northwind: 4 findings (1 critical, 2 warning, 1 info)"))
        #expect(lines[2] == "COMMENT_VISIBILITY_LEAK (critical, 1)")
        #expect(lines[3].hasPrefix("  comment 10 (partner act_1) on ticket 44190233 (partner 88412): private note"))
        #expect(lines.contains("TICKET_FIELD (warning, 1)"))
        #expect(
            lines.contains(
                "  ticket 44190233 (partner 88412): status is New, Support Fusion expects In Progress [auto]"))
    }

    @Test("no drift is one line")
    func noDrift() throws {
        let report = try drift(Fixture.snapshot(tickets: [Fixture.ticket()]))
        #expect(report.text == "No drift: snapshot snap-1 against northwind matches Syncro.\n")
        #expect(report.rendered(as: .json).contains("\"findings\": []"))
    }

    @Test("the CSV report has fixed columns and one row per finding")
    func csv() throws {
        let csv = try mixedReport().csv()
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(
            lines[0]
                == "code,severity,entity,syncro_id,partner_id,ticket_syncro_id,ticket_partner_id,field,expected,"
                + "current,partner_current,gate,message")
        #expect(
            lines[1].hasPrefix(
                "COMMENT_VISIBILITY_LEAK,critical,comment,10,act_1,44190233,88412,hidden,true,false,,report,"))
        #expect(
            lines[3]
                == "TICKET_FIELD,warning,ticket,44190233,88412,,,status,In Progress,New,,auto,"
                + "\"status is New, Support Fusion expects In Progress\"")
    }
}
