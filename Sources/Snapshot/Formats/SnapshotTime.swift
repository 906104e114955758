import Foundation
import RecordFormats

/// Writes snapshot times: UTC with `Z`, whole seconds without a fraction, otherwise milliseconds.
///
/// Rounding to the nearest millisecond (rather than truncating) makes write → read → write stable, since parsing
/// `.034` may give an instant a hair below 34 ms.
enum SnapshotTime {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let text = Timestamp.format(milliseconds: milliseconds)
        return milliseconds % 1000 == 0 ? String(text.dropLast(5)) + "Z" : text
    }
}
