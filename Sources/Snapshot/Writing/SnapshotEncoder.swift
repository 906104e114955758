/// A format writer behind `SnapshotWriter`; records arrive in section order (customers, contacts, assets,
/// tickets), already checked by the facade.
protocol SnapshotEncoder: AnyObject {
    func write(_ customer: SnapshotCustomer) throws
    func write(_ contact: SnapshotContact) throws
    func write(_ asset: SnapshotAsset) throws
    func write(_ ticket: SnapshotTicket) throws
    /// Completes the output and moves it to its final path.
    func finish() throws
    /// Removes everything written so far; the final path is left untouched.
    func abandon()
}
