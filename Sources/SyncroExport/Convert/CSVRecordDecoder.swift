import RecordFormats
import SyncroCatalog

/// Turns the rows of an export CSV back into records, typed by the entity's column kinds.
///
/// Columns come from `EntityColumns.columns(_:header:)`: documented columns by name, `properties.NAME` as custom
/// fields, and any other header as text. An empty cell is null; `properties.NAME` cells go into one `properties`
/// object (in header order, at the place of the first such column), and empty ones are left out, because the
/// CSV has a column for every custom field of the file while each record has only its own. Records of entities
/// with custom fields always get a `properties` object, as the API returns them.
package struct CSVRecordDecoder: Sendable {
    /// Where a kept key's value comes from.
    private enum Source: Sendable {
        case column(Int)
        /// The `properties` object built from the `properties.NAME` columns.
        case properties
    }

    package let entity: ExportEntity
    package let columns: [CSVColumn]
    /// The index of the first `properties.NAME` column, if any.
    private let firstPropertyColumn: Int?
    /// The keys `record(from:)` returns, in order, when the caller asked for only some keys.
    private let projection: [(key: String, source: Source)]?

    /// Checks the header of the CSV at `path` (named in errors) and derives its columns.
    ///
    /// Refuses a header with a repeated name, and one that names none of the entity's documented columns (the
    /// file holds another entity, or is not an export). With `keys`, records hold only those keys, in that order
    /// (each with the value a full record has; a key a full record lacks is left out), and the other cells are
    /// not decoded.
    package init(
        entity: ExportEntity, header: [String], path: String, keeping keys: [String]? = nil
    ) throws(RecordFileError) {
        var seen = Set<String>()
        for (index, name) in header.enumerated() where !seen.insert(name).inserted {
            throw RecordFileError(
                path: path, line: 1, column: index + 1, code: "csv.duplicate-column",
                message: "the header names the column \"\(name)\" twice; remove or rename one of them")
        }
        let documented = EntityColumns.base(entity).map(\.header)
        guard header.contains(where: { documented.contains($0) }) else {
            throw RecordFileError(
                path: path, line: 1, column: 1, code: "csv.unknown-header",
                message: "the header names none of the \(entity.rawValue) columns ("
                    + documented.prefix(4).joined(separator: ", ")
                    + ", ...); check that the file holds \(entity.rawValue) and is named after them")
        }
        self.entity = entity
        let columns = EntityColumns.columns(entity, header: header)
        self.columns = columns
        let firstPropertyColumn = columns.firstIndex { $0.isProperty }
        self.firstPropertyColumn = firstPropertyColumn
        guard let keys else {
            projection = nil
            return
        }
        let hasPropertiesObject = firstPropertyColumn != nil || EntityColumns.hasProperties(entity)
        var projection: [(key: String, source: Source)] = []
        var kept = Set<String>()
        for key in keys where kept.insert(key).inserted {
            if key == "properties", hasPropertiesObject {
                projection.append((key, .properties))
            } else if let index = Self.columnIndex(ofKey: key, in: columns) {
                projection.append((key, .column(index)))
            }
        }
        self.projection = projection
    }

    /// The record a row stands for; the row has one field per column (the reader checks the width).
    package func record(from fields: [String]) -> JSONObject {
        if let projection { return record(from: fields, projection: projection) }
        var record = JSONObject()
        var properties = JSONObject()
        for (index, column) in columns.enumerated() where index < fields.count {
            let cell = fields[index]
            if column.isProperty {
                if index == firstPropertyColumn { record["properties"] = .object([:]) }
                if !cell.isEmpty { properties.appendUnchecked(column.key, Self.value(of: column, cell: cell)) }
            } else if column.key == "properties" {
                record["properties"] = Self.value(of: column, cell: cell)
            } else {
                // Header names are distinct, so only `properties` can be a key already set.
                record.appendUnchecked(column.key, Self.value(of: column, cell: cell))
            }
        }
        if firstPropertyColumn != nil || EntityColumns.hasProperties(entity) {
            record["properties"] = .object(properties)
        }
        return record
    }

    /// `record(from:)` for a row whose fields are still bytes: with a projection, only its cells become strings.
    package func record(from row: CSVRawRow) -> JSONObject {
        guard let projection else { return record(from: row.strings) }
        var record = JSONObject()
        for (key, source) in projection {
            switch source {
            case .column(let index):
                guard index < row.count else { continue }
                record.appendUnchecked(key, Self.value(of: columns[index], cell: row.string(index)))
            case .properties:
                var properties = JSONObject()
                for (index, column) in columns.enumerated() where column.isProperty && index < row.count {
                    guard !row.range(of: index).isEmpty else { continue }
                    properties.appendUnchecked(column.key, Self.value(of: column, cell: row.string(index)))
                }
                record.appendUnchecked(key, .object(properties))
            }
        }
        return record
    }

    /// The column a record's `key` comes from (not a `properties.NAME` one), as `record(from:)` reads it.
    package func columnIndex(ofKey key: String) -> Int? {
        Self.columnIndex(ofKey: key, in: columns)
    }

    private static func columnIndex(ofKey key: String, in columns: [CSVColumn]) -> Int? {
        columns.firstIndex { !$0.isProperty && $0.key == key }
    }

    /// The value of cell `cell` of column `index`, as a record holds it.
    package func value(ofColumn index: Int, cell: String) -> JSONValue {
        Self.value(of: columns[index], cell: cell)
    }

    /// `record(from:)` holding only the projection's keys.
    private func record(from fields: [String], projection: [(key: String, source: Source)]) -> JSONObject {
        var record = JSONObject()
        for (key, source) in projection {
            switch source {
            case .column(let index):
                guard index < fields.count else { continue }
                record.appendUnchecked(key, Self.value(of: columns[index], cell: fields[index]))
            case .properties:
                var properties = JSONObject()
                for (index, column) in columns.enumerated() where column.isProperty && index < fields.count {
                    let cell = fields[index]
                    if !cell.isEmpty { properties.appendUnchecked(column.key, Self.value(of: column, cell: cell)) }
                }
                record.appendUnchecked(key, .object(properties))
            }
        }
        return record
    }

    /// The value of a cell; a number cell that is not a JSON number literal (`nan`, `0x10`, `.5`) stays text, so
    /// every value written from it is valid JSON and XML.
    ///
    /// `column.value(fromCell:)` with that check, without parsing JSON for numbers and for the usual lists
    /// (`[]`, `["a","b"]`).
    static func value(of column: CSVColumn, cell: String) -> JSONValue {
        guard !cell.isEmpty else { return .null }
        switch column.kind {
        case .text:
            return .string(cell)
        case .number:
            return isJSONNumber(cell) ? .number(cell) : .string(cell)
        case .boolean:
            return column.value(fromCell: cell)
        case .json:
            if let strings = plainStringArray(cell) { return .array(strings) }
            let value = column.value(fromCell: cell)
            if case .number(let literal) = value, !isJSONNumber(literal) { return .string(cell) }
            return value
        }
    }

    /// Whether `text` is exactly a JSON number literal (RFC 8259: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`).
    static func isJSONNumber(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isJSONNumber(utf8: $0) }
    }

    /// `isJSONNumber(_:)` of the text whose UTF-8 bytes are `bytes`.
    package static func isJSONNumber(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Bool {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index > start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if !digits() {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return false }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() else { return false }
        }
        return index == bytes.count
    }

    /// The strings of a cell that is a JSON array of strings without escapes or white space (`[]`,
    /// `["a","b"]`), as the JSON parser reads them; nil for any other cell.
    static func plainStringArray(_ cell: String) -> [JSONValue]? {
        var cell = cell
        return cell.withUTF8 { bytes -> [JSONValue]? in
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == UInt8(ascii: "]") else {
                return nil
            }
            var strings: [JSONValue] = []
            let end = bytes.count - 1
            var index = 1
            if index == end { return strings }
            while true {
                guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
                index += 1
                let start = index
                while index < end {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                    index += 1
                }
                guard index < end else { return nil }
                // Quotes are ASCII, so the bytes between them are whole characters of valid UTF-8.
                strings.append(
                    .string(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)))
                index += 1
                if index == end { return strings }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
        }
    }
}
