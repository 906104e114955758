/// One item a `SnapshotReader` yields: the header and relationship first, then one record at a time.
package enum SnapshotElement: Sendable, Hashable {
    case header(SnapshotHeader, Relationship)
    case customer(SnapshotCustomer)
    case contact(SnapshotContact)
    case asset(SnapshotAsset)
    /// A ticket with its comments and its `expected` and `partner_current` values.
    indirect case ticket(SnapshotTicket)
}
