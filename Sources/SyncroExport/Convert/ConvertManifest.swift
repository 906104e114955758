import Foundation
import RecordFormats

/// `manifest.json` of a converted directory: where it came from, its format, and every file it holds.
///
/// The export's own manifest is not copied: its checksums describe the other format's files. What it says of the
/// records themselves (the account, how many comments and whether ticket details were read) carries over, so that
/// a comparison reads the converted files as it reads the export.
package struct ConvertManifest: Sendable, Equatable {
    /// The input directory, as given.
    package var convertedFrom: String
    package var format: ExportFormat
    package var files: [FileSummary]
    /// `subdomain`, `comments` and `details` of the input's manifest, when it has them.
    package var carried: [(String, JSONValue)] = []

    package init(convertedFrom: String, format: ExportFormat, files: [FileSummary]) {
        self.convertedFrom = convertedFrom
        self.format = format
        self.files = files
        let manifest = (try? Data(contentsOf: URL(fileURLWithPath: convertedFrom + "/manifest.json")))
            .flatMap { try? JSONValue.parse(Array($0)) }?.objectValue
        for key in ["subdomain", "comments", "details"] {
            if let value = manifest?[key], !value.isNull { carried.append((key, value)) }
        }
    }

    package static func == (lhs: ConvertManifest, rhs: ConvertManifest) -> Bool {
        lhs.convertedFrom == rhs.convertedFrom && lhs.format == rhs.format && lhs.files == rhs.files
            && lhs.carried.elementsEqual(rhs.carried) { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    package var json: JSONValue {
        var object: JSONObject = ["converted_from": .string(convertedFrom)]
        for (key, value) in carried { object[key] = value }
        object["format"] = .string(format.rawValue)
        object["files"] = .array(
            files.map { file in
                [
                    "name": .string((file.path as NSString).lastPathComponent), "records": .int(file.records),
                    "bytes": .int(file.bytes), "sha256": .string(file.sha256),
                ]
            })
        return .object(object)
    }

    /// Writes the manifest atomically (temporary name, then rename).
    package func write(to path: String) throws {
        try AtomicFileWriter.write(json.serialized(pretty: true) + "\n", to: path)
    }
}
