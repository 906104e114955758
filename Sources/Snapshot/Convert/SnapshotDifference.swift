/// One way a converted record differs from its original: the record, the field path and what became of it.
///
/// Found by walking both values' stored properties with `Mirror`, so it names the field without a hand-kept list
/// of every field of every record (which would drift from the model).
package struct SnapshotDifference: Sendable, Hashable, CustomStringConvertible {
    /// `ticket 88412`, `customer 902311`, `the header`.
    package var record: String
    /// `expected.userID`, `comments[0].subject`; empty for the record as a whole.
    package var path: String = ""
    /// What happened, e.g. `would read back as null instead of unmanaged`.
    package var change: String

    package var description: String {
        path.isEmpty ? "\(record) \(change)" : "\(record): \(path) \(change)"
    }

    /// `ticket 88412`, `customer 902311`, ... for messages.
    static func name(_ element: SnapshotElement) -> String {
        switch element {
        case .header: "the header"
        case .customer(let customer): "customer \(customer.syncroCustomerID)"
        case .contact(let contact): "contact \(contact.syncroContactID)"
        case .asset(let asset): "asset \(asset.syncroAssetID)"
        case .ticket(let ticket): "ticket \(ticket.partnerTicketID)"
        }
    }

    /// An element of the input with no counterpart in the output.
    static func missing(_ original: SnapshotElement) -> SnapshotDifference {
        SnapshotDifference(record: name(original), change: "is missing from the output")
    }

    /// The differences between an element and what it read back as.
    static func between(_ original: SnapshotElement, _ copy: SnapshotElement) -> [SnapshotDifference] {
        let record = name(original)
        guard SnapshotConverter.section(of: original) == SnapshotConverter.section(of: copy) else {
            return [missing(original)]
        }
        var found: [SnapshotDifference] = []
        compare(
            Mirror(reflecting: original).children.first?.value ?? original,
            Mirror(reflecting: copy).children.first?.value ?? copy, path: "", record: record, into: &found)
        if found.isEmpty { found.append(SnapshotDifference(record: record, change: "reads back differently")) }
        return found
    }

    /// Descends into structs, tuples (an enum case's payload) and equal-length arrays; reports any other unequal
    /// value at its path.
    private static func compare(
        _ lhs: Any, _ rhs: Any, path: String, record: String, into found: inout [SnapshotDifference]
    ) {
        if let left = lhs as? AnyHashable, let right = rhs as? AnyHashable, left == right { return }
        let left = Mirror(reflecting: lhs)
        let right = Mirror(reflecting: rhs)
        let descend: Bool
        switch (left.displayStyle, right.displayStyle) {
        case (.struct?, .struct?), (.tuple?, .tuple?): descend = true
        case (.collection?, .collection?): descend = left.children.count == right.children.count
        case (.optional?, .optional?): descend = !left.children.isEmpty && !right.children.isEmpty
        default: descend = false
        }
        guard descend else {
            let wrapped =
                left.displayStyle == .optional ? left.children.first.map { Mirror(reflecting: $0.value) } : nil
            let lost = wrapped?.displayStyle == .struct && right.children.isEmpty
            found.append(
                SnapshotDifference(
                    record: record, path: path,
                    change: lost ? "would be lost" : "would read back as \(describe(rhs)) instead of \(describe(lhs))"))
            return
        }
        for (index, (leftChild, rightChild)) in zip(left.children, right.children).enumerated() {
            let name: String
            switch left.displayStyle {
            case .collection?: name = "\(path)[\(index)]"
            case .optional?, .tuple?: name = path
            default:
                let label = specificationName(leftChild.label ?? "")
                name = path.isEmpty ? label : "\(path).\(label)"
            }
            compare(leftChild.value, rightChild.value, path: name, record: record, into: &found)
        }
    }

    /// The specification's name of a model property: `problemType` → `problem_type`, `assetIDs` → `asset_ids`,
    /// `bodySHA256` → `body_sha256`.
    static func specificationName(_ property: String) -> String {
        var name = ""
        var previous: Character?
        for character in property {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { name.append("_") }
            name.append(character)
            previous = character
        }
        return name.lowercased()
    }

    /// A short, readable form of a model value: `unmanaged`, `null`, `"text"`, `[a, b]`.
    private static func describe(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return "null" }
            return describe(wrapped)
        }
        if mirror.displayStyle == .enum {
            guard let payload = mirror.children.first else { return "\(value)" }
            return describe(payload.value)
        }
        if let text = value as? String { return "\"\(text)\"" }
        if mirror.displayStyle == .set || mirror.displayStyle == .collection {
            return "[" + mirror.children.map { describe($0.value) }.sorted().joined(separator: ", ") + "]"
        }
        if mirror.displayStyle == .struct { return "a different value" }
        return "\(value)"
    }
}
