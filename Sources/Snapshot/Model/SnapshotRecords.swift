import Foundation

/// A linked customer (organization). Keyed by `syncro_customer_id`; `partner_id` is unique too.
package struct SnapshotCustomer: Sendable, Hashable {
    package var syncroCustomerID: Int
    package var partnerID: String?
    package var businessName: String?
    package var email: String?
    /// Organization tags; nil when the snapshot does not manage them.
    package var tags: Set<String>?

    package init(
        syncroCustomerID: Int, partnerID: String? = nil, businessName: String? = nil, email: String? = nil,
        tags: Set<String>? = nil
    ) {
        self.syncroCustomerID = syncroCustomerID
        self.partnerID = partnerID
        self.businessName = businessName
        self.email = email
        self.tags = tags
    }
}

/// A linked contact (end user).
package struct SnapshotContact: Sendable, Hashable {
    package var syncroContactID: Int
    package var syncroCustomerID: Int?
    package var partnerID: String?
    package var name: String?
    package var email: String?
    /// End-user tags; nil when the snapshot does not manage them.
    package var tags: Set<String>?

    package init(
        syncroContactID: Int, syncroCustomerID: Int? = nil, partnerID: String? = nil, name: String? = nil,
        email: String? = nil,
        tags: Set<String>? = nil
    ) {
        self.syncroContactID = syncroContactID
        self.syncroCustomerID = syncroCustomerID
        self.partnerID = partnerID
        self.name = name
        self.email = email
        self.tags = tags
    }
}

/// A linked asset.
package struct SnapshotAsset: Sendable, Hashable {
    package var syncroAssetID: Int
    package var syncroCustomerID: Int?
    package var partnerID: String?
    package var name: String?
    package var serial: String?
    package var assetType: String?

    package init(
        syncroAssetID: Int, syncroCustomerID: Int? = nil, partnerID: String? = nil, name: String? = nil,
        serial: String? = nil,
        assetType: String? = nil
    ) {
        self.syncroAssetID = syncroAssetID
        self.syncroCustomerID = syncroCustomerID
        self.partnerID = partnerID
        self.name = name
        self.serial = serial
        self.assetType = assetType
    }
}

/// The ticket values Support Fusion last synced (`expected`) or sees at the partner now (`partner_current`), in
/// Syncro vocabulary. Every field may be unmanaged.
package struct TicketValues: Sendable, Hashable {
    package var subject: Managed<String> = .unmanaged
    package var status: Managed<String> = .unmanaged
    package var priority: Managed<String> = .unmanaged
    package var problemType: Managed<String> = .unmanaged
    package var contactID: Managed<Int> = .unmanaged
    package var userID: Managed<Int> = .unmanaged
    package var dueDate: Managed<String> = .unmanaged
    package var customerID: Managed<Int> = .unmanaged
    package var assetIDs: Managed<Set<Int>> = .unmanaged
    package var tags: Managed<Set<String>> = .unmanaged
    /// Custom fields by name; each present key is managed.
    package var properties: Managed<[String: String]> = .unmanaged

    package init() {}
}

/// A partner ticket and what Support Fusion believes about its Syncro counterpart.
package struct SnapshotTicket: Sendable, Hashable {
    package var partnerTicketID: String
    /// nil: the partner ticket has no Syncro counterpart yet (`TICKET_NOT_CREATED`).
    package var syncroTicketID: Int?
    package var syncroTicketNumber: Int?
    package var syncroCustomerID: Int?
    package var lastSyncedAt: Date?
    /// Syncro's `updated_at` as Support Fusion last saw it.
    package var syncroUpdatedAt: Date?
    package var expected: TicketValues
    package var partnerCurrent: TicketValues?
    package var comments: [SnapshotComment]

    package init(
        partnerTicketID: String, syncroTicketID: Int? = nil, syncroTicketNumber: Int? = nil,
        syncroCustomerID: Int? = nil,
        lastSyncedAt: Date? = nil, syncroUpdatedAt: Date? = nil, expected: TicketValues = TicketValues(),
        partnerCurrent: TicketValues? = nil, comments: [SnapshotComment] = []
    ) {
        self.partnerTicketID = partnerTicketID
        self.syncroTicketID = syncroTicketID
        self.syncroTicketNumber = syncroTicketNumber
        self.syncroCustomerID = syncroCustomerID
        self.lastSyncedAt = lastSyncedAt
        self.syncroUpdatedAt = syncroUpdatedAt
        self.expected = expected
        self.partnerCurrent = partnerCurrent
        self.comments = comments
    }
}

/// A comment of a snapshot ticket; `hidden` marks a private note.
package struct SnapshotComment: Sendable, Hashable {
    package var partnerCommentID: String
    /// nil: not linked yet; it matches a Syncro comment with the same body hash and visibility.
    package var syncroCommentID: Int?
    package var hidden: Bool
    package var subject: String?
    package var body: String?
    /// SHA-256 of the normalised body, lower-case hex.
    package var bodySHA256: String?
    package var createdAt: Date?
    package var author: String?

    package init(
        partnerCommentID: String, syncroCommentID: Int? = nil, hidden: Bool, subject: String? = nil,
        body: String? = nil,
        bodySHA256: String? = nil, createdAt: Date? = nil, author: String? = nil
    ) {
        self.partnerCommentID = partnerCommentID
        self.syncroCommentID = syncroCommentID
        self.hidden = hidden
        self.subject = subject
        self.body = body
        self.bodySHA256 = bodySHA256
        self.createdAt = createdAt
        self.author = author
    }
}
