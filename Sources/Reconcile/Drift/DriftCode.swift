/// The stable drift codes of `docs/drift-codes.md`; reports group by them and scripts match on them.
package enum DriftCode: String, Sendable, Hashable, CaseIterable {
    case snapshotSubdomain = "SNAPSHOT_SUBDOMAIN"
    case snapshotInvalid = "SNAPSHOT_INVALID"
    case snapshotLastRun = "SNAPSHOT_LAST_RUN"
    case ticketMissing = "TICKET_MISSING"
    case ticketNotCreated = "TICKET_NOT_CREATED"
    case ticketUnlinked = "TICKET_UNLINKED"
    case ticketField = "TICKET_FIELD"
    case ticketFieldCleared = "TICKET_FIELD_CLEARED"
    case ticketConflict = "TICKET_CONFLICT"
    case ticketTagsMissing = "TICKET_TAGS_MISSING"
    case ticketTagsExtra = "TICKET_TAGS_EXTRA"
    case ticketAssetsMissing = "TICKET_ASSETS_MISSING"
    case commentMissing = "COMMENT_MISSING"
    case commentVisibilityLeak = "COMMENT_VISIBILITY_LEAK"
    case commentVisibilityHidden = "COMMENT_VISIBILITY_HIDDEN"
    case commentDuplicate = "COMMENT_DUPLICATE"
    case commentBodyChanged = "COMMENT_BODY_CHANGED"
    case customerMissing = "CUSTOMER_MISSING"
    case contactMissing = "CONTACT_MISSING"
    case assetMissing = "ASSET_MISSING"
    case customerField = "CUSTOMER_FIELD"
    case contactField = "CONTACT_FIELD"
    case assetField = "ASSET_FIELD"
    case customerTags = "CUSTOMER_TAGS"
    case contactTags = "CONTACT_TAGS"

    /// The kind of record a finding of this code is about.
    package var entity: DriftEntity {
        switch self {
        case .snapshotSubdomain, .snapshotInvalid, .snapshotLastRun: .snapshot
        case .ticketMissing, .ticketNotCreated, .ticketUnlinked, .ticketField, .ticketFieldCleared, .ticketConflict,
            .ticketTagsMissing, .ticketTagsExtra, .ticketAssetsMissing:
            .ticket
        case .commentMissing, .commentVisibilityLeak, .commentVisibilityHidden, .commentDuplicate,
            .commentBodyChanged:
            .comment
        case .customerMissing, .customerField, .customerTags: .customer
        case .contactMissing, .contactField, .contactTags: .contact
        case .assetMissing, .assetField: .asset
        }
    }

    /// The position of the code in the drift table; reports order codes of one severity by it.
    package var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    /// How a finding of this code is acted on. `TICKET_FIELD` is `auto` except for customer moves and closing
    /// statuses, which the planner raises to `review`. `SNAPSHOT_LAST_RUN` stops `plan` (unless told to ignore it)
    /// and is only reported by `diff`, which gives its finding the `report` gate.
    package var defaultGate: Gate {
        switch self {
        case .snapshotSubdomain, .snapshotInvalid, .snapshotLastRun: .abort
        case .ticketField, .ticketTagsMissing, .ticketAssetsMissing: .auto
        case .ticketNotCreated, .commentMissing: .optIn
        default: .report
        }
    }

    /// How serious a finding is. A private note made public is the one critical finding.
    package var severity: Severity {
        switch self {
        case .commentVisibilityLeak: .critical
        case .snapshotSubdomain, .snapshotInvalid, .ticketMissing, .ticketConflict, .commentDuplicate: .error
        case .ticketField, .ticketFieldCleared, .ticketTagsMissing, .ticketAssetsMissing, .commentMissing,
            .commentBodyChanged, .customerMissing, .contactMissing, .assetMissing, .ticketNotCreated,
            .snapshotLastRun, .commentVisibilityHidden:
            .warning
        case .ticketUnlinked, .ticketTagsExtra, .customerField, .contactField, .assetField, .customerTags, .contactTags:
            .info
        }
    }
}

/// What a drift finding is about.
package enum DriftEntity: String, Sendable, Hashable, CaseIterable {
    case ticket, comment, customer, contact, asset, snapshot
}

/// How a finding turns into a write: automatically, after approval, only when asked for, never, or not at all
/// because the whole run stops.
package enum Gate: String, Sendable, Hashable, CaseIterable {
    case auto
    case review
    case optIn = "opt-in"
    case report
    case abort
}

/// Report ordering: critical findings first.
package enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case critical, error, warning, info

    package static func < (lhs: Severity, rhs: Severity) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
