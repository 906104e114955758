import RecordFormats

extension DriftReport {
    /// The report as the JSON of `docs/drift-codes.md`: `report_version`, `snapshot_id`, `generated_at`,
    /// `syncro_subdomain`, `summary` (code → count, in report order), `findings`, and `notes`.
    package var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("report_version", 1)
        object.appendUnchecked("snapshot_id", snapshotID.map(JSONValue.string) ?? .null)
        object.appendUnchecked("generated_at", .string(ReportTime.format(generatedAt)))
        object.appendUnchecked("syncro_subdomain", syncroSubdomain.map(JSONValue.string) ?? .null)
        object.appendUnchecked(
            "summary", .object(JSONObject(summary.map { ($0.code.rawValue, JSONValue.int($0.count)) })))
        object.appendUnchecked("findings", .array(findings.map(\.json)))
        object.appendUnchecked("notes", .array(notes.map(JSONValue.string)))
        return .object(object)
    }

    /// `json` indented by two spaces, with a final newline.
    package var jsonText: String { json.serialized(pretty: true) + "\n" }
}
