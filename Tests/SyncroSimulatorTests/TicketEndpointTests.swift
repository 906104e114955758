import RecordFormats
import SyncroSimulator
import Testing

@Suite("Ticket endpoints")
struct TicketEndpointTests {
    @Test("List rows carry only the first comment unless all_comments=true")
    func firstCommentOnly() async throws {
        try await Harness.withSimulator { client in
            let rows = try #require(try await client.get("/tickets").json?["tickets"]?.arrayValue)
            let row = try #require(rows.first { $0["id"]?.intValue == 1004 })
            #expect(row.count("comments") == 1)
            #expect(row["comments"]?.arrayValue?.first?["subject"] == "Initial Issue")
            let all = try #require(try await client.get("/tickets?all_comments=true").json?["tickets"]?.arrayValue)
            #expect(all.first { $0["id"]?.intValue == 1004 }?.count("comments") == 5)
        }
    }

    @Test("List rows carry the customer's organization tags and derived names")
    func derivedFields() async throws {
        try await Harness.withSimulator { client in
            let rows = try #require(try await client.get("/tickets?customer_id=101").json?["tickets"]?.arrayValue)
            #expect(rows.count == 4)
            let row = try #require(rows.first { $0["id"]?.intValue == 1001 })
            #expect(row["customer_tag_list"] == ["Managed Services", "Healthcare", "HIPAA"])
            #expect(row["customer_business_then_name"] == "Northwind Dental Group")
            #expect(row["contact_fullname"] == "Sarah Okafor")
            #expect(row["user"]?["admin?"] == false)
            #expect(row["user"]?["admin"] == nil)
            #expect(row["number"] == 5001)
        }
    }

    @Test("The list filters by number, contact, status and Not Closed")
    func filters() async throws {
        try await Harness.withSimulator { client in
            let byNumber = try await client.get("/tickets?number=5003").json
            #expect(byNumber?["tickets"]?.arrayValue?.map { $0["id"] } == [1003])
            #expect(try await client.get("/tickets?number=abc").json?.count("tickets") == 0)
            #expect(try await client.get("/tickets?contact_id=205").json?.count("tickets") == 1)
            #expect(try await client.get("/tickets?status=Resolved").json?.count("tickets") == 3)
            // 12 tickets, 3 Resolved; Invoiced counts as not closed by default.
            #expect(try await client.get("/tickets?status=Not%20Closed").json?.count("tickets") == 9)
            #expect(try await client.get("/tickets?status=Not+Closed").json?.count("tickets") == 9)
            #expect(try await client.get("/tickets?query=printer").json?.count("tickets") == 1)
            #expect(try await client.get("/tickets?query=northwind").json?.count("tickets") == 4)
        }
        try await Harness.withSimulator(
            configuration: Harness.configured { $0.closedStatuses = ["Resolved", "Invoiced"] }
        ) {
            client async throws in
            #expect(try await client.get("/tickets?status=Not%20Closed").json?.count("tickets") == 7)
        }
    }

    @Test("since_updated_at accepts a date or a full timestamp with any offset, strictly after")
    func sinceUpdatedAt() async throws {
        try await Harness.withSimulator { client in
            // Updated on 2026-01-12 or later: 1006 (01-12 08:44), 1009, 1010, 1011 (01-13..01-15).
            let byDate = try await client.get("/tickets?since_updated_at=2026-01-12").json
            #expect(
                Set(byDate?["tickets"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []) == [
                    1006, 1009, 1010, 1011,
                ])
            // Exactly 1006's updated_at: strictly after excludes it.
            let exact = try await client.get("/tickets?since_updated_at=2026-01-12T08:44:03.117Z").json
            #expect(Set(exact?["tickets"]?.arrayValue?.compactMap { $0["id"]?.intValue } ?? []) == [1009, 1010, 1011])
            // The same instant written with an offset.
            let offset = try await client.get("/tickets?since_updated_at=2026-01-12T00:44:03.117-08:00").json
            #expect(offset?.count("tickets") == 3)
            let plus = try await client.get("/tickets?since_updated_at=2026-01-12T10:44:03.116%2B02:00").json
            #expect(plus?.count("tickets") == 4)
            #expect(try await client.get("/tickets?created_after=2026-01-13").json?.count("tickets") == 3)
            #expect(try await client.get("/tickets?resolved_after=2025-12-01").json?.count("tickets") == 1)
        }
    }

    @Test("Ticket detail is wrapped and carries all comments, customer, contact and list ids")
    func detail() async throws {
        try await Harness.withSimulator { client in
            let ticket = try #require(try await client.get("/tickets/1006").json?["ticket"])
            #expect(ticket.count("comments") == 4)
            #expect(ticket["customer"]?["business_name"] == "Harbor Logistics LLC")
            #expect(ticket["customer"]?.count("contacts") == 2)
            #expect(ticket["contact"]?["name"] == "Tom Reyes")
            #expect(ticket["contact_id"] == 204)
            #expect(ticket["ticket_type_id"] == 1)
            #expect(ticket["ticket_type"]?["name"] == "Incident")
            #expect(ticket["assets"]?.arrayValue?.first?["name"] == "HBL-CORE-SW1")
            #expect(ticket["tag_list"] == ["network", "wifi"])
            #expect(ticket["customer_tag_list"] == nil)
        }
    }

    @Test("PUT replaces tag_list, merges properties and bumps updated_at")
    func update() async throws {
        try await Harness.withSimulator { client in
            let body: JSONValue = [
                "tag_list": ["wifi", "escalated"], "properties": ["Site": "Dock 5", "PO": "4411"], "status": "Resolved",
                "do_not_touch": "ignored",
            ]
            let result = try await client.send("PUT", "/tickets/1006", body: body)
            #expect(result.status == 200)
            let ticket = try #require(result.json?["ticket"])
            #expect(ticket["tag_list"] == ["wifi", "escalated"])
            #expect(ticket["properties"] == ["Billable": "Yes", "Site": "Dock 5", "PO": "4411"])
            #expect(ticket["do_not_touch"] == nil)
            let updated = try #require(ticket["updated_at"]?.stringValue)
            #expect(updated > "2026-01-12T08:44:03.117Z")
            #expect(updated.hasSuffix("Z") && updated.count == 24)
            #expect(ticket["resolved_at"]?.stringValue == updated)

            let again = try #require(try await client.get("/tickets/1006").json?["ticket"])
            #expect(again["tag_list"] == ["wifi", "escalated"])
        }
    }

    @Test("PUT with a blank subject is a 422 with Syncro's shape; unknown ids are 404")
    func updateValidation() async throws {
        try await Harness.withSimulator { client in
            let blank = try await client.send("PUT", "/tickets/1006", body: ["subject": "  "])
            #expect(blank.status == 422)
            #expect(blank.json == ["success": false, "message": ["Subject can't be blank"]])
            let missing = try await client.send("PUT", "/tickets/999999", body: ["subject": "x"])
            #expect(missing.status == 404)
        }
    }

    @Test("POST /tickets answers 200 with the new ticket, its number and its comments")
    func create() async throws {
        try await Harness.withSimulator { client in
            let body: JSONValue = [
                "customer_id": 104, "subject": "Laptop will not boot", "problem_type": "Hardware", "status": "New",
                "tag_list": ["support-fusion"], "properties": ["Support Fusion ID": "SF-1"],
                "comments_attributes": [
                    [
                        "subject": "Initial Issue", "body": "Black screen after the update.", "hidden": false,
                        "do_not_email": true,
                    ]
                ],
            ]
            let result = try await client.send("POST", "/tickets", body: body)
            #expect(result.status == 200)
            let ticket = try #require(result.json?["ticket"])
            #expect(ticket["id"] == 1013)
            #expect(ticket["number"] == 5013)
            #expect(ticket["customer"]?["id"] == 104)
            let comment = try #require(ticket["comments"]?.arrayValue?.first)
            #expect(comment["body"] == "Black screen after the update.")
            #expect(comment["ticket_id"] == 1013)
            #expect(comment["do_not_email"] == nil)
            let listed = try await client.get("/tickets?number=5013").json
            #expect(listed?.count("tickets") == 1)
        }
    }

    @Test("POST /tickets without a customer is 422 {\"error\":\"Customer required field\"}")
    func createWithoutCustomer() async throws {
        try await Harness.withSimulator { client in
            let result = try await client.send("POST", "/tickets", body: ["subject": "No customer"])
            #expect(result.status == 422)
            #expect(result.json == ["error": "Customer required field"])
        }
    }

    @Test("POST /tickets/{id}/comment needs subject and body, and bumps the ticket")
    func comment() async throws {
        try await Harness.withSimulator { client in
            let empty = try await client.send("POST", "/tickets/1008/comment", body: ["hidden": true])
            #expect(empty.status == 422)
            #expect(empty.json == ["success": false, "message": ["Body can't be blank", "Subject can't be blank"]])

            let body: JSONValue = [
                "subject": "Update", "body": "Remote session booked.", "hidden": true, "do_not_email": true,
            ]
            let result = try await client.send("POST", "/tickets/1008/comment", body: body)
            #expect(result.status == 200)
            let comment = try #require(result.json?["comment"]?.objectValue)
            #expect(
                comment.keys == [
                    "id", "created_at", "updated_at", "ticket_id", "subject", "body", "tech", "hidden", "user_id",
                ])
            #expect(comment["user_id"] == 118)
            #expect(comment["tech"] == "Support Fusion")
            #expect(comment["hidden"] == true)
            let ticket = try #require(try await client.get("/tickets/1008").json?["ticket"])
            #expect(ticket["updated_at"] == comment["created_at"])
            #expect(ticket.count("comments") == 3)
        }
    }

    @Test("GET /tickets/{id}/comments pages 10 by default with its own meta")
    func commentsEndpoint() async throws {
        try await Harness.withSimulator { client in
            let result = try #require(try await client.get("/tickets/1004/comments").json)
            #expect(result.count("comments") == 5)
            #expect(result["meta"] == ["total_pages": 1, "page": 1, "per_page": 10])
            let first = try #require(result["comments"]?.arrayValue?.first)
            #expect(first["is_rich_text"] == false)
            #expect(first["user"] == [:])
            let second = try #require(try await client.get("/tickets/1004/comments?per_page=2&page=2").json)
            #expect(second["meta"] == ["total_pages": 3, "page": 2, "per_page": 2])
            #expect(second["comments"]?.arrayValue?.first?["user"]?["full_name"] == "Dana Whitfield")
            let descending = try #require(try await client.get("/tickets/1004/comments?sort_direction=DESC").json)
            #expect(descending["comments"]?.arrayValue?.first?["subject"] == "Resolved")
        }
    }

    @Test("DELETE /tickets/{id} keeps Syncro's trailing space, then 404")
    func delete() async throws {
        let tokens = SimulatorTokens([SimulatorToken(token: "all-access-token", name: "Admin", permissions: ["*"])])
        try await Harness.withSimulator(tokens: tokens) { client in
            let result = try await client.send("DELETE", "/tickets/1012", token: "all-access-token")
            #expect(result.json == ["message": "Ticket was successfully deleted. "])
            #expect(try await client.get("/tickets/1012", token: "all-access-token").status == 404)
        }
    }
}
