/// The Syncro tickets a snapshot links to, gathered while it streams by, to find `TICKET_UNLINKED` at the end.
///
/// While the Syncro side keeps its tickets in id order (`PackedRecords.ordinal(of:)`, as loading an export does),
/// a linked ticket is one bit at its place: 125 KB for a million tickets, where a set of ids took 16 MB. An id the
/// Syncro side cannot place (tickets stored out of order, or an id it does not have) goes in a set.
struct LinkedTickets {
    private let tickets: PackedRecords
    private var bits: [UInt64]
    private var others = Set<Int>()

    init(tickets: PackedRecords) {
        self.tickets = tickets
        bits = [UInt64](repeating: 0, count: (tickets.count + 63) / 64)
    }

    mutating func insert(_ id: Int) {
        guard let ordinal = tickets.ordinal(of: id) else {
            others.insert(id)
            return
        }
        bits[ordinal >> 6] |= 1 << UInt64(ordinal & 63)
    }

    func contains(_ id: Int) -> Bool {
        guard let ordinal = tickets.ordinal(of: id) else { return others.contains(id) }
        return bits[ordinal >> 6] & 1 << UInt64(ordinal & 63) != 0
    }
}
