import ArgumentParser

/// The value of a `--rate-limit N` option: a whole number of requests a minute within a range.
///
/// The options that take it are declared with `parsing: .unconditional` and as text, so that `--rate-limit -5` or
/// `--rate-limit ten` reach this check and get the range, rather than ArgumentParser's "Missing value" or "invalid".
enum RequestsPerMinute {
    /// The number in `text`, or a usage error that states the allowed range.
    static func parse(_ text: String, range: ClosedRange<Int>) throws(ValidationError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError(
                "--rate-limit must be a whole number of requests a minute between \(range.lowerBound) and "
                    + "\(range.upperBound) (got \"\(text)\").")
        }
        return value
    }
}
