import Foundation
import RecordFormats

/// Syncro timestamps as milliseconds since 1970: parsing every form clients send and formatting the API's form.
///
/// Parsing accepts `YYYY-MM-DD` (midnight UTC), `YYYY-MM-DDTHH:MM[:SS[.fff…]]` with `T` or a space, and an offset
/// of `Z`, `±HH:MM`, `±HHMM`, `±HH` or none (UTC). A `+` that a query string decoded to a space is accepted too.
/// Formatting always writes `YYYY-MM-DDTHH:MM:SS.mmmZ`, like the OpenAPI examples. Both run without Foundation
/// formatters, which are slow on Linux and would dominate generating 100,000 tickets.
package enum SimulatorTimestamp {
    /// The milliseconds since 1970 of `text`, or nil when it is not a date or timestamp.
    package static func parse(_ text: String) -> Int64? {
        var scanner = Scanner(Array(text.utf8))
        return scanner.timestamp()
    }

    /// The API form of `milliseconds` since 1970, e.g. `2019-11-04T08:59:31.034Z`.
    package static func format(milliseconds: Int64) -> String {
        Timestamp.format(milliseconds: milliseconds)
    }

    /// The API form of a wall-clock date, truncated to milliseconds.
    package static func format(_ date: Date) -> String {
        format(milliseconds: milliseconds(of: date))
    }

    /// The milliseconds since 1970 of `date`.
    package static func milliseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    package static func days(year: Int, month: Int, day: Int) -> Int {
        Timestamp.daysFromCivil(year: year, month: month, day: day)
    }

    /// A cursor over the bytes of a timestamp.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool { index >= bytes.count }

        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }

        mutating func skip(_ character: Character) -> Bool {
            guard !atEnd, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
            index += 1
            return true
        }

        mutating func timestamp() -> Int64? {
            while !atEnd, bytes[index] == UInt8(ascii: " ") { index += 1 }
            guard let year = number(digits: 4), skip("-"), let month = number(digits: 2), skip("-"),
                let day = number(digits: 2), (1...12).contains(month), (1...31).contains(day)
            else { return nil }
            var milliseconds = Int64(SimulatorTimestamp.days(year: year, month: month, day: day)) * 86_400_000
            trimTrailingSpaces()
            if atEnd { return milliseconds }
            guard skip("T") || skip("t") || skip(" ") else { return nil }
            guard let hour = number(digits: 2), skip(":"), let minute = number(digits: 2), hour < 24, minute < 60
            else { return nil }
            var second = 0
            if skip(":") {
                guard let value = number(digits: 2), value < 61 else { return nil }
                second = value
            }
            var fraction = 0
            if skip(".") || skip(",") {
                var scale = 100
                var sawDigit = false
                while !atEnd, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                    fraction += Int(bytes[index] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    sawDigit = true
                    index += 1
                }
                guard sawDigit else { return nil }
            }
            milliseconds += Int64(((hour * 60 + minute) * 60 + second) * 1000 + fraction)
            guard let offsetMinutes = offset() else { return nil }
            return milliseconds - Int64(offsetMinutes) * 60_000
        }

        mutating func trimTrailingSpaces() {
            var end = bytes.count
            while end > index, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            if end == index { index = bytes.count }
        }

        /// The UTC offset in minutes, or nil when the rest of the text is not an offset.
        mutating func offset() -> Int? {
            if atEnd { return 0 }
            if skip("Z") || skip("z") { return atEnd ? 0 : nil }
            var sign = 0
            if skip("+") {
                sign = 1
            } else if skip("-") {
                sign = -1
            } else if skip(" ") {
                if atEnd { return 0 }
                if skip("U"), skip("T"), skip("C"), atEnd { return 0 }
                // A `+` that a query string decoded to a space.
                if skip("+") || !skip("-") { sign = 1 } else { sign = -1 }
            } else {
                return nil
            }
            guard let hours = number(digits: 2) else { return nil }
            var minutes = 0
            if skip(":") {
                guard let value = number(digits: 2) else { return nil }
                minutes = value
            } else if !atEnd {
                guard let value = number(digits: 2) else { return nil }
                minutes = value
            }
            guard atEnd, hours <= 14, minutes < 60 else { return nil }
            return sign * (hours * 60 + minutes)
        }
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
