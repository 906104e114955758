/// What a `CSVReader` does with a row whose field count differs from the header's.
package enum CSVFieldCountPolicy: Sendable, Hashable {
    /// Throw a `RecordFileError` (`csv.extra-column` or `csv.missing-column`).
    case error
    /// Return the row as it is and add the problem to the reader's `diagnostics`.
    case report
}
