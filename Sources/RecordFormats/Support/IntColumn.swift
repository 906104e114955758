/// A column of integers, held as 32-bit differences from its first value while every value is within 2^31 of it
/// (ids and user ids of one account are), else as `Int`s: half the memory of `[Int]` in the usual case.
package struct IntColumn: Sendable, RandomAccessCollection {
    private var base = 0
    private var narrow: [Int32] = []
    /// Every value, once one did not fit in `narrow`; `narrow` is then emptied.
    private var wide: [Int]?

    package var startIndex: Int { 0 }
    package var endIndex: Int { wide?.count ?? narrow.count }

    package subscript(index: Int) -> Int {
        get {
            if let wide { return wide[index] }
            return base + Int(narrow[index])
        }
        set {
            if wide != nil {
                wide?[index] = newValue
            } else if let difference = difference(newValue) {
                narrow[index] = difference
            } else {
                widen()
                wide?[index] = newValue
            }
        }
    }

    package init() {}

    package mutating func append(_ value: Int) {
        if narrow.isEmpty, wide == nil { base = value }
        if wide != nil {
            wide?.append(value)
        } else if let difference = difference(value) {
            narrow.append(difference)
        } else {
            widen()
            wide?.append(value)
        }
    }

    /// Where `value` is in the column, which must be ascending, by binary search; nil when it is not there.
    package func position(ofAscending value: Int) -> Int? {
        if let wide { return Self.position(of: value, in: wide) }
        // The differences ascend as the values do; a value with no difference in 32 bits is not among them.
        guard let difference = difference(value) else { return nil }
        return Self.position(of: difference, in: narrow)
    }

    private static func position<Element: BinaryInteger>(of value: Element, in sorted: [Element]) -> Int? {
        sorted.withUnsafeBufferPointer { sorted in
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low < sorted.count && sorted[low] == value ? low : nil
        }
    }

    /// `value - base` when it fits in 32 bits.
    private func difference(_ value: Int) -> Int32? {
        let (difference, overflow) = value.subtractingReportingOverflow(base)
        return overflow ? nil : Int32(exactly: difference)
    }

    private mutating func widen() {
        let base = base
        wide = narrow.map { base + Int($0) }
        narrow = []
    }
}
