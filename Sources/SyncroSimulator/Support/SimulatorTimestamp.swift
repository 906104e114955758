import Foundation

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
        let days = Int(milliseconds.floorDivided(by: 86_400_000))
        let msOfDay = Int(milliseconds - Int64(days) * 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        append(msOfDay / 3_600_000, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(msOfDay / 60_000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(msOfDay / 1000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(msOfDay % 1000, width: 3, to: &bytes)
        bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The API form of a wall-clock date, truncated to milliseconds.
    package static func format(_ date: Date) -> String {
        format(milliseconds: milliseconds(of: date))
    }

    /// The milliseconds since 1970 of `date`.
    package static func milliseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    package static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    package static func civil(fromDays count: Int) -> (year: Int, month: Int, day: Int) {
        let z = count + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        var index = width - 1
        while index >= 0 {
            digits[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        bytes.append(contentsOf: digits)
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
