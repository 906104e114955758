import RecordFormats

/// One record on its way to the export files: its id, its parent (a comment's ticket), its `updated_at`, its content
/// hash (for incremental runs) and its JSON.
package struct StagedRecord: Sendable {
    package var id: Int
    package var parent: Int?
    /// `updated_at` in seconds since 1970, when the record has one; the newest version of an id wins.
    package var updatedAt: Double?
    /// SHA-256 of the record as listed; an incremental run exports only records whose hash changed.
    package var hash: String
    package var json: JSONObject

    package init(id: Int, parent: Int? = nil, json: JSONObject, hashing hashSource: JSONObject? = nil) {
        self.id = id
        self.parent = parent
        self.updatedAt = json["updated_at"]?.stringValue.flatMap(Timestamp.parse)?.timeIntervalSince1970
        self.hash = SHA256.hexDigest(of: JSONValue.object(hashSource ?? json).serializedBytes)
        self.json = json
    }
}
