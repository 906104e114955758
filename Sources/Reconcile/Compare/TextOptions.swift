/// How two texts are made comparable before they are compared.
///
/// Every text is put in Unicode NFC and trimmed; these options add more. A leading zero is never touched:
/// `"02116"` and `"2116"` stay different whatever the options.
package struct TextOptions: Sendable, Hashable {
    /// Compare without regard to case (`Contoso` equals `contoso`): e-mail addresses, tag names.
    package var foldCase: Bool
    /// Collapse every run of white space to one space before comparing.
    package var foldWhitespace: Bool
    /// Treat an empty (or all white space) text as null, since CSV cannot tell them apart.
    package var emptyIsNull: Bool

    package init(foldCase: Bool = false, foldWhitespace: Bool = false, emptyIsNull: Bool = true) {
        self.foldCase = foldCase
        self.foldWhitespace = foldWhitespace
        self.emptyIsNull = emptyIsNull
    }

    /// NFC and trimming only: case and inner white space count.
    package static let exact = TextOptions()
    /// NFC, trimming and case folding.
    package static let caseInsensitive = TextOptions(foldCase: true)
}
