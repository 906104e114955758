import RecordFormats
import SyncroCatalog

/// One API token the simulator accepts, with its Syncro permission names.
package struct SimulatorToken: Sendable, Hashable {
    /// The secret the client sends.
    package var token: String
    /// The token's display name in Syncro's admin screen.
    package var name: String
    /// Permission names exactly as in the OpenAPI document; `"*"` grants all.
    package var permissions: [String]
    /// The user the token acts as (`GET /me`, new comments); nil means the dataset's first user.
    package var userID: Int?
    /// For a Single-Customer User's token, the one customer it may see; other customers' tickets, contacts and
    /// assets answer 404 `{"message":"Not found"}` and lists leave them out.
    package var customerID: Int?

    package init(token: String, name: String, permissions: [String], userID: Int? = nil, customerID: Int? = nil) {
        self.token = token
        self.name = name
        self.permissions = permissions
        self.userID = userID
        self.customerID = customerID
    }

    /// Whether a record of customer `id` is visible to the token.
    package func sees(customer id: Int?) -> Bool {
        customerID == nil || customerID == id
    }

    /// Whether the token holds `permission` (or `"*"`).
    package func grants(_ permission: String) -> Bool {
        permissions.contains(SyncroPermission.all) || permissions.contains(permission)
    }

    /// Whether the token holds any of `permissions`.
    package func grantsAny(_ permissions: [String]) -> Bool {
        permissions.contains(where: grants)
    }

    /// The tokens-file form: `{"token", "name", "permissions", "user_id"?}`.
    package var json: JSONValue {
        var object: JSONObject = [
            "token": .string(token),
            "name": .string(name),
            "permissions": .array(permissions.map(JSONValue.string)),
        ]
        if let userID { object["user_id"] = .int(userID) }
        if let customerID { object["customer_id"] = .int(customerID) }
        return .object(object)
    }
}
