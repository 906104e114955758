import Foundation
import RecordFormats
import SyncroCatalog

/// `syncro-fusion convert`: rewrites export files in another format, one record at a time.
///
/// JSON, JSON Lines and XML carry records as they are, so conversions among them are lossless. CSV carries the
/// documented columns (`EntityColumns`): reading it types each cell by its column, and writing it needs every
/// custom field name before the header, so a conversion to CSV reads its input twice (names first, rows second)
/// rather than holding records in memory. Every output file appears only when complete; a directory is built in
/// a hidden work directory and moved into place, with `manifest.json` last.
package struct ExportConverter: Sendable {
    /// What was written: the files (under their final paths) and, for a directory, its manifest.
    package struct Result: Sendable, Equatable {
        package var plan: ConvertPlan
        package var files: [FileSummary]
        package var manifestPath: String?
        /// Records written over all files.
        package var records: Int { files.reduce(0) { $0 + $1.records } }
    }

    package let options: ConvertOptions

    package init(options: ConvertOptions) {
        self.options = options
    }

    /// Plans and runs the conversion; on any error nothing is left under an output name.
    package func run() throws -> Result {
        let plan = try ConvertPlan.make(options)
        switch plan {
        case .file(let job):
            return Result(plan: plan, files: [try convert(job)], manifestPath: nil)
        case .directory(let input, let output, let format, let jobs):
            let (files, manifest) = try convertDirectory(input: input, output: output, format: format, jobs: jobs)
            return Result(plan: plan, files: files, manifestPath: manifest)
        }
    }

    /// Converts one file; the output appears only when complete.
    package func convert(_ job: ConvertPlan.Job) throws -> FileSummary {
        var columns: [CSVColumn] = []
        if job.outputFormat == .csv {
            // The first pass reads the whole input, so a bad file fails before any output exists.
            columns = EntityColumns.columns(job.entity, propertyNames: try propertyNames(job))
        }
        let reader = try ExportRecordReader(path: job.input, entity: job.entity, format: job.inputFormat)
        let writer = try ExportRecordWriter(
            path: job.output, entity: job.entity, format: job.outputFormat, csvColumns: columns,
            csvProfile: options.excelCSV ? .excel : .standard)
        // Decoding runs a few batches ahead of encoding, on a thread of its own.
        let ahead = ReadAhead(name: "syncro-fusion.convert-reader") { try reader.next() }
        do {
            defer { ahead.cancel() }
            while let record = try ahead.next() { try writer.write(record) }
            return try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// The custom field names of a file that get a CSV column: those with a non-empty value in some record.
    ///
    /// A field that is null or empty everywhere would be a column of empty cells, which reads back as no field at
    /// all; leaving it out keeps JSON → CSV → JSON → CSV byte-identical.
    private func propertyNames(_ job: ConvertPlan.Job) throws -> Set<String> {
        let reader = try ExportRecordReader(path: job.input, entity: job.entity, format: job.inputFormat)
        var names = Set<String>()
        let wanted = EntityColumns.hasProperties(job.entity)
        while let record = try reader.next() {
            guard wanted, let properties = record["properties"]?.objectValue else { continue }
            for (name, value) in properties where !Self.isEmptyCell(value) { names.insert(name) }
        }
        return names
    }

    private static func isEmptyCell(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        default: false
        }
    }

    /// Converts every job into a hidden work directory, then moves the files into `output`, `manifest.json`
    /// last. A new `output` is the work directory renamed, so it appears whole or not at all.
    private func convertDirectory(
        input: String, output: String, format: ExportFormat, jobs: [ConvertPlan.Job]
    ) throws -> ([FileSummary], String) {
        let files = FileManager.default
        let outputExists = files.fileExists(atPath: output)
        let output = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let work: String
        if outputExists {
            work = (output as NSString).appendingPathComponent(".syncro-fusion-convert-\(getpid())-\(token)")
        } else {
            let parent = (output as NSString).deletingLastPathComponent
            if !parent.isEmpty { try files.createDirectory(atPath: parent, withIntermediateDirectories: true) }
            let name = (output as NSString).lastPathComponent
            work = (parent as NSString).appendingPathComponent(".\(name).partial-\(getpid())-\(token)")
        }
        try files.createDirectory(atPath: work, withIntermediateDirectories: false)
        do {
            var summaries: [FileSummary] = []
            for var job in jobs {
                job.output = (work as NSString).appendingPathComponent(job.output)
                summaries.append(try convert(job))
            }
            let manifest = ConvertManifest(convertedFrom: input, format: format, files: summaries)
            try manifest.write(to: (work as NSString).appendingPathComponent("manifest.json"))
            let placed = try moveIntoPlace(summaries, from: work, to: output, replacingDirectory: !outputExists)
            return (placed, (output as NSString).appendingPathComponent("manifest.json"))
        } catch {
            try? files.removeItem(atPath: work)
            throw error
        }
    }

    /// Renames the work directory to `output`, or its files into the existing `output` with the manifest last.
    private func moveIntoPlace(
        _ summaries: [FileSummary], from work: String, to output: String, replacingDirectory: Bool
    ) throws -> [FileSummary] {
        let names = summaries.map { ($0.path as NSString).lastPathComponent }
        if replacingDirectory {
            try move(work, output)
        } else {
            for name in names + ["manifest.json"] {
                try move(
                    (work as NSString).appendingPathComponent(name), (output as NSString).appendingPathComponent(name))
            }
            try? FileManager.default.removeItem(atPath: work)
        }
        return zip(summaries, names).map { summary, name in
            var placed = summary
            placed.path = (output as NSString).appendingPathComponent(name)
            return placed
        }
    }

    private func move(_ source: String, _ target: String) throws {
        guard rename(source, target) == 0 else {
            throw FileIOError(path: target, operation: "move into place", code: errno)
        }
    }
}
