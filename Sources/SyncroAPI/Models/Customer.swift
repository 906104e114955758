import Foundation
import RecordFormats

/// A customer ("Organization" in the newer Syncro wording), with its embedded contacts on list rows.
package struct Customer: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    package var businessName: String? { string("business_name") }
    package var fullName: String? { string("fullname") }
    /// `business_then_name` as the API computes it, else the business name, else the full name.
    package var displayName: String? {
        string("business_then_name") ?? businessName.flatMap { $0.isEmpty ? nil : $0 } ?? fullName
    }
    package var email: String? { string("email") }
    package var isDisabled: Bool { bool("disabled") ?? false }
    /// Organization tags, where the account exposes them on the customer (the documented API does not).
    package var tags: [String] { strings("tag_list") }
    package var contacts: [Contact] { records("contacts") }
    package var updatedAt: Date? { time("updated_at") }
}

/// A contact ("End User"). Contacts have a single `name`, no first/last name.
package struct Contact: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    package var customerID: Int? { int("customer_id") }
    package var name: String? { string("name") }
    package var email: String? { string("email") }
    package var updatedAt: Date? { time("updated_at") }
}

/// A customer asset (`/customer_assets`). The type is a name; the API does not return `asset_type_id`.
package struct Asset: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    package var name: String? { string("name") }
    package var customerID: Int? { int("customer_id") }
    package var contactID: Int? { int("contact_id") }
    package var assetType: String? { string("asset_type") }
    package var serial: String? { string("asset_serial") }
    package var updatedAt: Date? { time("updated_at") }
}

/// A product of the catalogue.
package struct Product: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    package var name: String? { string("name") }
    package var isDisabled: Bool { bool("disabled") ?? false }
}

/// A user (technician): `GET /users` returns only `[id, name]` pairs, which this type holds as `{id, name}`;
/// `GET /users/{id}` returns the full object.
package struct User: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    /// A user from one `[id, "name"]` pair of `GET /users`; nil when the pair is malformed.
    package init?(pair: JSONValue) {
        guard let items = pair.arrayValue, items.count >= 2, let id = items[0].intValue, let name = items[1].stringValue
        else { return nil }
        self.json = ["id": .int(id), "name": .string(name)]
    }

    package var name: String? { string("name") ?? string("full_name") }
    package var email: String? { string("email") }
}

/// The token's own identity (`GET /me`): the cheap "is this token valid" call.
package struct Me: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    package var userName: String? { string("user_name") }
    package var userEmail: String? { string("user_email") }
    package var userID: Int? { int("user_id") }
    package var subdomain: String? { string("subdomain") }
    package var isAdmin: Bool { bool("admin") ?? false }
}

/// Account settings (`GET /settings`) or ticket settings (`GET /tickets/settings`), kept whole.
package struct Settings: SyncroRecord {
    package var json: JSONObject
    package init(json: JSONObject) { self.json = json }

    /// The account's ticket statuses (from `/tickets/settings`).
    package var ticketStatuses: [String] { strings("ticket_status_list") }
}
