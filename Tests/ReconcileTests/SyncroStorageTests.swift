import RecordFormats
import Snapshot
import Testing

@testable import Reconcile

/// The compact stores behind `SyncroRecords` give back exactly what was put in.
@Suite("Syncro records: compact storage")
struct SyncroStorageTests {
    @Test("a packed record reads back equal, with the template's keys or its own")
    func packedRecords() throws {
        var records = PackedRecords(template: ["id", "subject", "tag_list"])
        let templated: JSONObject = [
            "id": .number("7"), "subject": .string("Printer jam on floor 3 — ünïcode"),
            "tag_list": .array([.string("vip"), .null, .bool(true), .bool(false)]),
        ]
        let other: JSONObject = [
            "id": .number("12.50"),
            "properties": .object(["Partner Ticket": .string(String(repeating: "x", count: 300))]),
        ]
        records[7] = templated
        records[8] = other
        records[9] = JSONObject()
        #expect(records[7] == templated)
        #expect(records[8] == other)
        #expect(records[9] == JSONObject())
        #expect(records[10] == nil)
        records[8] = templated
        #expect(records[8] == templated)
        records[9] = nil
        #expect(records.count == 2)
        #expect(Set(records.map(\.id)) == [7, 8])
    }

    @Test("comments read back by id and by ticket, whatever order their ids arrive in")
    func commentStore() {
        var store = SyncroCommentStore()
        let hash = BodyHash.sha256("Jams")
        let comments = [
            SyncroComment(id: 30, ticketID: 1, hidden: true, bodySHA256: hash, userID: 118),
            SyncroComment(id: 40, ticketID: 2, hidden: false, bodySHA256: nil, body: "kept"),
            SyncroComment(id: 10, ticketID: 1, hidden: false, bodySHA256: "not a hash"),
        ]
        for comment in comments {
            let added = store.insert(comment)
            #expect(added)
        }
        for comment in comments { #expect(store[comment.id] == comment) }
        #expect(store.commentIDs(onTicket: 1) == [30, 10])
        #expect(store.comments(onTicket: 1) == [comments[0], comments[2]])
        #expect(store.commentIDs(onTicket: 3) == nil)
        // A replaced comment keeps its place on the ticket it was first added to.
        let moved = SyncroComment(id: 30, ticketID: 2, hidden: false, bodySHA256: hash)
        let addedAgain = store.insert(moved)
        #expect(!addedAgain)
        #expect(store[30] == moved)
        #expect(store.commentIDs(onTicket: 1) == [30, 10])
        let addedWithDigest = store.insert(
            SyncroComment(id: 50, ticketID: 2, hidden: false, bodySHA256: nil), digest: BodyHash.digest("Jams"))
        #expect(addedWithDigest)
        #expect(store[50]?.bodySHA256 == hash)
        #expect(store.count == 4)
    }

    @Test("an id table gives back every value, in ascending columns or, once ids come out of order, a dictionary")
    func idTable() {
        var table = IDTable<String>()
        var expected: [Int: String] = [:]
        func check(_ context: String) {
            #expect(table.count == expected.count, "\(context)")
            #expect(Set(table.keys) == Set(expected.keys), "\(context)")
            for id in -2..<60 { #expect(table[id] == expected[id], "\(context): id \(id)") }
            for id in table.keys { #expect(table[id] == expected[id], "\(context): id \(id)") }
        }
        for id in stride(from: 0, to: 40, by: 3) {
            table[id] = "v\(id)"
            expected[id] = "v\(id)"
        }
        table[9] = "replaced"
        expected[9] = "replaced"
        table[10] = nil
        check("ascending")
        #expect(Array(table.keys) == expected.keys.sorted())
        table[4] = "below"
        expected[4] = "below"
        check("out of order")
        table[45] = "above"
        expected[45] = "above"
        table[4] = nil
        expected[4] = nil
        check("after out of order")

        var removed = IDTable<Int>()
        for id in [1, 5, 8] { removed[id] = id * 10 }
        removed[5] = nil
        #expect(removed.count == 2)
        #expect(removed[5] == nil)
        #expect(removed[8] == 80)
        #expect(removed.isEmpty == false)
    }

    @Test("an integer column gives back every value, in 32 bits from its first value or, once one is too far, whole")
    func intColumn() {
        let starts = [70_000_000, -5, Int.max - 3]
        for start in starts {
            var column = IntColumn()
            var expected: [Int] = []
            for value in [start, start + 1, start - 7, start + 3] + [Int.min, Int.max, 0, start &+ (1 << 31) &+ 9] {
                column.append(value)
                expected.append(value)
                #expect(column.count == expected.count)
                #expect(column.last == expected.last)
                #expect((0..<expected.count).map { column[$0] } == expected, "from \(start)")
            }
            column[1] = Int.min + 1
            expected[1] = Int.min + 1
            #expect((0..<expected.count).map { column[$0] } == expected, "from \(start), after setting")
        }
        var narrow = IntColumn()
        narrow.append(100)
        narrow[0] = Int.max
        #expect(narrow[0] == Int.max)
        var ascending = IntColumn()
        for value in stride(from: -40, to: 400, by: 7) { ascending.append(value) }
        for value in -50..<410 {
            let expected = value >= -40 && value < 400 && (value + 40) % 7 == 0 ? (value + 40) / 7 : nil
            #expect(ascending.position(ofAscending: value) == expected, "value \(value)")
        }
        var wide = IntColumn()
        let wideValues = [-(1 << 40), -5, 0, 3, 1 << 33, 1 << 34]
        for value in wideValues { wide.append(value) }
        for (position, value) in wideValues.enumerated() {
            #expect(wide.position(ofAscending: value) == position)
            #expect(wide.position(ofAscending: value + 1) == nil)
        }
        #expect(ascending.position(ofAscending: Int.max) == nil && ascending.position(ofAscending: Int.min) == nil)
        #expect(IntColumn().position(ofAscending: 0) == nil)
        #expect(IntColumn().last == nil)
    }
}
