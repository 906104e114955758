import Foundation
import Logging
import RecordFormats

/// Writes log lines to stderr as `warning: message` text or one JSON object per line.
struct StderrLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, json: Bool) {
        self.label = label
        self.json = json
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line: String
        if json {
            var object: JSONObject = [
                "time": .string(Timestamp.format(Date())), "level": .string(event.level.rawValue),
                "message": .string("\(event.message)"),
            ]
            for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
                object[key] = .string("\(value)")
            }
            line = JSONValue.object(object).serialized()
        } else {
            line = event.level >= .warning ? "\(event.level): \(event.message)" : "\(event.message)"
        }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
