/// One CSV record: its fields and the 1-based line where it starts (a quoted field may span lines).
package struct CSVRow: Sendable, Hashable {
    package var fields: [String]
    package var line: Int

    package init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// One CSV record with its fields still as bytes: `CSVReader.nextRawRow()` checked them as UTF-8 but made no
/// strings, so a caller that reads a few cells (or reads numbers and flags straight from the bytes) pays for
/// those only.
package struct CSVRawRow: Sendable {
    /// The fields' bytes, one after the other.
    package let bytes: [UInt8]
    /// Where each field ends in `bytes`: field `i` is `bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]`.
    private let ends: [Int]
    /// The 1-based line where the record starts.
    package let line: Int

    init(bytes: [UInt8], ends: [Int], line: Int) {
        self.bytes = bytes
        self.ends = ends
        self.line = line
    }

    /// The number of fields.
    package var count: Int { ends.count }

    /// Where field `index` is in `bytes`.
    package func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Field `index` as a string (its bytes are valid UTF-8).
    package func string(_ index: Int) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[range(of: index)]), as: UTF8.self)
        }
    }

    /// Every field as a string.
    package var strings: [String] {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            return ends.map { end in
                defer { start = end }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
            }
        }
    }
}
