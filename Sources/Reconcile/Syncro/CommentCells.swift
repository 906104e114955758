import RecordFormats
import SyncroExport

/// The cells of a comments CSV row that `SyncroRecords` reads, taken straight from the row's bytes.
///
/// Each reading gives what the decoded record's value would (`CSVRecordDecoder`, then `intValue`,
/// `FieldComparison.boolean`, `stringValue`): the usual forms (plain digits in a number column, `true` or `false`
/// in a flag column, a text column's bytes) are read here, anything else through the decoder's own reading.
struct CommentCells {
    /// A body cell: absent or empty, text the decoder made of it, or the row's field to read the bytes of.
    enum Body {
        case none
        case string(String)
        case field(Int)
    }

    private static let trueCell = Array("true".utf8)
    private static let falseCell = Array("false".utf8)

    let decoder: CSVRecordDecoder
    let id: Int?
    let ticketID: Int?
    let body: Int?
    let hidden: Int?
    let userID: Int?

    init(decoder: CSVRecordDecoder) {
        self.decoder = decoder
        id = decoder.columnIndex(ofKey: "id")
        ticketID = decoder.columnIndex(ofKey: "ticket_id")
        body = decoder.columnIndex(ofKey: "body")
        hidden = decoder.columnIndex(ofKey: "hidden")
        userID = decoder.columnIndex(ofKey: "user_id")
    }

    /// The flag in column `index`, as `FieldComparison.boolean` of the record's value gives it; false when there
    /// is none.
    func boolean(_ index: Int?, of row: CSVRawRow) -> Bool {
        guard let index, index < row.count else { return false }
        let range = row.range(of: index)
        guard !range.isEmpty else { return false }
        if decoder.columns[index].kind == .boolean {
            let cell = row.bytes[range]
            if cell.elementsEqual(Self.trueCell) { return true }
            if cell.elementsEqual(Self.falseCell) { return false }
        }
        return FieldComparison.boolean(decoder.value(ofColumn: index, cell: row.string(index))) ?? false
    }

    /// The body of a row.
    func body(of row: CSVRawRow) -> Body {
        guard let index = body, index < row.count, !row.range(of: index).isEmpty else { return .none }
        if decoder.columns[index].kind == .text { return .field(index) }
        return decoder.value(ofColumn: index, cell: row.string(index)).stringValue.map(Body.string) ?? .none
    }
}

extension CSVRecordDecoder {
    /// The integer in column `index`, as `intValue` of the record's value gives it.
    func integer(at index: Int?, of row: CSVRawRow) -> Int? {
        guard let index, index < row.count else { return nil }
        let range = row.range(of: index)
        guard !range.isEmpty else { return nil }
        // An optional minus and up to 18 digits: `Int(text)` of a number or a string, and never overflows.
        if columns[index].kind == .number, range.count <= 18 {
            let value = row.bytes.withUnsafeBufferPointer { bytes -> Int? in
                var position = range.lowerBound
                let negative = bytes[position] == UInt8(ascii: "-")
                if negative { position += 1 }
                guard position < range.upperBound else { return nil }
                var value = 0
                while position < range.upperBound {
                    let digit = bytes[position] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                    position += 1
                }
                return negative ? -value : value
            }
            if let value { return value }
        }
        return value(ofColumn: index, cell: row.string(index)).intValue
    }
}
