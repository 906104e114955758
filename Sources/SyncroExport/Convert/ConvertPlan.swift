import Foundation
import SyncroCatalog

/// What a conversion will read and write, decided from the paths and the file system before any file is opened.
package enum ConvertPlan: Sendable, Equatable {
    /// One export file to convert.
    package struct Job: Sendable, Equatable {
        package var input: String
        package var inputFormat: ExportFormat
        package var entity: ExportEntity
        package var output: String
        package var outputFormat: ExportFormat
    }

    /// One file into one file (or into a file inside an existing directory).
    case file(Job)
    /// Every export file of `input` into the directory `output`, with its own `manifest.json`; job outputs are
    /// bare file names inside `output`.
    case directory(input: String, output: String, format: ExportFormat, jobs: [Job])

    /// Decides what to convert: the formats come from the extensions (or `--format`), the entity from the name.
    package static func make(_ options: ConvertOptions) throws(ConvertError) -> ConvertPlan {
        let files = FileManager.default
        var inputIsDirectory: ObjCBool = false
        guard files.fileExists(atPath: options.input, isDirectory: &inputIsDirectory) else {
            throw .inputMissing(options.input)
        }
        var outputIsDirectory: ObjCBool = false
        let outputExists = files.fileExists(atPath: options.output, isDirectory: &outputIsDirectory)
        let outputIsFolder =
            outputIsDirectory.boolValue || options.output.hasSuffix("/")
            || (!outputExists && (options.output as NSString).pathExtension.isEmpty)

        if inputIsDirectory.boolValue {
            if SnapshotSniffer.isSnapshotDirectory(options.input) { throw .snapshotInput(options.input) }
            guard outputIsFolder else { throw .directoryIntoFile(input: options.input, output: options.output) }
            guard let format = options.format else { throw .formatRequired(options.output) }
            if samePath(options.input, options.output) { throw .sameLocation(options.output) }
            return .directory(
                input: options.input, output: options.output, format: format,
                jobs: try directoryJobs(options.input, format: format))
        }

        guard let inputName = ExportFileName(path: options.input) else { throw .unknownExtension(options.input) }
        if SnapshotSniffer.isSnapshotFile(options.input, format: inputName.format) {
            throw .snapshotInput(options.input)
        }
        if outputIsFolder {
            guard let format = options.format else { throw .formatRequired(options.output) }
            guard let entity = inputName.entity else { throw .unknownEntity(options.input) }
            let output = (options.output as NSString).appendingPathComponent(inputName.renamed(to: format))
            if samePath(options.input, output) { throw .sameLocation(output) }
            guard outputIsDirectory.boolValue else { throw .outputDirectoryMissing(options.output) }
            return .file(
                Job(
                    input: options.input, inputFormat: inputName.format, entity: entity, output: output,
                    outputFormat: format))
        }
        guard let outputName = ExportFileName(path: options.output) else { throw .unknownExtension(options.output) }
        if let format = options.format, format != outputName.format {
            throw .formatConflict(options.output, format: format)
        }
        let entity: ExportEntity
        switch (inputName.entity, outputName.entity) {
        case (let named?, let other?) where named != other:
            throw .entityMismatch(
                input: options.input, inputEntity: named, output: options.output, outputEntity: other)
        case (let named?, _), (nil, let named?):
            entity = named
        case (nil, nil):
            throw .unknownEntity(options.input)
        }
        if samePath(options.input, options.output) { throw .sameLocation(options.output) }
        try requireDirectory(of: options.output)
        return .file(
            Job(
                input: options.input, inputFormat: inputName.format, entity: entity, output: options.output,
                outputFormat: outputName.format))
    }

    /// The export files of a directory, in entity order; hidden files, sub-directories, `manifest.json` and
    /// names that name no entity are left alone.
    private static func directoryJobs(_ directory: String, format: ExportFormat) throws(ConvertError) -> [Job] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var jobs: [Job] = []
        var sources: [String: String] = [:]
        for name in names where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let fileName = ExportFileName(path: name), let entity = fileName.entity
            else { continue }
            let output = fileName.renamed(to: format)
            if let first = sources[output] { throw .duplicateOutput(directory, first: first, second: name) }
            sources[output] = name
            jobs.append(
                Job(input: path, inputFormat: fileName.format, entity: entity, output: output, outputFormat: format))
        }
        guard !jobs.isEmpty else { throw .noExportFiles(directory) }
        return jobs.enumerated().sorted { lhs, rhs in
            lhs.element.entity != rhs.element.entity ? lhs.element.entity < rhs.element.entity : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Refuses an output path whose directory does not exist (the temporary file goes beside it).
    private static func requireDirectory(of path: String) throws(ConvertError) {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard directory.isEmpty || FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            directory.isEmpty || isDirectory.boolValue
        else { throw .outputDirectoryMissing(directory) }
    }

    /// Whether two paths name the same file or directory (after `.`/`..` and symbolic links).
    private static func samePath(_ lhs: String, _ rhs: String) -> Bool {
        func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return canonical(lhs) == canonical(rhs)
    }
}
