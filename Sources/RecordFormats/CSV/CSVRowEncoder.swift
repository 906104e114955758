/// Encodes rows as RFC 4180 CSV bytes, for the file writer and for callers that print CSV to a stream.
///
/// A field is quoted only when it contains `,`, `"`, CR or LF, and a `"` inside is doubled; nil and the empty
/// string are both written as an empty field. A row of one empty field is written as `""` so that it is not
/// mistaken for a blank line (Python's `csv` module does the same).
package struct CSVRowEncoder: Sendable {
    package let profile: CSVProfile
    /// For each column, whether plain numbers in it are exempt from formula neutralisation.
    private let numericColumns: [Bool]

    /// An encoder for rows of `columns`; `numericColumns` names the columns whose plain numbers (`-5`, `+1.5e3`)
    /// stay as they are under a neutralising profile.
    package init(profile: CSVProfile, columns: [String], numericColumns: Set<String> = []) {
        self.profile = profile
        self.numericColumns = columns.map { numericColumns.contains($0) }
    }

    /// Appends one row and its line end to `bytes`.
    package func append(_ fields: some Collection<String?>, to bytes: inout [UInt8]) {
        appendRow(fields, to: &bytes)
    }

    /// Appends one row and its line end to `bytes`: the same as the generic form, for the array every writer has.
    ///
    /// Other modules cannot specialise a generic function of this one, so they would reach every field through
    /// the collection's witness table; this overload is specialised here, once.
    package func append(_ fields: [String?], to bytes: inout [UInt8]) {
        appendRow(fields, to: &bytes)
    }

    /// Encodes the row into one scratch buffer sized for the worst case (every byte a doubled quote) and appends
    /// it to `bytes` in one copy: appending byte runs to the array one at a time checked its capacity and
    /// uniqueness for every field, which was most of the encoding time.
    @inline(__always)
    private func appendRow(_ fields: some Collection<String?>, to bytes: inout [UInt8]) {
        if fields.count == 1, (fields.first ?? nil)?.isEmpty ?? true {
            bytes.append(contentsOf: [0x22, 0x22])
            bytes.append(contentsOf: profile.lineEnding)
            return
        }
        // Per field: a separator, two quotes, a neutralising apostrophe and every byte possibly doubled.
        var bound = profile.lineEnding.count
        for field in fields { bound &+= (field?.utf8.count ?? 0) &* 2 &+ 4 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { row in
            guard let base = row.baseAddress else { return }
            var count = 0
            var index = 0
            for field in fields {
                if index > 0 {
                    base[count] = UInt8(ascii: ",")
                    count &+= 1
                }
                if let text = field, !text.isEmpty {
                    let numeric = index < numericColumns.count && numericColumns[index]
                    // Native and small strings are both contiguous UTF-8; only a bridged string is copied.
                    let written = text.utf8.withContiguousStorageIfAvailable {
                        encodeField($0, numeric: numeric, into: base, at: count)
                    }
                    if let written {
                        count = written
                    } else {
                        var copy = text
                        count = copy.withUTF8 { encodeField($0, numeric: numeric, into: base, at: count) }
                    }
                }
                index &+= 1
            }
            for byte in profile.lineEnding {
                base[count] = byte
                count &+= 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        }
    }

    /// Writes one non-empty field at `offset` of `output` (which has room for the worst case); returns the offset
    /// after it.
    @inline(__always)
    private func encodeField(
        _ utf8: UnsafeBufferPointer<UInt8>, numeric: Bool, into output: UnsafeMutablePointer<UInt8>, at offset: Int
    ) -> Int {
        guard let source = utf8.baseAddress else { return offset }
        let neutralise =
            profile.neutralisesFormulas && Self.isFormulaLike(utf8) && !(numeric && Self.isPlainNumber(utf8))
        var needsQuotes = false
        for byte in utf8 where Self.isSpecial(byte) {
            needsQuotes = true
            break
        }
        var count = offset
        if needsQuotes {
            output[count] = 0x22
            count &+= 1
        }
        if neutralise {
            output[count] = UInt8(ascii: "'")
            count &+= 1
        }
        guard needsQuotes else {
            (output + count).update(from: source, count: utf8.count)
            return count &+ utf8.count
        }
        for byte in utf8 {
            output[count] = byte
            count &+= 1
            if byte == 0x22 {
                output[count] = 0x22
                count &+= 1
            }
        }
        output[count] = 0x22
        return count &+ 1
    }

    /// `,`, `"`, CR or LF: the bytes that make a field quoted. All four are below `-`, so most bytes are decided
    /// by one comparison.
    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte <= 0x2C && (byte == 0x2C || byte == 0x22 || byte == 0x0D || byte == 0x0A)
    }

    /// Whether a spreadsheet would treat the cell as a formula: it begins with `=`, `+`, `-`, `@`, TAB or CR.
    package static func isFormulaLike(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// Whether the text is a plain decimal number: optional sign, digits, optional fraction and exponent.
    package static func isPlainNumber(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < utf8.count, utf8[index] >= 0x30, utf8[index] <= 0x39 { index += 1 }
            return index - start
        }
        if index < utf8.count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") { index += 1 }
        var count = digits()
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            count += digits()
        }
        guard count > 0 else { return false }
        if index < utf8.count, utf8[index] == UInt8(ascii: "e") || utf8[index] == UInt8(ascii: "E") {
            index += 1
            if index < utf8.count, utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == utf8.count
    }
}
