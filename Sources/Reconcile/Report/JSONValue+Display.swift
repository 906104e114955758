import RecordFormats

extension JSONValue {
    /// The value as a person reads it in a message: text as is, null as `empty`, a list comma-separated.
    var displayText: String {
        switch self {
        case .null: "empty"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let literal): literal
        case .string(let text): text.isEmpty ? "empty" : text
        case .array(let elements): elements.isEmpty ? "none" : elements.map(\.displayText).joined(separator: ", ")
        case .object: serialized()
        }
    }

    /// The value in one CSV cell: text as is, null empty, lists and objects as compact JSON.
    var cellText: String? {
        switch self {
        case .null: nil
        case .bool(let flag): flag ? "true" : "false"
        case .number(let literal): literal
        case .string(let text): text
        case .array, .object: serialized()
        }
    }
}
