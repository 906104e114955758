import Foundation

extension Snapshot {
    /// Reads a whole snapshot into memory, for small files and tests; large snapshots should use `SnapshotReader`.
    ///
    /// Returns the snapshot (without the records that had errors) and every diagnostic. Throws
    /// `SnapshotLoadError` only when no valid header could be read, since there is then no snapshot to return.
    package static func load(path: String) throws(SnapshotLoadError) -> (Snapshot, [Diagnostic]) {
        let reader = SnapshotReader(path: path)
        var snapshot: Snapshot?
        reader.visit { element in
            switch element {
            case .header(let header, let relationship):
                snapshot = Snapshot(header: header, relationship: relationship)
            case .customer(let customer): snapshot?.customers.append(customer)
            case .contact(let contact): snapshot?.contacts.append(contact)
            case .asset(let asset): snapshot?.assets.append(asset)
            case .ticket(let ticket): snapshot?.tickets.append(ticket)
            }
        }
        guard let snapshot else { throw SnapshotLoadError(path: path, diagnostics: reader.diagnostics) }
        return (snapshot, reader.diagnostics)
    }
}

/// A snapshot could not be loaded at all: its header is missing or invalid, or the file is unreadable.
package struct SnapshotLoadError: LocalizedError, CustomStringConvertible, Sendable {
    package var path: String
    /// Everything the reader reported; the first error says why loading stopped.
    package var diagnostics: [Diagnostic]

    package init(path: String, diagnostics: [Diagnostic]) {
        self.path = path
        self.diagnostics = diagnostics
    }

    package var errorDescription: String? { description }

    package var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        guard let first = errors.first else {
            return "Could not load the snapshot \(path): it has no header; check that it is a complete snapshot."
        }
        return "Could not load the snapshot \(path) (\(errors.count) error\(errors.count == 1 ? "" : "s"), "
            + "the first at \(first.location): [\(first.code)] \(first.message))."
    }
}
