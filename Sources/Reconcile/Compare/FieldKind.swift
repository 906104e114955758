/// How the values of one field are compared: the type they are read as.
package enum FieldKind: Sendable, Hashable {
    /// Decided by the values themselves: numbers as decimals, text as text, an integer's text equal to the number,
    /// two times as instants, arrays element by element, objects member by member.
    case automatic
    /// Integers (`44190233` equals `"44190233"`); a value that is not an integer compares as exact text.
    case integer
    /// Decimal numbers (`12.50` equals `12.5`).
    case decimal
    /// ISO-8601 times as instants (`…23:00:00Z` equals `…00:00:00+01:00` of the next day).
    case instant
    /// `true`/`false` (also from the text `"true"`, `"false"`, `"1"`, `"0"`).
    case boolean
    /// Text after NFC and trimming, with the given options.
    case text(TextOptions)
    /// A set of texts (order and repeats never matter), each normalised with the given options: tags.
    case textSet(TextOptions)
    /// A set of integers: asset ids.
    case integerSet
    /// Never compared: always equal.
    case ignored
}
