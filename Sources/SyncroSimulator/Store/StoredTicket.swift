import RecordFormats

/// A ticket in the store: its record, its comments, and the fields that filters read, decoded once.
///
/// Filtering 100,000 tickets per list request stays cheap because it compares these typed fields instead of
/// looking keys up in the JSON record.
package struct StoredTicket: Sendable {
    /// The ticket's own fields; `comments` holds an empty placeholder that keeps the key's place in the file.
    package private(set) var record: JSONObject
    /// Every comment in creation order; the first is the ticket's initial description.
    package var comments: [JSONObject]

    package private(set) var id: Int
    package private(set) var number: Int?
    package private(set) var customerID: Int?
    package private(set) var contactID: Int?
    package private(set) var userID: Int?
    package private(set) var status: String
    package private(set) var createdAt: Int64?
    package private(set) var updatedAt: Int64?
    package private(set) var resolvedAt: Int64?
    package private(set) var searchableSubject: String

    /// A stored ticket from its dataset form (with `comments`).
    package init(datasetRecord: JSONObject) {
        var record = datasetRecord
        comments = (record["comments"]?.arrayValue ?? []).compactMap(\.objectValue)
        if record["comments"] != nil { record["comments"] = [] }
        self.record = record
        id = 0
        status = ""
        searchableSubject = ""
        decodeFields()
    }

    /// The dataset form, with all comments.
    package var datasetRecord: JSONObject {
        var result = record
        result["comments"] = .array(comments.map(JSONValue.object))
        return result
    }

    /// Changes the record and re-reads the filter fields.
    package mutating func update(_ change: (inout JSONObject) -> Void) {
        change(&record)
        decodeFields()
    }

    private mutating func decodeFields() {
        id = record["id"]?.intValue ?? 0
        number = record["number"]?.intValue
        customerID = record["customer_id"]?.intValue
        contactID = record["contact_id"]?.intValue
        userID = record["user_id"]?.intValue
        status = record["status"]?.stringValue ?? ""
        createdAt = record["created_at"]?.stringValue.flatMap(SimulatorTimestamp.parse)
        updatedAt = record["updated_at"]?.stringValue.flatMap(SimulatorTimestamp.parse)
        resolvedAt = record["resolved_at"]?.stringValue.flatMap(SimulatorTimestamp.parse)
        searchableSubject = (record["subject"]?.stringValue ?? "").lowercased()
    }
}
