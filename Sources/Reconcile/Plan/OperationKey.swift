import RecordFormats

/// Stable keys for plan operations: the same intent always gets the same key, across plans and snapshots.
///
/// `sfr1-` and the first 20 hex digits of SHA-256 over `relationship | subdomain | entity | id | kind | field |
/// target`. An update's target is the canonical JSON of the value it writes, so a new plan for the same
/// correction has the same key, and a different target a different one. A creation uses the partner-side id as
/// its target, so one partner comment or ticket can never be created twice under two keys.
package enum OperationKey {
    package static func make(
        relationshipID: String, subdomain: String, entity: String, id: String, kind: OperationKind, field: String,
        target: JSONValue
    ) -> String {
        let target = PlanHash.canonical(target).serialized()
        let parts = [relationshipID, subdomain.lowercased(), entity, id, kind.rawValue, field, target]
        let digest = SHA256.hexDigest(of: Array(parts.joined(separator: "|").utf8))
        return "sfr1-" + digest.prefix(20)
    }

    /// Whether `text` has the shape of a key (`sfr1-` and 20 lower-case hex digits).
    package static func isKey(_ text: some StringProtocol) -> Bool {
        guard text.hasPrefix("sfr1-"), text.utf8.count == 25 else { return false }
        return text.utf8.dropFirst(5).allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
