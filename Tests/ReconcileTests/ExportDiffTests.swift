import Foundation
import Reconcile
import Testing

@Suite("Export diff")
struct ExportDiffTests {
    @Test("added, removed and changed records, with typed comparison and changed field names")
    func diff() throws {
        let base = try ExportFixture()
        try base.jsonl(
            "tickets.jsonl",
            [
                ["id": 1, "status": "New", "updated_at": "2026-11-28T23:00:00Z", "properties": ["Zip": "02116"]],
                ["id": 2, "status": "Open", "updated_at": "2026-11-28T23:00:00Z"],
                ["id": 3, "status": "Open", "tag_list": ["VIP", "Onsite"]],
            ])
        try base.jsonl("customers.jsonl", [["id": 10, "business_name": "Contoso"]])
        let current = try ExportFixture()
        try current.write(
            "tickets.json",
            """
            [
            {"id": 1, "status": "In Progress", "updated_at": "2026-11-29T00:00:00+01:00", "properties": {"Zip": "2116"}},
            {"id": 3, "status": "Open", "tag_list": ["onsite", "vip"]},
            {"id": 4, "status": "New"}
            ]
            """)
        try current.jsonl("contacts.jsonl", [["id": 20, "name": "Jo"]])

        let diff = try ExportDiff.compare(base: base.path, current: current.path)
        #expect(diff.hasChanges)
        let tickets = try #require(diff.entities.first { $0.entity.rawValue == "tickets" })
        #expect(tickets.presence == .both)
        #expect(tickets.added.map(\.text) == ["4"])
        #expect(tickets.removed.map(\.text) == ["2"])
        #expect(tickets.changed == [RecordChange(key: RecordKey(id: 1), fields: ["properties.Zip", "status"])])
        #expect(tickets.unchanged == 1)
        #expect(diff.entities.first { $0.entity.rawValue == "customers" }?.presence == .baseOnly)
        #expect(diff.entities.first { $0.entity.rawValue == "contacts" }?.presence == .currentOnly)

        let text = diff.text()
        #expect(text.contains("tickets: 1 added, 1 removed, 1 changed, 1 unchanged"))
        #expect(text.contains("  ~ 1: properties.Zip, status"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(diff.jsonText.utf8)) as? [String: Any])
        let entities = try #require(object["entities"] as? [[String: Any]])
        let first = try #require(entities.first { $0["entity"] as? String == "tickets" })
        #expect(first["added"] as? [Int] == [4])
        #expect((first["changed"] as? [[String: Any]])?.first?["fields"] as? [String] == ["properties.Zip", "status"])
    }

    @Test("a CSV side limits the comparison to the fields CSV carries")
    func csvAgainstJSON() throws {
        let base = try ExportFixture()
        try base.write("customers.csv", "id,business_name,email,zip\n10,Contoso,it@contoso.example,02116\n")
        let current = try ExportFixture()
        try current.jsonl(
            "customers.jsonl",
            [["id": 10, "business_name": "Contoso", "email": "IT@contoso.example", "zip": "02116", "pdf_url": "x"]])
        let diff = try ExportDiff.compare(base: base.path, current: current.path)
        #expect(!diff.hasChanges)
    }

    @Test("a directory without export files is refused with a clear error")
    func empty() throws {
        let base = try ExportFixture(subdomain: nil)
        #expect(throws: ExportDirectoryError.self) { try ExportDiff.compare(base: base.path, current: base.path) }
    }
}
