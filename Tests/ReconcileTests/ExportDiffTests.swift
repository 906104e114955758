import Foundation
import Reconcile
import RecordFormats
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

    @Test("billing and service records diff like the others: by id, typed, any format on either side")
    func billingRecords() throws {
        let base = try ExportFixture()
        try base.jsonl(
            "invoices.jsonl",
            [
                ["id": 7001, "number": "7001", "total": "150.00", "is_paid": false, "ticket_id": 1],
                ["id": 7002, "number": "7002", "total": "80.00", "is_paid": true, "ticket_id": 2],
            ])
        try base.write(
            "invoice_line_items.csv",
            "id,invoice_id,estimate_id,name,quantity\n9001,7001,,Labour,1.0\n9002,7001,,Cable,2.0\n")
        let current = try ExportFixture()
        try current.write(
            "invoices.json",
            """
            [
            {"id": 7001, "number": "7001", "total": "150.00", "is_paid": true, "ticket_id": 1},
            {"id": 7002, "number": "7002", "total": "80.00", "is_paid": true, "ticket_id": 2}
            ]
            """)
        try current.jsonl(
            "invoice_line_items.jsonl",
            [["id": 9001, "invoice_id": 7001, "estimate_id": NSNull(), "name": "Labour", "quantity": "1.0"]])

        let diff = try ExportDiff.compare(base: base.path, current: current.path)
        let invoices = try #require(diff.entities.first { $0.entity.rawValue == "invoices" })
        #expect(invoices.changed == [RecordChange(key: RecordKey(id: 7001), fields: ["is_paid"])])
        #expect(invoices.unchanged == 1)
        let lines = try #require(diff.entities.first { $0.entity.rawValue == "invoice_line_items" })
        #expect(lines.removed.map(\.text) == ["9002"])
        #expect(lines.changed.isEmpty && lines.unchanged == 1)
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

    /// Tickets and comments with small random differences, written in export order or shuffled.
    private struct Generated {
        var base: [String: [[String: Any]]] = [:]
        var current: [String: [[String: Any]]] = [:]
        /// What the diff must find, per entity: keys added, removed and changed (with the changed fields).
        var added: [String: [Int]] = [:]
        var removed: [String: [Int]] = [:]
        var changed: [String: [RecordChange]] = [:]

        init(seed: UInt64, shuffled: Bool) {
            var random = SplitMix64(seed: seed)
            let tickets = 50 + Int(random.next() % 300)
            for id in 1...tickets {
                let status = ["New", "Open", "Resolved"][Int(random.next() % 3)]
                let ticket: [String: Any] = ["id": id, "status": status, "subject": "Ticket \(id)"]
                add("tickets", ticket, id: id, random: &random, fields: ["status", "subject"])
                for k in 0..<Int(random.next() % 4) {
                    // Comment ids interleave across tickets, as when old tickets get new comments.
                    let commentID = id * 7 + (k * 3_001) % 997
                    let comment: [String: Any] = ["id": commentID, "ticket_id": id, "body": "c\(k)", "hidden": false]
                    add("comments", comment, id: commentID, random: &random, fields: ["body", "hidden"])
                }
            }
            for entity in ["tickets", "comments"] {
                // Export order: by id; comments by ticket, then id.
                func order(_ records: [[String: Any]]) -> [[String: Any]] {
                    records.sorted {
                        let left = ($0["ticket_id"] as? Int ?? 0, $0["id"] as? Int ?? 0)
                        let right = ($1["ticket_id"] as? Int ?? 0, $1["id"] as? Int ?? 0)
                        return left < right
                    }
                }
                base[entity] = order(base[entity] ?? [])
                current[entity] = order(current[entity] ?? [])
                if shuffled { current[entity]?.shuffle(using: &random) }
                added[entity]?.sort()
                removed[entity]?.sort()
                changed[entity]?.sort { $0.key < $1.key }
            }
        }

        /// One record on both sides, or one side only, or changed in one field.
        private mutating func add(
            _ entity: String, _ record: [String: Any], id: Int, random: inout SplitMix64, fields: [String]
        ) {
            switch random.next() % 10 {
            case 0:
                base[entity, default: []].append(record)
                removed[entity, default: []].append(id)
            case 1:
                current[entity, default: []].append(record)
                added[entity, default: []].append(id)
            case 2:
                let field = fields[Int(random.next() % UInt64(fields.count))]
                var edited = record
                edited[field] = field == "hidden" ? true : "\(record[field] ?? "") (edited)"
                base[entity, default: []].append(record)
                current[entity, default: []].append(edited)
                changed[entity, default: []].append(RecordChange(key: RecordKey(id: id), fields: [field]))
            default:
                base[entity, default: []].append(record)
                current[entity, default: []].append(record)
            }
        }
    }

    @Test(
        "two exports read together: the same diff in export order or shuffled",
        arguments: [(1, false), (2, false), (3, true), (4, true), (5, false), (6, true)] as [(UInt64, Bool)])
    func streamedTogether(seed: UInt64, shuffled: Bool) throws {
        let generated = Generated(seed: seed, shuffled: shuffled)
        #expect(["tickets", "comments"].allSatisfy { generated.added[$0] != nil && generated.changed[$0] != nil })
        let base = try ExportFixture()
        let current = try ExportFixture()
        for entity in ["tickets", "comments"] {
            try base.jsonl("\(entity).jsonl", generated.base[entity] ?? [])
            try current.jsonl("\(entity).jsonl", generated.current[entity] ?? [])
        }
        let diff = try ExportDiff.compare(base: base.path, current: current.path)
        for entity in ["tickets", "comments"] {
            let found = try #require(diff.entities.first { $0.entity.rawValue == entity })
            #expect(found.added.compactMap(\.id) == (generated.added[entity] ?? []), "\(entity) added")
            #expect(found.removed.compactMap(\.id) == (generated.removed[entity] ?? []), "\(entity) removed")
            #expect(found.changed == (generated.changed[entity] ?? []), "\(entity) changed")
            let both = (generated.base[entity]?.count ?? 0) - (generated.removed[entity]?.count ?? 0)
            #expect(found.unchanged == both - (generated.changed[entity]?.count ?? 0))
        }
    }

    @Test("a key repeated within one file counts once per record")
    func repeatedKeys() throws {
        let base = try ExportFixture()
        try base.jsonl("tickets.jsonl", [["id": 1, "status": "New"], ["id": 1, "status": "Open"], ["id": 2]])
        let current = try ExportFixture()
        try current.jsonl("tickets.jsonl", [["id": 1, "status": "New"], ["id": 2], ["id": 2]])
        let diff = try ExportDiff.compare(base: base.path, current: current.path)
        let tickets = try #require(diff.entities.first)
        // One base 1 meets current 1 (which copy depends on the reading order), the other has no counterpart left;
        // one current 2 meets base 2, the other has none.
        #expect(tickets.unchanged + tickets.changed.count == 2)
        #expect(tickets.changed.allSatisfy { $0.key == RecordKey(id: 1) })
        #expect(tickets.removed.compactMap(\.id) == [1])
        #expect(tickets.added.compactMap(\.id) == [2])
    }

    @Test("a broken record in either export stops the diff with that file's error, after the records before it")
    func brokenRecord() throws {
        let good = try ExportFixture()
        let records = (1...2_000).map { ["id": $0, "status": "New"] as [String: Any] }
        try good.jsonl("tickets.jsonl", records)
        let broken = try ExportFixture()
        let lines = records.map { #"{"id": \#($0["id"] ?? 0), "status": "New"}"# }
        try broken.write(
            "tickets.jsonl", (lines[..<1_500] + [#"{"id": 1501, "status": "#] + lines[1_501...]).joined(separator: "\n")
        )
        for (base, current) in [(good, broken), (broken, good)] {
            do {
                _ = try ExportDiff.compare(base: base.path, current: current.path)
                Issue.record("the broken line was not reported")
            } catch let error as RecordFileError {
                #expect(error.path.hasSuffix("tickets.jsonl") && error.path.hasPrefix(broken.path))
                #expect(error.line == 1_501)
            }
        }
    }

    @Test("progress every few thousand records read and at the end of each entity")
    func progress() throws {
        let base = try ExportFixture()
        let current = try ExportFixture()
        try base.jsonl("tickets.jsonl", (1...3_000).map { ["id": $0, "status": "New"] })
        try current.jsonl("tickets.jsonl", (1...3_000).map { ["id": $0, "status": $0 % 300 == 0 ? "Open" : "New"] })
        try base.jsonl("customers.jsonl", [["id": 1, "business_name": "Contoso"]])
        try current.jsonl("customers.jsonl", [["id": 1, "business_name": "Contoso"]])
        var heard: [ExportDiff.Progress] = []
        let diff = try ExportDiff.compare(base: base.path, current: current.path) { heard.append($0) }
        #expect(heard.map(\.entity.rawValue) == ["tickets", "tickets", "customers"])
        #expect(heard.map(\.recordsRead) == [ExportDiff.Progress.interval, 6_000, 2])
        #expect(heard.map(\.changed).last == 0 && heard.dropLast().last?.changed == 10)
        #expect(diff.entities.first { $0.entity.rawValue == "tickets" }?.changed.count == 10)
    }

    @Test("a directory without export files is refused with a clear error")
    func empty() throws {
        let base = try ExportFixture(subdomain: nil)
        #expect(throws: ExportDirectoryError.self) { try ExportDiff.compare(base: base.path, current: base.path) }
    }
}
