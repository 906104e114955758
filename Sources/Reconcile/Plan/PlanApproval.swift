import Foundation
import RecordFormats

/// A reviewer's approval of some of a plan's `review` operations, bound to the plan's content hash.
///
/// Written by `syncro-fusion approve` and by the review page's download button, in the same shape:
///
/// ```json
/// {
///   "approval_version": 1,
///   "plan_hash": "sha256:5f0c…",
///   "approved_by": "Dana Whitfield",
///   "approved_at": "2026-03-02T06:31:07.000Z",
///   "op_keys": ["sfr1-4be0a19c72d5e8f03a61"]
/// }
/// ```
///
/// `apply --approval FILE` runs exactly the review operations it names, as `--approve KEY,...` would, and refuses
/// a file whose `plan_hash` is not the plan's: an approval never carries over to a changed plan.
package struct PlanApproval: Sendable, Hashable {
    package static let version = 1

    package var planHash: String
    package var approvedBy: String
    /// As written (`2026-03-02T06:31:07.000Z`); the page writes the browser's clock.
    package var approvedAt: String
    package var opKeys: [String]

    package init(planHash: String, approvedBy: String, approvedAt: String, opKeys: [String]) {
        self.planHash = planHash
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
        self.opKeys = opKeys
    }

    /// An approval of `keys` of `plan`, now. Every key must name a review operation of the plan; the keys are kept
    /// in plan order, each once.
    package init(plan: ReconciliationPlan, keys: [String], by name: String, at date: Date = Date())
        throws(PlanApprovalError)
    {
        let review = plan.operations(.review).map(\.opKey)
        if let unknown = keys.first(where: { !review.contains($0) }) {
            throw .notReview(key: unknown, reviewCount: review.count)
        }
        let wanted = Set(keys)
        self.init(
            planHash: plan.hash, approvedBy: name, approvedAt: PlanTime.format(date),
            opKeys: review.filter { wanted.contains($0) })
    }

    /// The file's JSON, keys in the documented order.
    package var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("approval_version", .int(Self.version))
        object.appendUnchecked("plan_hash", .string(planHash))
        object.appendUnchecked("approved_by", .string(approvedBy))
        object.appendUnchecked("approved_at", .string(approvedAt))
        object.appendUnchecked("op_keys", .array(opKeys.map(JSONValue.string)))
        return .object(object)
    }

    /// `json` indented by two spaces, with a final newline (what `JSON.stringify(value, null, 2)` gives too).
    package var jsonText: String { json.serialized(pretty: true) + "\n" }

    /// Reads an approval file's JSON.
    package init(json value: JSONValue) throws(PlanApprovalError) {
        guard let object = value.objectValue else { throw .invalid("it is not a JSON object") }
        guard object["approval_version"]?.intValue == Self.version else {
            throw .invalid("its approval_version is not 1")
        }
        guard let hash = object["plan_hash"]?.stringValue, hash.hasPrefix("sha256:") else {
            throw .invalid("it has no plan_hash")
        }
        guard let name = object["approved_by"]?.stringValue,
            !name.trimmingCharacters(in: .whitespaces).isEmpty
        else { throw .invalid("it does not say who approved (approved_by)") }
        guard let keyValues = object["op_keys"]?.arrayValue else { throw .invalid("it has no op_keys array") }
        var keys: [String] = []
        for value in keyValues {
            guard let key = value.stringValue else { throw .invalid("op_keys holds something that is not a key") }
            keys.append(key)
        }
        self.init(
            planHash: hash, approvedBy: name, approvedAt: object["approved_at"]?.stringValue ?? "", opKeys: keys)
    }

    /// Reads the approval file at `path`.
    package static func load(path: String) throws(PlanApprovalError) -> PlanApproval {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        do {
            return try PlanApproval(json: try JSONValue.parse(data))
        } catch let error as PlanApprovalError {
            throw error.located(in: path)
        } catch {
            throw .invalid("\(path) is not JSON")
        }
    }

    /// Writes the file atomically (a temporary name, then a rename).
    package func write(to path: String) throws(FileIOError) {
        try AtomicFileWriter.write(jsonText, to: path)
    }

    /// `plan.approval.json` beside `plan.json` (any other name gets `.approval.json` added).
    package static func defaultPath(forPlan planPath: String) -> String {
        let base = planPath.hasSuffix(".json") ? String(planPath.dropLast(".json".count)) : planPath
        return base + ".approval.json"
    }
}

/// Why an approval cannot be made or read.
package enum PlanApprovalError: Error, Sendable, Hashable, LocalizedError {
    /// A key that is not a review operation of the plan.
    case notReview(key: String, reviewCount: Int)
    case unreadable(path: String, reason: String)
    case invalid(String)

    package var errorDescription: String? {
        switch self {
        case .notReview(let key, let count):
            count == 0
                ? "\(key) cannot be approved: the plan has no review operations, so it needs no approval"
                : "\(key) is not a review operation of this plan; the plan summary lists the \(count) keys that "
                    + "need approval"
        case .unreadable(let path, let reason):
            "cannot read the approval file \(path): \(reason)"
        case .invalid(let problem):
            "the approval file is not usable: \(problem); write a new one with syncro-fusion approve"
        }
    }

    func located(in path: String) -> PlanApprovalError {
        switch self {
        case .invalid(let problem): .invalid("\(path): \(problem)")
        default: self
        }
    }
}
