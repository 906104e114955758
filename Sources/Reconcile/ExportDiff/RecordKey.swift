/// What identifies a record of an export across two runs: its `id`, or for records without one (tags) the text
/// of their identifying fields.
package struct RecordKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The integer id, when the record has one.
    package var id: Int?
    /// The id's text, or the identifying fields joined by spaces.
    package var text: String

    package init(id: Int) {
        self.id = id
        text = String(id)
    }

    package init(text: String) {
        id = Int(text)
        self.text = text
    }

    package var description: String { text }

    /// Integer ids in numeric order, before other keys in text order.
    package static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        switch (lhs.id, rhs.id) {
        case (let left?, let right?): left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.text < rhs.text
        }
    }
}
