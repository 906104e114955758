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

    /// The entity a stem names: all of it, else its last `-`/`_`-separated word.
    package static func entity(inStem stem: String) -> ExportEntity? {
        if let entity = ExportEntity(rawValue: stem.lowercased()) { return entity }
        guard let word = stem.split(whereSeparator: { $0 == "-" || $0 == "_" }).last else { return nil }
        return ExportEntity(rawValue: word.lowercased())
    }

    /// The same stem with another format's extension, e.g. `2026-11-29-tickets.xml`.
    package func renamed(to format: ExportFormat) -> String {
        "\(stem).\(format.fileExtension)"
    }
}
