import Foundation
import RecordFormats

/// Times in reports: UTC with `Z`, whole seconds without a fraction, otherwise milliseconds.
enum ReportTime {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let text = Timestamp.format(milliseconds: milliseconds)
        return milliseconds % 1000 == 0 ? String(text.dropLast(5)) + "Z" : text
    }
}
