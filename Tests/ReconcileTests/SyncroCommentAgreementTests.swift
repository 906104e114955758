import Reconcile
import RecordFormats
import Testing

/// `SyncroCommentStore.holdsExactly(onTicket:_:)` lets the drift engine skip comment matching when a ticket's
/// comments agree; it must say yes exactly when the comments read back one by one agree.
@Suite("Syncro comment store: a ticket's comments agreeing with the snapshot's")
struct SyncroCommentAgreementTests {
    private static func hash(_ number: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<64).map { digits[($0 &* 7 &+ number &* 13) % 16] })
    }

    /// The same answer from the comments as `comments(onTicket:)` and the subscript give them.
    private static func agreesOneByOne(
        _ store: SyncroCommentStore, ticket: Int, _ expected: [(id: Int, hidden: Bool, hash: String)]
    ) -> Bool {
        let onTicket = store.comments(onTicket: ticket)
        guard !onTicket.isEmpty else { return false }
        for comment in expected {
            guard let found = store[comment.id], found.bodySHA256 == comment.hash, !comment.hidden || found.hidden
            else { return false }
        }
        let named = Set(expected.map(\.id))
        return onTicket.allSatisfy { named.contains($0.id) }
    }

    @Test("named cases: agreeing, changed, leaked, extra, missing, on another ticket, without a hash, upper-case hash")
    func namedCases() {
        var store = SyncroCommentStore()
        store.insert(SyncroComment(id: 10, ticketID: 1, hidden: false, bodySHA256: Self.hash(10)))
        store.insert(SyncroComment(id: 11, ticketID: 1, hidden: true, bodySHA256: Self.hash(11)))
        store.insert(SyncroComment(id: 20, ticketID: 2, hidden: false, bodySHA256: Self.hash(20)))
        store.insert(SyncroComment(id: 21, ticketID: 2, hidden: false, bodySHA256: nil))
        let agreeing = [(id: 10, hidden: false, hash: Self.hash(10)), (id: 11, hidden: true, hash: Self.hash(11))]
        #expect(store.holdsExactly(onTicket: 1, agreeing))
        // A public snapshot comment that Syncro holds private is no finding; the other way round is a leak.
        #expect(store.holdsExactly(onTicket: 1, [agreeing[0], (id: 11, hidden: false, hash: Self.hash(11))]))
        #expect(!store.holdsExactly(onTicket: 1, [(id: 10, hidden: true, hash: Self.hash(10)), agreeing[1]]))
        #expect(!store.holdsExactly(onTicket: 1, [agreeing[0], (id: 11, hidden: true, hash: Self.hash(12))]))
        #expect(!store.holdsExactly(onTicket: 1, [agreeing[0]]), "comment 11 is left over")
        #expect(!store.holdsExactly(onTicket: 1, agreeing + [(id: 12, hidden: false, hash: Self.hash(12))]))
        // Matching claims a comment by its id wherever it is, as the full matching does.
        #expect(store.holdsExactly(onTicket: 1, agreeing + [(id: 20, hidden: false, hash: Self.hash(20))]))
        #expect(!store.holdsExactly(onTicket: 1, agreeing + [(id: 21, hidden: false, hash: Self.hash(21))]))
        #expect(
            !store.holdsExactly(onTicket: 1, [agreeing[0], (id: 11, hidden: true, hash: Self.hash(11).uppercased())]))
        #expect(!store.holdsExactly(onTicket: 2, [(id: 20, hidden: false, hash: Self.hash(20))]))
        #expect(!store.holdsExactly(onTicket: 3, []), "a ticket with no comments is for the full matching")
    }

    @Test("random tickets: the same answer as reading the comments back one by one")
    func randomAgreement() {
        var generator = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ bound: Int) -> Int { generator.int(in: 0...(bound - 1)) }
        var agreed = 0
        for _ in 0..<40 {
            var store = SyncroCommentStore()
            var byTicket: [Int: [(id: Int, hidden: Bool, hash: String)]] = [:]
            var id = 1_000
            for ticket in 1...30 {
                for _ in 0..<next(4) {
                    id += 1 + next(2)
                    let comment = (id: id, hidden: next(2) == 0, hash: Self.hash(next(50)))
                    store.insert(
                        SyncroComment(id: id, ticketID: ticket, hidden: comment.hidden, bodySHA256: comment.hash))
                    byTicket[ticket, default: []].append(comment)
                }
            }
            for ticket in 1...31 {
                var expected = byTicket[ticket] ?? []
                // Mostly as stored; sometimes one comment dropped, changed, made private or taken from elsewhere.
                switch next(6) {
                case 0 where !expected.isEmpty: expected.remove(at: next(expected.count))
                case 1 where !expected.isEmpty: expected[next(expected.count)].hash = Self.hash(next(50))
                case 2 where !expected.isEmpty: expected[next(expected.count)].hidden.toggle()
                case 3: expected.append((id: 1_000 + next(id - 999), hidden: false, hash: Self.hash(next(50))))
                default: break
                }
                let answer = store.holdsExactly(onTicket: ticket, expected)
                #expect(answer == Self.agreesOneByOne(store, ticket: ticket, expected), "ticket \(ticket)")
                if answer { agreed += 1 }
            }
        }
        #expect(agreed > 100, "the cases include agreeing tickets")
    }
}
