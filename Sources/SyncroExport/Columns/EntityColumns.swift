import RecordFormats
import SyncroCatalog

/// The stable, documented CSV columns of each entity. `properties.NAME` columns follow, one per custom field
/// found in the export, sorted by name.
///
/// JSON, JSON Lines and XML carry every field the API returned; CSV carries these. Lists and nested values (tags,
/// asset ids, attachments) are one cell of compact JSON, so nothing in a documented column is lost.
package enum EntityColumns {
    /// The documented columns of an entity, from the entity catalog.
    package static func base(_ entity: ExportEntity) -> [CSVColumn] { entity.definition.columns }

    /// Whether an entity's records carry `properties` custom fields.
    package static func hasProperties(_ entity: ExportEntity) -> Bool { entity.definition.hasCustomFields }

    /// The full column list: the base columns, then `properties.NAME` for each custom field name, sorted.
    package static func columns(_ entity: ExportEntity, propertyNames: some Sequence<String>) -> [CSVColumn] {
        base(entity) + propertyNames.sorted().map { CSVColumn("properties.\($0)", key: $0, .text, isProperty: true) }
    }

    /// The columns a CSV header names: documented columns by name, `properties.NAME` as custom fields, and any
    /// other header as text.
    package static func columns(_ entity: ExportEntity, header: [String]) -> [CSVColumn] {
        let known = Dictionary(base(entity).map { ($0.header, $0) }, uniquingKeysWith: { first, _ in first })
        return header.map { name in
            if let column = known[name] { return column }
            if name.hasPrefix("properties.") {
                return CSVColumn(name, key: String(name.dropFirst("properties.".count)), .text, isProperty: true)
            }
            return CSVColumn(name)
        }
    }
}
