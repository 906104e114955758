import RecordFormats

/// Records by Syncro id, each held as packed bytes (`JSONValue.pack`) and unpacked when read, or read back from a
/// CSV tickets file (`TicketRowFile`).
///
/// A million tickets as `JSONObject` trees take about a gigabyte, mostly in small heap objects (a string, an
/// array, a nested object each); packed, a ticket is one run of bytes in a shared 1 MiB chunk. Records whose keys
/// are exactly `template` (a ticket with every kept field) store only their values and share the template's
/// keys when read. A record stored by its row in a file holds no bytes here at all: where the row starts, and its
/// line. Reading costs an unpacking (and for a row, reading and packing it), so callers read a record once per use.
package struct PackedRecords: Sendable {
    /// Where a record is. In memory: chunk index in the high 32 bits, offset in the low 32. In the row file
    /// (`rowBit` set): the row's byte offset in the 36 bits above the lowest 27, and its line in those.
    private var locations = IDTable<UInt64>()
    private var chunks: [[UInt8]] = []
    private let template: [String]
    /// The buffer `append` packs a record into.
    private var scratch: [UInt8] = []
    /// The file whose rows the records marked with `rowBit` are read back from.
    private var rowFile: TicketRowFile?

    private static let chunkSize = 1 << 20
    /// The first byte of a record: its keys are the template's, or written out.
    private static let templateMarker: UInt8 = 1
    private static let objectMarker: UInt8 = 0
    private static let rowBit: UInt64 = 1 << 63
    private static let lineBits = 27
    private static let offsetBits = 36

    /// No records; records whose keys are `template`, in order, are stored without their keys.
    package init(template: [String] = []) {
        self.template = template
    }

    package var count: Int { locations.count }
    package var isEmpty: Bool { locations.isEmpty }
    /// The ids of the records: ascending when they were stored so (as an export lists them), else in no particular
    /// order.
    package var ids: IntColumn { locations.keys }
    /// Where `id` is among the ids in ascending order (from 0 to `count - 1`) while records were stored in that
    /// order, as an export lists them; nil when it is absent or they were not.
    package func ordinal(of id: Int) -> Int? { locations.ordinal(of: id) }
    /// The first row of the row file that did not read back as the record stored from it, if any did not.
    package var rowFailure: RecordFileError? { rowFile?.failure }

    /// The record of `id`. Setting packs a copy (a replaced record's old bytes stay unused until the store goes).
    package subscript(id: Int) -> JSONObject? {
        get { locations[id].flatMap { record(id, at: $0) } }
        set {
            guard let newValue else {
                locations[id] = nil
                return
            }
            locations[id] = append(newValue)
        }
    }

    /// Stores as the record of `id` the record whose keys are the template's and whose values `pack` appends to
    /// the bytes it is given, each packed (`JSONValue.pack(into:)`), in template order: for a caller that packs
    /// values straight from what it reads, without making a `JSONObject`.
    package mutating func setValues(of id: Int, packing pack: (inout [UInt8]) -> Void) {
        precondition(!template.isEmpty, "records without a template are stored whole")
        locations[id] = append { bytes in
            bytes.append(Self.templateMarker)
            pack(&bytes)
        }
    }

    /// Stores as the record of `id` the kept-ticket record of the row of `file` that starts at byte `offset` on
    /// `line`, to be read back from the file when asked for (`TicketRowFile`); the records of one store come from
    /// one file. A row too far into the file to note is packed now instead, by `pack` as for `setValues`.
    mutating func setRow(
        of id: Int, in file: TicketRowFile, at offset: Int, line: Int, packing pack: (inout [UInt8]) -> Void
    ) {
        precondition(rowFile.map { $0 === file } ?? true, "one store reads back the rows of one file")
        guard offset >= 0, offset < 1 << Self.offsetBits, line >= 0, line < 1 << Self.lineBits else {
            return setValues(of: id, packing: pack)
        }
        rowFile = file
        locations[id] = Self.rowBit | UInt64(offset) << Self.lineBits | UInt64(line)
    }

    private mutating func append(_ record: JSONObject) -> UInt64 {
        let template = template
        return append { bytes in
            if !template.isEmpty, record.keys == template {
                bytes.append(Self.templateMarker)
                for value in record.values { value.pack(into: &bytes) }
            } else {
                bytes.append(Self.objectMarker)
                JSONValue.object(record).pack(into: &bytes)
            }
        }
    }

    /// Stores the bytes `pack` writes in the last chunk (a new one when they do not fit); returns where they are.
    private mutating func append(_ pack: (inout [UInt8]) -> Void) -> UInt64 {
        // Packed into a buffer kept from record to record (emptied, its capacity kept), then copied to its chunk.
        var bytes: [UInt8] = []
        swap(&bytes, &scratch)
        bytes.removeAll(keepingCapacity: true)
        defer { swap(&bytes, &scratch) }
        pack(&bytes)
        if chunks.isEmpty || chunks[chunks.count - 1].count + bytes.count > Self.chunkSize {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(Swift.max(Self.chunkSize, bytes.count))
            chunks.append(chunk)
        }
        let chunkIndex = chunks.count - 1
        let offset = chunks[chunkIndex].count
        chunks[chunkIndex].append(contentsOf: bytes)
        return UInt64(chunkIndex) << 32 | UInt64(offset)
    }

    private func record(_ id: Int, at location: UInt64) -> JSONObject? {
        if location & Self.rowBit != 0 {
            guard let rowFile else { return nil }
            var bytes = [Self.templateMarker]
            let offset = Int((location & ~Self.rowBit) >> Self.lineBits)
            let line = Int(location & (1 << Self.lineBits - 1))
            guard rowFile.pack(ticket: id, rowAt: offset, line: line, into: &bytes) else { return nil }
            return bytes.withUnsafeBufferPointer { unpack($0, at: 0) }
        }
        let chunkIndex = Int(location >> 32)
        return chunks[chunkIndex].withUnsafeBufferPointer { unpack($0, at: Int(location & 0xFFFF_FFFF)) }
    }

    /// The record packed at `offset` in `bytes`.
    private func unpack(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> JSONObject? {
        var offset = offset
        guard offset < bytes.count else { return nil }
        let marker = bytes[offset]
        offset += 1
        guard marker == Self.templateMarker else {
            guard case .object(let object)? = JSONValue.unpack(bytes, at: &offset) else { return nil }
            return object
        }
        var values: [JSONValue] = []
        values.reserveCapacity(template.count)
        for _ in template {
            guard let value = JSONValue.unpack(bytes, at: &offset) else { return nil }
            values.append(value)
        }
        return JSONObject(keys: template, values: values)
    }
}

extension PackedRecords: Sequence {
    package struct Iterator: IteratorProtocol {
        fileprivate let records: PackedRecords
        fileprivate var ids: IndexingIterator<IntColumn>

        package mutating func next() -> (id: Int, record: JSONObject)? {
            while let id = ids.next() {
                if let record = records[id] { return (id, record) }
            }
            return nil
        }
    }

    package func makeIterator() -> Iterator { Iterator(records: self, ids: ids.makeIterator()) }
}
