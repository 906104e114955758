/// What `syncro-fusion convert IN OUT` was asked to do.
package struct ConvertOptions: Sendable {
    /// An export file (`tickets.csv`) or an export directory.
    package var input: String
    /// A file whose extension gives the format, or a directory (with `format`).
    package var output: String
    /// The output format; required when `output` is a directory or has no extension.
    package var format: ExportFormat?
    /// Excel's CSV dialect for CSV output: BOM, CRLF, formula-like cells neutralised.
    package var excelCSV = false

    package init(input: String, output: String, format: ExportFormat? = nil, excelCSV: Bool = false) {
        self.input = input
        self.output = output
        self.format = format
        self.excelCSV = excelCSV
    }
}
