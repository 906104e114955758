/// A field of a snapshot's `expected` (or `partner_current`) values: not managed, expected null, or a value.
///
/// The distinction matters: an absent field is never compared, while an explicit null expects Syncro to hold no
/// value (and a value there is `TICKET_FIELD_CLEARED`).
package enum Managed<Value: Sendable & Hashable>: Sendable, Hashable {
    case unmanaged
    case null
    case value(Value)

    /// True unless the field is absent from the snapshot.
    package var isManaged: Bool {
        if case .unmanaged = self { return false }
        return true
    }

    /// The expected value, or nil when the field is unmanaged or expected null.
    package var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}
