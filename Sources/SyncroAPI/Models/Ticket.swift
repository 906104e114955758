import Foundation
import RecordFormats

/// A ticket: a list row of `GET /tickets` (first comment only) or the detail of `GET /tickets/{id}` (all comments).
package struct Ticket: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    /// The human ticket number; an integer in responses, a string in requests and filters.
    package var number: Int? { int("number") }
    package var subject: String? { string("subject") }
    package var status: String? { string("status") }
    package var priority: String? { string("priority") }
    package var problemType: String? { string("problem_type") }
    package var customerID: Int? { int("customer_id") }
    package var contactID: Int? { int("contact_id") }
    package var userID: Int? { int("user_id") }
    package var dueDate: String? { string("due_date") }
    package var createdAt: Date? { time("created_at") }
    package var updatedAt: Date? { time("updated_at") }
    /// Ticket tags; the API replaces the whole list on PUT.
    package var tags: [String] { strings("tag_list") }
    /// Organization tags of the ticket's customer, carried only on list rows.
    package var customerTags: [String] { strings("customer_tag_list") }
    package var assetIDs: [Int] { ints("asset_ids") }
    package var comments: [Comment] { records("comments") }
    /// Custom fields keyed by field name.
    package var properties: JSONObject { json["properties"]?.objectValue ?? JSONObject() }
    /// Attachment metadata (`file_name`, `file_size`, `file.url`, ...), present on the detail view only.
    package var attachments: [JSONObject] { json["attachments"]?.arrayValue?.compactMap(\.objectValue) ?? [] }
}

/// A comment of a ticket. `hidden` marks a private note.
package struct Comment: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    package var ticketID: Int? { int("ticket_id") }
    package var subject: String? { string("subject") }
    package var body: String? { string("body") }
    package var isHidden: Bool { bool("hidden") ?? false }
    /// The displayed author name.
    package var tech: String? { string("tech") }
    package var userID: Int? { int("user_id") }
    package var createdAt: Date? { time("created_at") }
}
