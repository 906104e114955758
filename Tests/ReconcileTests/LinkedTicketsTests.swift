import RecordFormats
import Testing

@testable import Reconcile

/// `LinkedTickets` answers as a set of ids would, whether the Syncro tickets are stored in id order (a bit each) or
/// not (a set), and for ids the Syncro side does not have.
@Suite("Drift: linked tickets")
struct LinkedTicketsTests {
    @Test("linked tickets are the ids inserted, in order or not", arguments: [false, true])
    func sameAsSet(outOfOrder: Bool) {
        var tickets = PackedRecords(template: ["id"])
        var ids = Array(stride(from: 1_000, to: 1_300, by: 3))
        if outOfOrder { ids.swapAt(0, 50) }
        for id in ids { tickets[id] = ["id": .int(id)] }
        #expect((tickets.ordinal(of: 1_003) == nil) == outOfOrder)
        var linked = LinkedTickets(tickets: tickets)
        var expected = Set<Int>()
        for id in ids.enumerated().filter({ $0.offset % 4 != 1 }).map(\.element) + [7, 1_001, 99_999] {
            linked.insert(id)
            expected.insert(id)
        }
        for id in 0..<1_400 { #expect(linked.contains(id) == expected.contains(id), "id \(id)") }
        #expect(linked.contains(99_999))
        #expect(!linked.contains(ids[1]))
    }
}
