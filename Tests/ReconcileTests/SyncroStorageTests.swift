import Reconcile
import RecordFormats
import Snapshot
import Testing

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
}
