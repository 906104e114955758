import Foundation
import RecordFormats

/// Reads the typed fields of one `RawRecord`, reporting every absent required field and every wrong type.
///
/// Each accessor returns nil for a field that is absent, null or invalid; the problem (if any) is already in the
/// log. Types follow the specification: Syncro ids are integers (JSON numbers, not strings), partner ids are
/// strings (not numbers), booleans are `true`/`false`, times are ISO-8601 with an offset.
struct FieldReader {
    let record: RawRecord
    /// The record in messages, e.g. `ticket 88412`.
    let label: RecordLabel
    let log: DiagnosticLog

    private func entry(_ name: String, required: Bool) -> RawEntry? {
        guard let entry = record[name], !isNull(entry.value) else {
            if required {
                let location = record[name]?.location ?? record.location
                log.error(
                    DiagnosticCode.missingField,
                    "the required field '\(record.spell(name))' is \(record[name] == nil ? "absent" : "null"); "
                        + "add it with a value",
                    at: location, record: label.text)
            }
            return nil
        }
        return entry
    }

    private func isNull(_ value: RawValue) -> Bool {
        if case .null = value { return true }
        return false
    }

    private func typeError(_ entry: RawEntry, expected: String, hint: String) {
        log.error(
            DiagnosticCode.type,
            "'\(entry.spelling)' must be \(expected) but is \(entry.value.kindName); \(hint)",
            at: entry.location, record: label.text)
    }

    /// Whether the field is present (null included).
    func contains(_ name: String) -> Bool { record[name] != nil }

    /// A Syncro id or other integer.
    func int(_ name: String, required: Bool = false) -> Int? {
        guard let entry = entry(name, required: required) else { return nil }
        switch entry.value {
        case .number(let text), .text(let text):
            if let value = Self.integer(text) { return value }
        case .string(let text) where Self.integer(text) != nil:
            typeError(entry, expected: "an integer", hint: "write the number without quotes")
            return nil
        default:
            break
        }
        typeError(entry, expected: "an integer", hint: "write a whole number such as 902311")
        return nil
    }

    /// A linking key (`syncro_ticket_id` of a ticket, `syncro_comment_id` of a comment): an integer, or null when
    /// the record is not linked yet, but always present (snapshot v1.1). An absent key is an error naming the
    /// unknown member that is probably its misspelling: read as "not linked", a misspelt key would turn every
    /// linked ticket into one to create. XML writes an unlinked record's key as an empty attribute.
    func linkingKey(_ name: String, known: Set<String>, entity: String) -> Int? {
        guard let entry = record[name] else {
            let wanted = record.spell(name)
            let unknown = record.entries.filter { !known.contains($0.0) }.map { $0.1.spelling }
            let found = Misspelling.closest(to: wanted, among: unknown).map { " (found '\($0)': is it misspelt?)" }
            log.error(
                DiagnosticCode.missingLinkingKey,
                "the \(entity) has no '\(wanted)'\(found ?? ""); every \(entity) needs it, null when it is not linked "
                    + "to Syncro yet, so that a misspelt key is never read as \"not linked\"",
                at: record.location, record: label.text)
            return nil
        }
        if case .text("") = entry.value { return nil }
        return int(name)
    }

    /// Text such as a name or a partner id; a JSON number is refused (partner ids are strings).
    func string(_ name: String, required: Bool = false) -> String? {
        guard let entry = entry(name, required: required) else { return nil }
        switch entry.value {
        case .string(let text), .text(let text):
            if required, text.isEmpty {
                log.error(
                    DiagnosticCode.missingField, "the required field '\(entry.spelling)' is empty; give it a value",
                    at: entry.location, record: label.text)
                return nil
            }
            return text
        default:
            typeError(entry, expected: "text", hint: "quote the value")
            return nil
        }
    }

    /// `true` or `false`.
    func bool(_ name: String, required: Bool = false) -> Bool? {
        guard let entry = entry(name, required: required) else { return nil }
        switch entry.value {
        case .bool(let flag): return flag
        case .text("true"): return true
        case .text("false"): return false
        default:
            typeError(entry, expected: "a boolean", hint: "write true or false")
            return nil
        }
    }

    /// An ISO-8601 time with an offset (`Z` or `±hh:mm`), as an instant.
    func time(_ name: String, required: Bool = false) -> Date? {
        guard let text = string(name, required: required), let entry = record[name] else { return nil }
        guard text.utf8.count > 10, let date = Timestamp.parse(text) else {
            log.error(
                DiagnosticCode.invalidTime,
                "'\(entry.spelling)' is '\(text)', not an ISO-8601 time with an offset; "
                    + "write it like 2026-11-28T22:10:12Z",
                at: entry.location, record: label.text)
            return nil
        }
        return date
    }

    /// A date or a time with an offset, kept as written (a ticket's due date).
    func dateText(_ name: String) -> String? {
        guard let text = string(name), let entry = record[name] else { return nil }
        guard Timestamp.parse(text) != nil else {
            log.error(
                DiagnosticCode.invalidTime,
                "'\(entry.spelling)' is '\(text)', not an ISO-8601 date or time with an offset; "
                    + "write it like 2026-12-01 or 2026-12-01T17:00:00Z",
                at: entry.location, record: label.text)
            return nil
        }
        return text
    }

    /// A nested object; nil when absent or null.
    func record(_ name: String) -> RawRecord? {
        guard let entry = entry(name, required: false) else { return nil }
        guard case .record(let nested) = entry.value else {
            typeError(entry, expected: "an object", hint: "write the fields inside {}")
            return nil
        }
        return nested
    }

    /// The elements of a list; nil when absent or null.
    func list(_ name: String) -> [RawValue]? {
        guard let entry = entry(name, required: false) else { return nil }
        guard case .list(let elements) = entry.value else {
            typeError(entry, expected: "a list", hint: "write the values inside []")
            return nil
        }
        return elements
    }

    /// A set of strings such as tags; nil (not managed) when absent.
    func stringSet(_ name: String) -> Set<String>? {
        guard let elements = list(name), let entry = record[name] else { return nil }
        var result = Set<String>()
        for element in elements {
            switch element {
            case .string(let text), .text(let text): result.insert(text)
            default:
                typeError(
                    RawEntry(value: element, location: entry.location, spelling: entry.spelling),
                    expected: "a list of text", hint: "quote each value")
            }
        }
        return result
    }

    /// A set of integers such as asset ids; nil (not managed) when absent.
    func intSet(_ name: String) -> Set<Int>? {
        guard let elements = list(name), let entry = record[name] else { return nil }
        var result = Set<Int>()
        for element in elements {
            switch element {
            case .number(let text), .text(let text):
                if let value = Self.integer(text) {
                    result.insert(value)
                    continue
                }
            default:
                break
            }
            typeError(
                RawEntry(value: element, location: entry.location, spelling: entry.spelling),
                expected: "a list of integers", hint: "write each id as a number without quotes")
        }
        return result
    }

    /// `Int(text)` for plain decimal integers only (no `+`, spaces, fractions or exponents).
    static func integer(_ text: String) -> Int? {
        guard !text.hasPrefix("+") else { return nil }
        return Int(text)
    }

    // MARK: Managed values

    /// An `expected` field: absent is unmanaged, null is expected null.
    func managedString(_ name: String) -> Managed<String> {
        managed(name) { string(name) }
    }

    func managedInt(_ name: String) -> Managed<Int> {
        managed(name) { int(name) }
    }

    func managedDate(_ name: String) -> Managed<String> {
        managed(name) { dateText(name) }
    }

    private func managed<Value>(_ name: String, _ read: () -> Value?) -> Managed<Value> {
        guard let entry = record[name] else { return .unmanaged }
        if case .null = entry.value { return .null }
        // An invalid value is reported; treating it as unmanaged keeps it out of any comparison.
        return read().map(Managed.value) ?? .unmanaged
    }
}
