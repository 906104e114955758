import RecordFormats
import SyncroExport

/// The cells of a tickets CSV row that `SyncroRecords` keeps, packed straight from the row's bytes into
/// `PackedRecords` as the values of a kept-ticket record.
///
/// What is packed is what packing the record `CSVRecordDecoder` makes would give: an empty cell is null, a text
/// cell a string, a number cell a number when it is a JSON number literal and a string otherwise, custom fields
/// an object of the non-empty `properties.NAME` cells in header order; list cells other than `[]` go through the
/// decoder. Only a header with a column for every kept field (and no `comments` column, whose embedded comments
/// the record path adds) is read this way.
struct TicketCells {
    /// A kept field's source: a column, or the `properties` object.
    private enum Source {
        case column(Int)
        case properties
    }

    let decoder: CSVRecordDecoder
    let id: Int
    let customerID: Int?
    let customerTagList: Int?
    private let kept: [Source]
    /// The `properties.NAME` columns, in header order, with the UTF-8 bytes of NAME.
    private let properties: [(column: Int, key: [UInt8])]

    /// `[]` packed (`JSONValue.pack(into:)`), for the common empty list cell.
    private static let emptyArray: [UInt8] = {
        var bytes: [UInt8] = []
        JSONValue.array([]).pack(into: &bytes)
        return bytes
    }()

    /// Nil when the header lacks a kept field's column or has a `comments` column.
    init?(decoder: CSVRecordDecoder, keptFields: [String]) {
        guard let id = decoder.columnIndex(ofKey: "id"), decoder.columnIndex(ofKey: "comments") == nil else {
            return nil
        }
        var kept: [Source] = []
        for key in keptFields {
            if key == "properties" {
                kept.append(.properties)
            } else if let column = decoder.columnIndex(ofKey: key) {
                kept.append(.column(column))
            } else {
                return nil
            }
        }
        self.decoder = decoder
        self.id = id
        self.kept = kept
        customerID = decoder.columnIndex(ofKey: "customer_id")
        customerTagList = decoder.columnIndex(ofKey: "customer_tag_list")
        properties = decoder.columns.indices.compactMap { index in
            decoder.columns[index].isProperty ? (index, Array(decoder.columns[index].key.utf8)) : nil
        }
    }

    /// The organization tags of a row's `customer_tag_list` cell, as the record's value gives them.
    func customerTags(of row: CSVRawRow) -> [String]? {
        guard let index = customerTagList, index < row.count, !row.range(of: index).isEmpty else { return nil }
        return decoder.value(ofColumn: index, cell: row.string(index)).arrayValue?.compactMap(\.stringValue)
    }

    /// Appends the kept fields' values of `row` to `bytes`, each packed, in kept order.
    func pack(_ row: CSVRawRow, into bytes: inout [UInt8]) {
        for source in kept {
            switch source {
            case .column(let index):
                pack(column: index, of: row, into: &bytes)
            case .properties:
                var count = 0
                for (column, _) in properties where column < row.count && !row.range(of: column).isEmpty {
                    count += 1
                }
                JSONValue.packObjectStart(count: count, into: &bytes)
                for (column, key) in properties where column < row.count && !row.range(of: column).isEmpty {
                    JSONValue.packKey(utf8: key, into: &bytes)
                    pack(column: column, of: row, into: &bytes)
                }
            }
        }
    }

    /// Appends the packed value of cell `index` of `row` (a record would lack a column past the row's end: the
    /// reader refuses such rows, so there it is null).
    private func pack(column index: Int, of row: CSVRawRow, into bytes: inout [UInt8]) {
        guard index < row.count else { return JSONValue.packNull(into: &bytes) }
        let range = row.range(of: index)
        guard !range.isEmpty else { return JSONValue.packNull(into: &bytes) }
        row.bytes.withUnsafeBufferPointer { buffer in
            let cell = UnsafeBufferPointer(rebasing: buffer[range])
            switch decoder.columns[index].kind {
            case .text:
                JSONValue.packString(utf8: cell, into: &bytes)
            case .number where CSVRecordDecoder.isJSONNumber(utf8: cell):
                JSONValue.packNumber(utf8: cell, into: &bytes)
            case .number:
                JSONValue.packString(utf8: cell, into: &bytes)
            case .boolean, .json:
                if cell.elementsEqual(Self.emptyList) {
                    bytes.append(contentsOf: Self.emptyArray)
                } else {
                    decoder.value(ofColumn: index, cell: row.string(index)).pack(into: &bytes)
                }
            }
        }
    }

    private static let emptyList = Array("[]".utf8)
}
