import SyncroCatalog

/// What an export file's name says about it: the entity it holds and its format.
///
/// The format comes from the extension (`.csv`, `.json`, `.jsonl`, `.xml`). The entity is the whole stem
/// (`tickets.csv`) or, failing that, its last word separated by `-` or `_` (`2026-11-29-tickets.json`,
/// `nightly_comments.jsonl`), so dated copies of an export keep working.
package struct ExportFileName: Sendable, Hashable {
    /// The name without its directory and extension, e.g. `2026-11-29-tickets`.
    package var stem: String
    package var format: ExportFormat
    /// The entity the name names, or nil when it names none.
    package var entity: ExportEntity?

    /// Reads the last component of `path`; nil when its extension is not an export format.
    package init?(path: String) {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex,
            let format = ExportFormat(pathExtension: String(name[name.index(after: dot)...]))
        else { return nil }
        stem = String(name[..<dot])
        self.format = format
        entity = Self.entity(inStem: stem)
    }

    /// The entity a stem names: all of it, else the longest entity name it ends with after a `-` or `_`
    /// (`2026-11-29-invoice_line_items` holds invoice line items, `acme_portal_users` portal users).
    package static func entity(inStem stem: String) -> ExportEntity? {
        let lower = stem.lowercased()
        return ExportEntity.allCases.filter { entity in
            lower == entity.rawValue || lower.hasSuffix("-" + entity.rawValue) || lower.hasSuffix("_" + entity.rawValue)
        }.max { $0.rawValue.count < $1.rawValue.count }
    }

    /// The same stem with another format's extension, e.g. `2026-11-29-tickets.xml`.
    package func renamed(to format: ExportFormat) -> String {
        "\(stem).\(format.fileExtension)"
    }
}
