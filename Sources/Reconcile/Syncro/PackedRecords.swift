import RecordFormats

/// Records by Syncro id, each held as packed bytes (`JSONValue.pack`) and unpacked when read.
///
/// A million tickets as `JSONObject` trees take about a gigabyte, mostly in small heap objects (a string, an
/// array, a nested object each); packed, a ticket is one run of bytes in a shared 1 MiB chunk. Records whose keys
/// are exactly `template` (a ticket with every kept field) store only their values and share the template's
/// keys when read. Reading costs an unpacking, so callers read a record once per use.
package struct PackedRecords: Sendable {
    /// Where a record's bytes are: chunk index in the high 32 bits, offset in the low 32.
    private var locations: [Int: UInt64] = [:]
    private var chunks: [[UInt8]] = []
    private let template: [String]
    /// The buffer `append` packs a record into.
    private var scratch: [UInt8] = []

    private static let chunkSize = 1 << 20
    /// The first byte of a record: its keys are the template's, or written out.
    private static let templateMarker: UInt8 = 1
    private static let objectMarker: UInt8 = 0

    /// No records; records whose keys are `template`, in order, are stored without their keys.
    package init(template: [String] = []) {
        self.template = template
    }

    package var count: Int { locations.count }
    package var isEmpty: Bool { locations.isEmpty }
    /// The ids of the records, in no particular order.
    package var ids: Dictionary<Int, UInt64>.Keys { locations.keys }

    /// The record of `id`. Setting packs a copy (a replaced record's old bytes stay unused until the store goes).
    package subscript(id: Int) -> JSONObject? {
        get { locations[id].flatMap(record) }
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

    private func record(at location: UInt64) -> JSONObject? {
        let chunkIndex = Int(location >> 32)
        var offset = Int(location & 0xFFFF_FFFF)
        return chunks[chunkIndex].withUnsafeBufferPointer { bytes -> JSONObject? in
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
}

extension PackedRecords: Sequence {
    package struct Iterator: IteratorProtocol {
        fileprivate let records: PackedRecords
        fileprivate var locations: Dictionary<Int, UInt64>.Iterator

        package mutating func next() -> (id: Int, record: JSONObject)? {
            while let (id, location) = locations.next() {
                if let record = records.record(at: location) { return (id, record) }
            }
            return nil
        }
    }

    package func makeIterator() -> Iterator { Iterator(records: self, locations: locations.makeIterator()) }
}
