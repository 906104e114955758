/// One event of an XML document as `XMLEventReader` yields it.
package enum XMLEvent: Sendable, Hashable {
    /// An element opens; an empty element (`<a/>`) is followed at once by its `endElement`.
    case startElement(XMLStartElement)
    /// Character data (text, CDATA or white space), entities and character references already decoded.
    case text(String)
    /// An element closes.
    case endElement(name: String)
}

/// An element's start: its name, attributes in document order and where it is.
package struct XMLStartElement: Sendable, Hashable {
    package var name: String
    package var attributes: [(name: String, value: String)]
    /// 1-based line of the start tag.
    package var line: Int
    /// 1-based column, when libxml2's parser position is still on the start tag's line.
    package var column: Int?

    package init(name: String, attributes: [(name: String, value: String)], line: Int, column: Int?) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.column = column
    }

    /// The value of the attribute `name`, if present.
    package subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    package static func == (lhs: XMLStartElement, rhs: XMLStartElement) -> Bool {
        lhs.name == rhs.name && lhs.line == rhs.line && lhs.column == rhs.column
            && lhs.attributes.elementsEqual(rhs.attributes) { $0.name == $1.name && $0.value == $1.value }
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(line)
        for attribute in attributes {
            hasher.combine(attribute.name)
            hasher.combine(attribute.value)
        }
    }
}
