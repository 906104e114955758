/// A field's value as a format reader found it, before typing: the common ground of JSON, CSV and XML.
///
/// JSON values keep their JSON type (`string`, `number`, `bool`), so that `"902311"` for an id is a type error;
/// CSV cells and XML attributes and text are `text`, typed by their content. Each format decides what null is
/// (JSON `null`, an empty CSV cell, an empty `<expected>` child element) before the value gets here.
indirect enum RawValue {
    case null
    case string(String)
    case number(String)
    case bool(Bool)
    /// Untyped text from CSV or XML.
    case text(String)
    case list([RawValue])
    case record(RawRecord)

    /// A short name of the value's kind, for messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .string, .text: "text"
        case .number: "a number"
        case .bool: "a boolean"
        case .list: "a list"
        case .record: "an object"
        }
    }
}

/// One field of a `RawRecord`: its value, where it was, and its name as the file spells it.
struct RawEntry {
    var value: RawValue
    var location: DiagnosticLocation
    /// `syncroId`, `exp_status`, `syncro_customer_id`, ... for messages.
    var spelling: String
}

/// A record (or nested object) as a format reader found it, with fields under their JSON names.
struct RawRecord {
    /// Where the record starts.
    var location: DiagnosticLocation
    /// Fields by their JSON (canonical) name.
    var entries: [String: RawEntry] = [:]
    /// How the format spells a canonical field name, for messages about absent fields.
    var spell: @Sendable (String) -> String = { $0 }

    init(location: DiagnosticLocation, spell: @escaping @Sendable (String) -> String = { $0 }) {
        self.location = location
        self.spell = spell
    }

    subscript(name: String) -> RawEntry? {
        get { entries[name] }
        set { entries[name] = newValue }
    }

    /// Sets a field found at `location` and spelled `spelling` in the file.
    mutating func set(_ name: String, _ value: RawValue, at location: DiagnosticLocation, spelling: String? = nil) {
        entries[name] = RawEntry(value: value, location: location, spelling: spelling ?? spell(name))
    }
}
