import SyncroCatalog

extension ExportEntity {
    /// Parses `tickets,customers` or `all`; the error names the unknown entity and lists the known ones.
    package static func parseList(_ text: String) throws(ExportError) -> [ExportEntity] {
        switch parse(text) {
        case .success(let entities): return entities
        case .failure(let unknown): throw .unknownEntity(unknown.name, known: UnknownEntity.known)
        }
    }
}
