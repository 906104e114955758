import RecordFormats

/// The content hash of a plan: SHA-256 of the canonical JSON of its header fields and operations.
///
/// Canonical JSON sorts every object's keys and has no white space, so the hash does not depend on how the
/// file was indented or in which order an editor wrote the keys, only on what the plan would do. The estimate and
/// the report-only findings are left out: changing them changes no write.
package enum PlanHash {
    package static func compute(_ plan: ReconciliationPlan) -> String {
        var covered = plan.headerJSON
        covered.appendUnchecked("operations", .array(plan.operations.map(\.json)))
        return "sha256:" + SHA256.hexDigest(of: Array(canonical(.object(covered)).serialized().utf8))
    }

    /// `value` with the keys of every object sorted (by their UTF-8 bytes).
    package static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let pairs = zip(object.keys, object.values).sorted { Array($0.0.utf8).lexicographicallyPrecedes($1.0.utf8) }
            return .object(JSONObject(pairs.map { ($0.0, canonical($0.1)) }))
        case .array(let items):
            return .array(items.map(canonical))
        default:
            return value
        }
    }
}
