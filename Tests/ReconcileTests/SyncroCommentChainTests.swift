import Reconcile
import Testing

/// The comment store keeps the chain of the ticket commented on last out of its dictionary: ids per ticket must
/// still be every ticket's comments in the order added, however tickets interleave, come back or repeat ids.
@Suite("Syncro comment store: chains per ticket")
struct SyncroCommentChainTests {
    @Test("ids per ticket match a dictionary of arrays, for runs of one ticket, returns to earlier ones and repeats")
    func chainsMatchDictionary() {
        var state: UInt64 = 0x0123_4567_89AB_CDEF
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % bound
        }
        for round in 0..<20 {
            var store = SyncroCommentStore()
            var expected: [Int: [Int]] = [:]
            var ticketOf: [Int: Int] = [:]
            var id = 100
            var ticket = 1
            for _ in 0..<300 {
                // Mostly a run on one ticket, sometimes another ticket (new or seen), sometimes an id seen before.
                switch next(10) {
                case 0, 1: ticket = 1 + next(round + 3)
                case 2: ticket += 1
                default: break
                }
                id = next(12) == 0 ? 100 + next(id - 99) : id + 1 + next(3)
                let added = store.insert(SyncroComment(id: id, ticketID: ticket, hidden: false, bodySHA256: nil))
                #expect(added == (ticketOf[id] == nil))
                if ticketOf[id] == nil {
                    ticketOf[id] = ticket
                    expected[ticket, default: []].append(id)
                }
                if next(20) == 0 {
                    for (ticket, ids) in expected { #expect(store.commentIDs(onTicket: ticket) == ids) }
                }
            }
            for ticket in 0..<(round + 10) {
                #expect(store.commentIDs(onTicket: ticket) == expected[ticket], "round \(round) ticket \(ticket)")
                #expect(store.comments(onTicket: ticket).map(\.id) == expected[ticket] ?? [])
            }
        }
    }
}
