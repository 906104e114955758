import RecordFormats

/// Turns the rows of an export CSV back into records, typed by the entity's column kinds.
///
/// Columns come from `EntityColumns.columns(_:header:)`: documented columns by name, `properties.NAME` as custom
/// fields, and any other header as text. An empty cell is null; `properties.NAME` cells go into one `properties`
/// object (in header order, at the place of the first such column), and empty ones are left out, because the
/// CSV has a column for every custom field of the file while each record has only its own. Records of entities
/// with custom fields always get a `properties` object, as the API returns them.
package struct CSVRecordDecoder: Sendable {
    package let entity: ExportEntity
    package let columns: [CSVColumn]
    /// The index of the first `properties.NAME` column, if any.
    private let firstPropertyColumn: Int?

    /// Checks the header of the CSV at `path` (named in errors) and derives its columns.
    ///
    /// Refuses a header with a repeated name, and one that names none of the entity's documented columns (the
    /// file holds another entity, or is not an export).
    package init(entity: ExportEntity, header: [String], path: String) throws(RecordFileError) {
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
        columns = EntityColumns.columns(entity, header: header)
        firstPropertyColumn = columns.firstIndex { $0.isProperty }
    }

    /// The record a row stands for; the row has one field per column (the reader checks the width).
    package func record(from fields: [String]) -> JSONObject {
        var record = JSONObject()
        var properties = JSONObject()
        for (index, column) in columns.enumerated() where index < fields.count {
            let cell = fields[index]
            if column.isProperty {
                if index == firstPropertyColumn { record["properties"] = .object([:]) }
                if !cell.isEmpty { properties[column.key] = Self.value(of: column, cell: cell) }
            } else {
                record[column.key] = Self.value(of: column, cell: cell)
            }
        }
        if firstPropertyColumn != nil || EntityColumns.hasProperties(entity) {
            record["properties"] = .object(properties)
        }
        return record
    }

    /// The value of a cell; a number cell that is not a JSON number literal (`nan`, `0x10`, `.5`) stays text, so
    /// every value written from it is valid JSON and XML.
    static func value(of column: CSVColumn, cell: String) -> JSONValue {
        let value = column.value(fromCell: cell)
        if case .number(let literal) = value, !isJSONNumber(literal) { return .string(cell) }
        return value
    }

    /// Whether `text` is exactly a JSON number literal.
    static func isJSONNumber(_ text: String) -> Bool {
        guard case .number(let literal)? = try? JSONValue.parse(text) else { return false }
        return literal == text
    }
}
