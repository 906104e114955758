import Foundation
import RecordFormats
import SyncroCatalog

/// The local half of an export: writes each requested entity from the staging store into a file in a hidden work
/// directory beside the output; ``moveIntoPlace(_:directory:)`` then renames them all to their final names.
struct ExportWriter {
    let staging: StagingStore
    let options: ExportOptions
    let progress: @Sendable (ExportProgress) -> Void

    /// The hidden directory that holds this run's finished files until every one of them is complete.
    var workDirectory: String { options.outputDirectory + "/.syncro-fusion-partial-\(getpid())" }

    func writeAll() throws -> [FileSummary] {
        try? FileManager.default.removeItem(atPath: workDirectory)
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        var summaries: [FileSummary] = []
        do {
            for entity in options.entities {
                if entity == .comments, options.comments == .none { continue }
                summaries.append(try write(entity))
                progress(.writing(entity))
            }
        } catch {
            try? FileManager.default.removeItem(atPath: workDirectory)
            throw error
        }
        return summaries
    }

    /// Renames every finished file into the output directory and removes the work directory.
    func moveIntoPlace(_ summaries: [FileSummary]) throws -> [FileSummary] {
        var moved: [FileSummary] = []
        for var summary in summaries {
            let name = URL(fileURLWithPath: summary.path).lastPathComponent
            let target = options.outputDirectory + "/" + name
            guard rename(summary.path, target) == 0 else {
                throw ExportError.outputNotWritable(options.outputDirectory, reason: String(cString: strerror(errno)))
            }
            summary.path = target
            moved.append(summary)
        }
        try? FileManager.default.removeItem(atPath: workDirectory)
        return moved
    }

    private func path(_ entity: ExportEntity) -> String {
        "\(workDirectory)/\(entity.rawValue).\(options.format.fileExtension)"
    }

    private func write(_ entity: ExportEntity) throws -> FileSummary {
        switch options.format {
        case .csv: return try writeCSV(entity)
        case .json, .jsonl, .xml:
            var sink = try ExportSinks.make(format: options.format, path: path(entity), entity: entity)
            try forEachRecord(entity) { try sink.write($0) }
            return try sink.finish()
        }
    }

    private func writeCSV(_ entity: ExportEntity) throws -> FileSummary {
        // A custom field that is empty everywhere gets no column: an empty cell reads back as no value.
        let propertyNames = EntityColumns.hasProperties(entity) ? try staging.propertyNames(entity) : []
        let columns = EntityColumns.columns(entity, propertyNames: propertyNames)
        let numeric = Set(columns.filter { $0.kind == .number }.map(\.header))
        let writer = try CSVWriter(
            path: path(entity), columns: columns.map(\.header), profile: options.excelCSV ? .excel : .standard,
            numericColumns: numeric
        )
        do {
            try forEachRecord(entity) { record in try writer.writeRow(columns.map { $0.cell(for: record) }) }
            return try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Each record of an entity in file order; tags are derived from the staged tickets and customers.
    private func forEachRecord(_ entity: ExportEntity, _ body: (JSONObject) throws -> Void) throws {
        guard entity == .tags else { return try staging.forEach(entity, body) }
        try staging.forEachArrayElement(.tickets, field: "tag_list") { id, tag in
            try body(["entity_type": "ticket", "entity_id": .int(id), "tag": .string(tag), "source": "tag_list"])
        }
        // Organization tags: on the customer where the account exposes them, else from the tickets' rows.
        var seen = Set<String>()
        try staging.forEachArrayElement(.customers, field: "tag_list") { id, tag in
            guard seen.insert("\(id)\u{0}\(tag)").inserted else { return }
            try body(["entity_type": "customer", "entity_id": .int(id), "tag": .string(tag), "source": "tag_list"])
        }
        try staging.forEachArrayElement(.tickets, field: "customer_tag_list", idField: "customer_id") { id, tag in
            guard seen.insert("\(id)\u{0}\(tag)").inserted else { return }
            try body([
                "entity_type": "customer", "entity_id": .int(id), "tag": .string(tag),
                "source": "ticket.customer_tag_list",
            ])
        }
    }
}
