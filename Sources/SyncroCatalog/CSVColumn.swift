import RecordFormats

/// One documented CSV column: its header and how a record's value becomes a cell and back.
package struct CSVColumn: Sendable, Hashable {
    /// How a JSON value is written to a cell and read back.
    package enum Kind: String, Sendable, Hashable {
        /// Text as is.
        case text
        /// A JSON number, written as its literal text.
        case number
        /// `true` / `false`.
        case boolean
        /// A value written as compact JSON (arrays, objects): lossless, one cell.
        case json
    }

    package var header: String
    /// The record key the column reads (for `properties.NAME`, the custom field NAME inside `properties`).
    package var key: String
    package var kind: Kind
    /// True for `properties.NAME` columns.
    package var isProperty: Bool

    package init(_ header: String, key: String? = nil, _ kind: Kind = .text, isProperty: Bool = false) {
        self.header = header
        self.key = key ?? header
        self.kind = kind
        self.isProperty = isProperty
    }

    /// The value this column reads from a record.
    package func value(in record: JSONObject) -> JSONValue? {
        isProperty ? record["properties"]?[key] : record[key]
    }

    /// The cell for a record; nil (an empty cell) for a missing or null value.
    package func cell(for record: JSONObject) -> String? {
        guard let value = value(in: record) else { return nil }
        switch value {
        case .null: return nil
        case .string(let text): return kind == .json ? value.serialized() : text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .array, .object: return value.serialized()
        }
    }

    /// The JSON value a cell stands for; an empty cell is null.
    package func value(fromCell cell: String) -> JSONValue {
        guard !cell.isEmpty else { return .null }
        switch kind {
        case .text: return .string(cell)
        case .number:
            // Only a valid JSON number literal becomes a number ("nan", "0x10" or "0042" stay text).
            if case .number = (try? JSONValue.parse(cell)) ?? .null { return .number(cell) }
            return .string(cell)
        case .boolean:
            switch cell {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return .string(cell)
            }
        case .json: return (try? JSONValue.parse(cell)) ?? .string(cell)
        }
    }
}
