import Foundation

/// What Support Fusion believes about one relationship, seen from the Syncro side (`docs/snapshot-format.md`).
///
/// The in-memory form for small snapshots and tests; the readers also deliver the same records one at a time so a
/// million-ticket snapshot never sits in memory whole.
package struct Snapshot: Sendable, Hashable {
    package var header: SnapshotHeader
    package var relationship: Relationship
    package var customers: [SnapshotCustomer]
    package var contacts: [SnapshotContact]
    package var assets: [SnapshotAsset]
    package var tickets: [SnapshotTicket]

    package init(
        header: SnapshotHeader, relationship: Relationship, customers: [SnapshotCustomer] = [],
        contacts: [SnapshotContact] = [], assets: [SnapshotAsset] = [], tickets: [SnapshotTicket] = []
    ) {
        self.header = header
        self.relationship = relationship
        self.customers = customers
        self.contacts = contacts
        self.assets = assets
        self.tickets = tickets
    }
}

/// The document header: schema, version, identity and time.
package struct SnapshotHeader: Sendable, Hashable {
    package var schemaVersion: SchemaVersion
    package var snapshotID: String
    package var generatedAt: Date

    package init(schemaVersion: SchemaVersion = .current, snapshotID: String, generatedAt: Date) {
        self.schemaVersion = schemaVersion
        self.snapshotID = snapshotID
        self.generatedAt = generatedAt
    }
}

/// The one relationship a snapshot describes.
package struct Relationship: Sendable, Hashable {
    package enum Role: String, Sendable, Hashable, CaseIterable {
        case source, target
    }

    package var relationshipID: String
    package var contractName: String?
    package var syncroSubdomain: String
    package var syncroRole: Role
    package var partnerPlatform: String
    /// The Syncro user the integration acts as; its tickets that no snapshot ticket links to are "unlinked".
    package var integrationUserID: Int?
    package var bidirectional: Bool
    package var syncPublicComments: Bool
    package var syncPrivateComments: Bool
    /// Support Fusion's last run as the snapshot reports it (v1.1); nil when it does not say.
    package var lastRun: LastRun?

    package init(
        relationshipID: String, contractName: String? = nil, syncroSubdomain: String, syncroRole: Role,
        partnerPlatform: String, integrationUserID: Int? = nil, bidirectional: Bool = true,
        syncPublicComments: Bool = true, syncPrivateComments: Bool = false, lastRun: LastRun? = nil
    ) {
        self.relationshipID = relationshipID
        self.contractName = contractName
        self.syncroSubdomain = syncroSubdomain
        self.syncroRole = syncroRole
        self.partnerPlatform = partnerPlatform
        self.integrationUserID = integrationUserID
        self.bidirectional = bidirectional
        self.syncPublicComments = syncPublicComments
        self.syncPrivateComments = syncPrivateComments
        self.lastRun = lastRun
    }
}
