import Foundation
import Reconcile
import RecordFormats
import SyncroAPI
import SyncroSimulator
import TestSupport
import Testing

@Suite("Write allowlist")
struct AllowlistTests {
    @Test(
        "only the three write routes, reads of tickets and /me, and their listed body fields pass",
        arguments: [
            ("GET", "/tickets/1001", nil, true),
            ("GET", "/tickets?customer_id=101", nil, true),
            ("GET", "/tickets/1001/comments", nil, true),
            ("GET", "/me", nil, true),
            ("GET", "/customers", nil, false),
            ("PUT", "/tickets/1001", ["status": "Resolved", "tag_list": ["a"]], true),
            ("PUT", "/tickets/1001", ["comments_attributes": [["body": "x"]]], false),
            ("PUT", "/tickets/1001", ["number": 7], false),
            ("PUT", "/tickets/1001?x=1", ["status": "New"], false),
            ("PUT", "/customers/101", ["business_name": "x"], false),
            ("POST", "/tickets/1001/comment", ["subject": "Update", "body": "x", "do_not_email": true], true),
            ("POST", "/tickets/1001/comment", ["subject": "Update", "body": "x"], false),
            ("POST", "/tickets/1001/comment", ["subject": "Update", "body": "x", "do_not_email": false], false),
            ("POST", "/tickets/1001/comment", ["body": "x", "do_not_email": true, "sms_body": "x"], false),
            ("POST", "/tickets/1001/delete_attachment", ["attachment_id": 1], false),
            ("POST", "/tickets/1001/remove_line_item", ["line_item_id": 1], false),
            ("POST", "/tickets/1001/attach_file_url", [:], false),
            ("POST", "/tickets", ["customer_id": 101, "subject": "x"], true),
            ("POST", "/tickets", ["customer_id": 101, "comments_attributes": [["body": "x"]]], false),
            (
                "POST", "/tickets",
                ["customer_id": 101, "comments_attributes": [["body": "x", "do_not_email": true]]], true
            ),
            ("DELETE", "/tickets/1001", nil, false),
            ("PUT", "/tickets/abc", ["status": "New"], false),
            ("PUT", "/tickets//1001", ["status": "New"], false),
        ] as [(String, String, JSONObject?, Bool)])
    func routes(method: String, path: String, body: JSONObject?, allowed: Bool) {
        #expect((WriteAllowlist.violation(method: method, path: path, body: body) == nil) == allowed)
    }

    @Test("generated plans, bad operations included, never put a request outside the allowlist on the wire")
    func generatedPlans() async throws {
        try await SimulatedAccount.with { account in
            var generator = SplitMix64(seed: 7)
            let tickets = [1001, 1002, 1003, 1004, 1005, 1006]
            var snapshots: [Int: JSONObject] = [:]
            for id in tickets { snapshots[id] = try await PlanFixture.ticket(id, in: account) }
            var refused = 0
            for round in 0..<30 {
                try await account.reset()
                var operations: [PlanOperation] = []
                for index in 0..<(3 + Int(generator.next() % 6)) {
                    let ticket = snapshots[tickets[Int(generator.next() % UInt64(tickets.count))]] ?? [:]
                    operations.append(Self.operation(generator.next(), ticket: ticket, tag: "\(round)-\(index)"))
                }
                let summary = try await PlanFixture.apply(PlanFixture.plan(operations), in: account)
                if case .forbiddenRequest? = summary.stopped { refused += 1 }
                for entry in try await account.requestLog() {
                    let method = entry["method"]?.stringValue ?? "?"
                    let path = String((entry["path"]?.stringValue ?? "").dropFirst("/api/v1".count))
                    if method == "GET" {
                        #expect(
                            WriteAllowlist.violation(method: method, path: path, body: nil) == nil,
                            "round \(round) read \(path)")
                    } else {
                        #expect(
                            Self.writeRoutes.contains { path.wholeMatch(of: $0) != nil },
                            "round \(round) sent \(method) \(path)")
                    }
                }
            }
            #expect(refused > 0, "no generated plan held a forbidden operation; the test proved nothing")
        }
    }

    nonisolated(unsafe) static let writeRoutes: [Regex<Substring>] = [
        /\/tickets/, /\/tickets\/[0-9]+/, /\/tickets\/[0-9]+\/comment/,
    ]

    /// One operation of a generated plan: mostly good ones, some a planner bug could produce.
    static func operation(_ random: UInt64, ticket: JSONObject, tag: String) -> PlanOperation {
        let id = ticket["id"]?.intValue ?? 0
        switch random % 9 {
        case 0: return PlanFixture.update(ticket, "priority", to: "2 Normal")
        case 1: return PlanFixture.comment(ticket, partnerID: "gen_\(tag)", body: "Generated \(tag).")
        case 2: return PlanFixture.create(customerID: 101, subject: "Generated \(tag)", partnerID: "gen_t\(tag)")
        case 3:
            var bad = PlanFixture.update(ticket, "priority", to: "3 Low")
            bad.path = "/tickets/\(id)/delete_attachment"
            bad.method = "POST"
            return bad
        case 4:
            var bad = PlanFixture.update(ticket, "priority", to: "3 Low")
            bad.body["comments_attributes"] = [["body": "sneaky", "do_not_email": false]]
            return bad
        case 5:
            var bad = PlanFixture.comment(ticket, partnerID: "gen_e\(tag)", body: "Emails the customer.")
            bad.body["do_not_email"] = false
            return bad
        case 6:
            var bad = PlanFixture.update(ticket, "priority", to: "3 Low")
            bad.method = "DELETE"
            return bad
        case 7:
            var bad = PlanFixture.update(ticket, "priority", to: "3 Low")
            bad.path = "/customers/101"
            return bad
        default:
            return PlanFixture.update(ticket, "status", to: "In Progress")
        }
    }
}
