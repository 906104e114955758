/// How a CSV file is laid out: byte-order mark, line ends, and whether formula-like cells are neutralised.
///
/// `.standard` is plain RFC 4180 with LF line ends, byte-identical to Python's `csv` module with
/// `lineterminator="\n"`. `.excel` is for files people open in a spreadsheet: a UTF-8 byte-order mark (so Excel
/// reads UTF-8), CRLF line ends, and formula neutralisation (see `neutralisesFormulas`).
package struct CSVProfile: Sendable, Hashable {
    /// Whether the file starts with the UTF-8 byte-order mark `EF BB BF`.
    package var writesByteOrderMark: Bool
    /// The row terminator: LF or CRLF.
    package var lineEnding: [UInt8]
    /// Whether a cell that begins with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`.
    ///
    /// Spreadsheets run such cells as formulas, so a ticket subject like `=HYPERLINK(...)` could execute when a
    /// user opens the export (CSV injection). The `'` makes the cell text; Excel hides it, but other readers see
    /// it, so the file no longer round-trips those cells exactly. The trade-off: negative numbers (`-5`) would
    /// become text too, so columns the caller marks numeric keep values that are plain numbers unchanged, and
    /// still neutralise anything else. Leave this off for files that feed programs.
    package var neutralisesFormulas: Bool

    package init(writesByteOrderMark: Bool, lineEnding: [UInt8], neutralisesFormulas: Bool) {
        self.writesByteOrderMark = writesByteOrderMark
        self.lineEnding = lineEnding
        self.neutralisesFormulas = neutralisesFormulas
    }

    /// RFC 4180 fields, LF line ends, no byte-order mark, no neutralisation: lossless.
    package static let standard = CSVProfile(
        writesByteOrderMark: false, lineEnding: [0x0A], neutralisesFormulas: false)

    /// For spreadsheets: UTF-8 byte-order mark, CRLF line ends, formula-like cells neutralised with a leading `'`.
    package static let excel = CSVProfile(
        writesByteOrderMark: true, lineEnding: [0x0D, 0x0A], neutralisesFormulas: true)
}
