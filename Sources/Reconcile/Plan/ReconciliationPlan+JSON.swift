import Foundation
import RecordFormats

extension ReconciliationPlan {
    /// The header fields the hash covers, in file order.
    var headerJSON: JSONObject {
        var object = JSONObject()
        object.appendUnchecked("plan_version", .int(Self.version))
        object.appendUnchecked("created_at", .string(PlanTime.format(createdAt)))
        object.appendUnchecked("max_age_seconds", .int(maxAgeSeconds))
        object.appendUnchecked("snapshot_id", .string(snapshotID))
        object.appendUnchecked("syncro_subdomain", .string(syncroSubdomain))
        object.appendUnchecked("relationship_id", .string(relationshipID))
        object.appendUnchecked("allowed", .array(allowed.map(JSONValue.string)))
        if let linkedTickets {
            let radius = recordedBlastRadius ?? blastRadius
            var radiusObject = JSONObject()
            radiusObject.appendUnchecked("tickets_touched", .int(radius.ticketsTouched))
            radiusObject.appendUnchecked("creations", .int(radius.creations))
            radiusObject.appendUnchecked("comments", .int(radius.comments))
            radiusObject.appendUnchecked("linked_tickets", .int(linkedTickets))
            object.appendUnchecked("blast_radius", .object(radiusObject))
        }
        return object
    }

    /// The plan file of `spec/reconcile-v1.md`.
    package var json: JSONValue {
        var object = headerJSON
        object.appendUnchecked("hash", .string(hash))
        var estimateObject = JSONObject()
        estimateObject.appendUnchecked("requests", .int(estimate.requests))
        estimateObject.appendUnchecked("min_seconds", .number(PlanTime.seconds(estimate.minSeconds)))
        estimateObject.appendUnchecked("rate_limit_per_minute", .int(estimate.rateLimitPerMinute))
        object.appendUnchecked("estimate", .object(estimateObject))
        object.appendUnchecked("operations", .array(operations.map(\.json)))
        object.appendUnchecked("findings", .array(findings))
        if !warnings.isEmpty { object.appendUnchecked("warnings", .array(warnings.map(JSONValue.string))) }
        return .object(object)
    }

    /// `json` indented by two spaces, with a final newline.
    package var jsonText: String { json.serialized(pretty: true) + "\n" }

    /// Reads a plan file's JSON. The stored hash is kept as read: check `isIntact` before trusting the plan.
    package init(json value: JSONValue) throws(PlanFileError) {
        guard let object = value.objectValue else { throw .invalid("the plan is not a JSON object") }
        guard let version = object["plan_version"]?.intValue else { throw .invalid("the plan has no plan_version") }
        guard version == Self.version else {
            throw .invalid("plan_version \(version) is not supported (this syncro-fusion reads version 1)")
        }
        func text(_ key: String) throws(PlanFileError) -> String {
            guard let value = object[key]?.stringValue else { throw .invalid("the plan has no text \(key)") }
            return value
        }
        let createdText = try text("created_at")
        guard let createdAt = Timestamp.parse(createdText) else {
            throw .invalid("created_at \(createdText) is not a time")
        }
        guard let operationValues = object["operations"]?.arrayValue else {
            throw .invalid("the plan has no operations array")
        }
        var operations: [PlanOperation] = []
        for (index, value) in operationValues.enumerated() {
            operations.append(try PlanOperation(json: value, index: index))
        }
        let estimate = object["estimate"]?.objectValue
        let rate = estimate?["rate_limit_per_minute"]?.intValue ?? 180
        self.init(
            createdAt: createdAt, maxAgeSeconds: object["max_age_seconds"]?.intValue ?? Self.defaultMaxAge,
            snapshotID: try text("snapshot_id"), syncroSubdomain: try text("syncro_subdomain"),
            relationshipID: try text("relationship_id"),
            allowed: (object["allowed"]?.arrayValue ?? []).compactMap(\.stringValue),
            linkedTickets: object["blast_radius"].flatMap { $0.isNull ? nil : $0["linked_tickets"]?.intValue },
            estimate: PlanEstimate(
                requests: estimate?["requests"]?.intValue ?? operations.count * 2,
                minSeconds: estimate?["min_seconds"]?.doubleValue ?? 0, rateLimitPerMinute: rate),
            operations: operations, findings: object["findings"]?.arrayValue ?? [],
            warnings: (object["warnings"]?.arrayValue ?? []).compactMap(\.stringValue))
        // Kept only when it differs from what the operations give: then the hash no longer matches.
        let recorded = try Self.recordedBlastRadius(object["blast_radius"])
        recordedBlastRadius = recorded == blastRadius ? nil : recorded
        hash = try text("hash")
    }

    /// The counts of `blast_radius` as the file holds them (the hash covers them as written, so a plan whose
    /// counts were edited is not intact); nil when the plan has none.
    private static func recordedBlastRadius(_ value: JSONValue?) throws(PlanFileError) -> BlastRadius? {
        guard let value, !value.isNull else { return nil }
        guard let touched = value["tickets_touched"]?.intValue, let creations = value["creations"]?.intValue,
            let comments = value["comments"]?.intValue, let linked = value["linked_tickets"]?.intValue, linked >= 0
        else {
            throw .invalid("blast_radius needs the counts tickets_touched, creations, comments and linked_tickets")
        }
        return BlastRadius(ticketsTouched: touched, creations: creations, comments: comments)
    }

    /// Reads the plan file at `path`.
    package static func load(path: String) throws(PlanFileError) -> ReconciliationPlan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw .invalid("\(path) is not JSON: \(error)")
        }
        do {
            return try ReconciliationPlan(json: value)
        } catch {
            throw error.located(in: path)
        }
    }

    /// Writes the plan file atomically (a temporary name, then a rename).
    package func write(to path: String) throws(FileIOError) {
        try AtomicFileWriter.write(jsonText, to: path)
    }
}
