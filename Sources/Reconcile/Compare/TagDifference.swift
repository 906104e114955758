/// The difference of two tag lists as sets of names compared with `options` (case-insensitive by default).
///
/// Keeps the names as each side writes them, in each side's order, so messages show `VIP` rather than `vip`.
package struct TagDifference: Sendable, Hashable {
    /// Expected names the current list lacks.
    package var missing: [String]
    /// Current names that are not expected.
    package var extra: [String]

    package init(expected: [String], current: [String], options: TextOptions = .caseInsensitive) {
        let expectedKeys = Set(expected.map { FieldComparison.normalize($0, options) })
        let currentKeys = Set(current.map { FieldComparison.normalize($0, options) })
        missing = Self.unique(expected, options).filter {
            !currentKeys.contains(FieldComparison.normalize($0, options))
        }
        extra = Self.unique(current, options).filter { !expectedKeys.contains(FieldComparison.normalize($0, options)) }
    }

    /// Whether both lists hold the same set of names.
    package var isEmpty: Bool { missing.isEmpty && extra.isEmpty }

    private static func unique(_ names: [String], _ options: TextOptions) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert(FieldComparison.normalize($0, options)).inserted }
    }
}
