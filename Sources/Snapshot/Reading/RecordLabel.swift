/// How a diagnostic names the record it is about (`ticket 88412`, `comment C-7 of ticket 88412`), kept as its
/// parts and spelled out only when a diagnostic is written: building the text for every record of a million-ticket
/// snapshot cost more than checking the record.
enum RecordLabel {
    /// No record (a child row read on its own).
    case none
    /// A fixed name: `header`, `relationship`.
    case fixed(String)
    /// `<entity> <key value>`, or `<entity> at <location>` when the key is absent or not text or a number.
    case keyed(entity: String, key: RawValue?, location: DiagnosticLocation)
    /// `comment <partner id> of ticket <ticket>`.
    case comment(partnerID: String?, ticket: String)

    /// The label of a record whose key field is `key`.
    static func keyed(_ entity: String, _ record: RawRecord, _ key: String) -> RecordLabel {
        .keyed(entity: entity, key: record[key]?.value, location: record.location)
    }

    /// The text diagnostics carry.
    var text: String? {
        switch self {
        case .none: nil
        case .fixed(let text): text
        case .keyed(let entity, let key, let location):
            switch key {
            case .string(let text)?, .text(let text)?, .number(let text)?: "\(entity) \(text)"
            default: "\(entity) at \(location)"
            }
        case .comment(let partnerID, let ticket): "comment \(partnerID ?? "?") of ticket \(ticket)"
        }
    }
}
