import RecordFormats

/// Which `FieldKind` each field of each record kind is compared as; configurable per field.
///
/// Lookup order for field `f` of a record kind `k` (`ticket`, `comment`, `customer`, ...): a rule set for `k.f`,
/// then a rule set for `f` in every kind, then for a custom field `properties.NAME` the rule for `k.properties.*`
/// and `properties.*`, then the built-in naming conventions (`id` and `*_id` are integers, `*_at` are instants),
/// then `fallback`. The standard rules follow `docs/drift-codes.md`: ids as integers, times as instants, tags as
/// case-insensitive sets, e-mail addresses without case, everything else as exact text (after NFC and trimming).
package struct ComparisonRules: Sendable, Hashable {
    private var byKind: [String: [String: FieldKind]] = [:]
    private var byField: [String: FieldKind] = [:]
    /// The kind of a field no rule and no convention covers.
    package var fallback: FieldKind = .automatic

    /// No rules at all: only the naming conventions and `fallback`.
    package init() {}

    /// The rules of `docs/drift-codes.md`.
    package static let standard: ComparisonRules = {
        var rules = ComparisonRules()
        let tags = FieldKind.textSet(.caseInsensitive)
        rules.set(tags, for: "tag_list")
        rules.set(tags, for: "customer_tag_list")
        rules.set(tags, for: "tags")
        rules.set(.integerSet, for: "asset_ids")
        rules.set(.text(.caseInsensitive), for: "email")
        rules.set(.instant, for: "due_date")
        rules.set(.boolean, for: "hidden")
        for field in ["subject", "status", "priority", "problem_type", "business_name", "name", "asset_serial"] {
            rules.set(.text(.exact), for: field)
        }
        rules.set(.text(.exact), for: "properties.*")
        rules.set(.text(.exact), for: "zip")
        rules.set(.text(.exact), for: "phone")
        rules.set(.text(.exact), for: "mobile")
        rules.set(.text(.caseInsensitive), for: "asset_type")
        return rules
    }()

    /// Sets the kind of `field`, for one record kind (`ticket`, `comment`, `customer`, `contact`, `asset`, ...) or,
    /// when `recordKind` is nil, for every kind. `properties.*` stands for every custom field.
    package mutating func set(_ kind: FieldKind, for field: String, in recordKind: String? = nil) {
        if let recordKind {
            byKind[recordKind, default: [:]][field] = kind
        } else {
            byField[field] = kind
        }
    }

    /// A copy with `field` never compared.
    package func ignoring(_ field: String, in recordKind: String? = nil) -> ComparisonRules {
        var copy = self
        copy.set(.ignored, for: field, in: recordKind)
        return copy
    }

    /// The kind `field` of `recordKind` is compared as.
    package func kind(of field: String, in recordKind: String? = nil) -> FieldKind {
        if let recordKind, let kind = byKind[recordKind]?[field] { return kind }
        if let kind = byField[field] { return kind }
        if field.hasPrefix("properties.") {
            if let recordKind, let kind = byKind[recordKind]?["properties.*"] { return kind }
            if let kind = byField["properties.*"] { return kind }
            return fallback
        }
        if field == "id" || field.hasSuffix("_id") { return .integer }
        if field.hasSuffix("_at") { return .instant }
        return fallback
    }

    /// Whether `lhs` and `rhs` are the same value of `field` (nil is an absent value, which equals null).
    package func equal(_ lhs: JSONValue?, _ rhs: JSONValue?, field: String, in recordKind: String? = nil) -> Bool {
        FieldComparison.equal(lhs, rhs, as: kind(of: field, in: recordKind))
    }
}
