/// A field's value as a format reader found it, before typing: the common ground of JSON, CSV and XML.
///
/// JSON values keep their JSON type (`string`, `number`, `bool`), so that `"902311"` for an id is a type error;
/// CSV cells and XML attributes and text are `text`, typed by their content. Each format decides what null is
/// (JSON `null`, an empty CSV cell, an empty `<expected>` child element) before the value gets here.
enum RawValue {
    case null
    case string(String)
    case number(String)
    case bool(Bool)
    /// Untyped text from CSV or XML.
    case text(String)
    case list([RawValue])
    /// Boxed, so that the common scalar values stay small and are never allocated.
    indirect case record(RawRecord)

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
///
/// Fields are kept in file order in two parallel arrays and found by a linear search: a record has about ten
/// fields, which a scan (comparing lengths first) finds faster than hashing the name into a dictionary, and one
/// array allocation per record replaces a hash table's.
struct RawRecord {
    /// Where the record starts.
    var location: DiagnosticLocation
    /// Field names (JSON, canonical), parallel to `fields`.
    private(set) var names: [String] = []
    private(set) var fields: [RawEntry] = []
    /// How the format spells a canonical field name, for messages about absent fields.
    var spell: @Sendable (String) -> String = { $0 }

    init(location: DiagnosticLocation, spell: @escaping @Sendable (String) -> String = { $0 }) {
        self.location = location
        self.spell = spell
    }

    /// Whether the record has no fields.
    var isEmpty: Bool { names.isEmpty }

    /// The fields in file order, with their names.
    var entries: Zip2Sequence<[String], [RawEntry]> { zip(names, fields) }

    /// Room for `count` fields without growing.
    mutating func reserveCapacity(_ count: Int) {
        names.reserveCapacity(count)
        fields.reserveCapacity(count)
    }

    private func index(of name: String) -> Int? {
        let length = name.utf8.count
        for index in names.indices where names[index].utf8.count == length && names[index] == name {
            return index
        }
        return nil
    }

    subscript(name: String) -> RawEntry? {
        get { index(of: name).map { fields[$0] } }
        set {
            switch (index(of: name), newValue) {
            case (let index?, let entry?): fields[index] = entry
            case (let index?, nil):
                names.remove(at: index)
                fields.remove(at: index)
            case (nil, let entry?):
                names.append(name)
                fields.append(entry)
            case (nil, nil): break
            }
        }
    }

    /// Sets a field found at `location` and spelled `spelling` in the file; a name set twice keeps the last value.
    mutating func set(_ name: String, _ value: RawValue, at location: DiagnosticLocation, spelling: String? = nil) {
        self[name] = RawEntry(value: value, location: location, spelling: spelling ?? spell(name))
    }
}
