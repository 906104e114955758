import Foundation
import RecordFormats

/// Times and durations in plan files.
enum PlanTime {
    /// UTC with `Z` and milliseconds, so a plan read back has the same `created_at` to the millisecond.
    static func format(_ date: Date) -> String {
        Timestamp.format(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Seconds with one decimal, as a JSON number literal.
    static func seconds(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
