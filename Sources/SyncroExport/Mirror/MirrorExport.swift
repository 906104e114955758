import Foundation
import SyncroCatalog

/// `export --mirror FILE`: the export's files written from the mirror, with no request and no token.
///
/// The files are those a live export writes of the same account state: the mirror holds records as the export
/// stages them (ticket rows with their detail when synced with `--details all`, comments apart, customers without
/// their embedded contacts), and the same writer writes them.
package enum MirrorExport {
    package static func run(
        mirror path: String, options: ExportOptions,
        progress: @escaping @Sendable (ExportProgress) -> Void = { _ in }
    ) throws -> ExportManifest {
        guard FileManager.default.fileExists(atPath: path) else {
            throw MirrorError.unusable(path, reason: "there is no such file; make it with sync --mirror \(path)")
        }
        let store = try StagingStore.openMirror(path: path)
        defer { store.close() }
        guard try store.meta("complete") == "1" else { throw MirrorError.incomplete(path) }
        let mirrored = Set(try store.meta("entities")?.split(separator: ",").map(String.init) ?? [])
        for entity in options.entities {
            // Comments and tags come with the tickets (and customers).
            let needed: ExportEntity =
                switch entity {
                case .comments, .tags: .tickets
                default: entity
                }
            guard mirrored.contains(needed.rawValue) else {
                throw MirrorError.entityNotMirrored(path, entity: entity.rawValue)
            }
        }
        let started = Date()
        try Exporter.prepare(directory: options.outputDirectory)
        var manifest = ExportManifest(
            subdomain: try store.meta("subdomain"), format: options.format, entities: options.entities,
            comments: options.comments, startedAt: started)
        manifest.details = try store.ticketsWithoutDetail() == 0 ? .all : .none
        try Exporter.writeFiles(from: store, options: options, into: &manifest, progress: progress)
        manifest.finishedAt = Date()
        try manifest.write(to: options.outputDirectory + "/manifest.json")
        return manifest
    }
}
