import Snapshot

extension DriftEngine {
    /// The Syncro ids, ascending, of the snapshot tickets whose asset links must be read from their details
    /// before the snapshot at `path` can be compared in full: linked tickets expecting some asset, held by the
    /// Syncro side, whose links it does not know (`SyncroRecords.knowsAssetLinks(of:)`).
    ///
    /// Ticket list rows carry no `asset_ids`, so an export made without details cannot tell a missing asset link;
    /// the caller reads these tickets' details and hands their links to `addAssetLinks(_:)`. The snapshot is
    /// streamed as the comparison streams it, and not opened at all when every link is known. A snapshot whose
    /// comparison stops at its header (another account's) needs none.
    package func ticketsNeedingAssetLinks(snapshotAt path: String) -> [Int] {
        guard syncro.assetLinks != .complete else { return [] }
        let reader = SnapshotReader(path: path)
        return ticketsNeedingAssetLinks(next: reader.next)
    }

    /// `ticketsNeedingAssetLinks(snapshotAt:)` for a snapshot held in memory (small snapshots, tests).
    package func ticketsNeedingAssetLinks(in snapshot: Snapshot) -> [Int] {
        guard syncro.assetLinks != .complete else { return [] }
        var elements = [SnapshotElement.header(snapshot.header, snapshot.relationship)]
        elements += snapshot.tickets.map(SnapshotElement.ticket)
        var iterator = elements.makeIterator()
        return ticketsNeedingAssetLinks { iterator.next() }
    }

    /// Takes in asset links read from ticket details (ticket id to asset ids) and counts them known, so that the
    /// comparison reports those tickets' missing assets; see `SyncroRecords.addAssetLinks(_:)`. The tickets still
    /// unknown afterwards are those needed but not given, which stay uncompared.
    package mutating func addAssetLinks(_ links: [Int: [Int]]) {
        syncro.addAssetLinks(links)
    }

    /// Whether `ticket`'s missing assets wait on its Syncro detail: linked, expecting some asset (an empty or null
    /// set can miss none), the linked ticket held, its links unknown. The record is looked up last, since unpacking
    /// it costs the most.
    func needsAssetLinks(_ ticket: SnapshotTicket) -> Bool {
        guard let id = ticket.syncroTicketID, case .value(let expected) = ticket.expected.assetIDs, !expected.isEmpty,
            !syncro.knowsAssetLinks(of: id)
        else { return false }
        return syncro.tickets[id] != nil
    }

    private func ticketsNeedingAssetLinks(next: () -> SnapshotElement?) -> [Int] {
        var needed = Set<Int>()
        while let element = next() {
            switch element {
            case .header(_, let relationship):
                // As the comparison does: an aborting header finding stops it before any ticket is compared.
                let found = [subdomainFinding(relationship), lastRunFinding(relationship)]
                if found.contains(where: { $0?.gate == .abort }) { return [] }
            case .ticket(let ticket):
                if needsAssetLinks(ticket), let id = ticket.syncroTicketID { needed.insert(id) }
            case .customer, .contact, .asset:
                continue
            }
        }
        return needed.sorted()
    }
}
