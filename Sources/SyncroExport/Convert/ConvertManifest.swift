import Foundation
import RecordFormats

/// `manifest.json` of a converted directory: where it came from, its format, and every file it holds.
///
/// The export's own manifest is not copied: its checksums describe the other format's files.
package struct ConvertManifest: Sendable, Equatable {
    /// The input directory, as given.
    package var convertedFrom: String
    package var format: ExportFormat
    package var files: [FileSummary]

    package init(convertedFrom: String, format: ExportFormat, files: [FileSummary]) {
        self.convertedFrom = convertedFrom
        self.format = format
        self.files = files
    }

    package var json: JSONValue {
        [
            "converted_from": .string(convertedFrom),
            "format": .string(format.rawValue),
            "files": .array(
                files.map { file in
                    [
                        "name": .string((file.path as NSString).lastPathComponent), "records": .int(file.records),
                        "bytes": .int(file.bytes), "sha256": .string(file.sha256),
                    ]
                }),
        ]
    }

    /// Writes the manifest atomically (temporary name, then rename).
    package func write(to path: String) throws {
        try AtomicFileWriter.write(json.serialized(pretty: true) + "\n", to: path)
    }
}
