import RecordFormats
import SyncroAPI
import Testing

@Suite("Syncro error bodies")
struct ErrorBodyTests {
    @Test(
        "every documented body shape reads as messages",
        arguments: [
            (
                #"{"error": "Not authorized. Please ask account admin to update your group permissions."}"#,
                [SyncroAPIError.permissionMessage]
            ),
            (#"{"message": "Not found"}"#, ["Not found"]),
            (
                #"{"success": false, "message": ["Subject can't be blank"], "params": {"a": 1}}"#,
                ["Subject can't be blank"]
            ),
            (#"{"error": "Customer required field"}"#, ["Customer required field"]),
            (#"{"record": {"id": 1, "email": "x"}, "errors": "Email is not an email"}"#, ["Email is not an email"]),
            (
                #"{"customer_id": ["can't be blank"], "date": ["can't be blank"]}"#,
                ["customer_id can't be blank", "date can't be blank"]
            ),
            (
                #"{"errors": "Name can't be blank, Description can't be blank", "params": {}}"#,
                ["Name can't be blank, Description can't be blank"]
            ),
            (
                #"{"error": ["Frequency Must be a valid selection", "Other"]}"#,
                ["Frequency Must be a valid selection", "Other"]
            ),
            (#"{"success": false, "errors": ["a", "b"], "params": {}}"#, ["a", "b"]),
            (#"{"success": false, "error": "e", "message": "m", "params": {}}"#, ["e", "m"]),
            (#"{"message": "Missing params device_uuid"}"#, ["Missing params device_uuid"]),
            (#"{"record": {}, "errors": {"mute_for": ["is invalid"]}}"#, ["mute_for is invalid"]),
            (#"{"message": ["Vendor is blank", "Value is blank"]}"#, ["Vendor is blank", "Value is blank"]),
        ]
    )
    func shapes(body: String, expected: [String]) throws {
        #expect(SyncroAPIError.messages(in: try JSONValue.parse(body)) == expected)
    }

    @Test("descriptions name the endpoint and what to do, in one sentence")
    func descriptions() {
        let error = SyncroAPIError(
            kind: .permissionDenied, method: .get, path: "/tickets", status: 401,
            messages: [SyncroAPIError.permissionMessage]
        )
        let text = error.errorDescription ?? ""
        #expect(text.hasPrefix("GET /tickets was refused with 401"))
        #expect(text.contains("custom permissions"))
        #expect(!text.contains("\n"))
    }
}
