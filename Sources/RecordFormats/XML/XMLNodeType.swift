/// The node types `xmlTextReaderNodeType` returns that the XML readers act on (libxml2's `xmlReaderTypes`).
enum XMLNodeType {
    static let element: Int32 = 1
    static let text: Int32 = 3
    static let cdata: Int32 = 4
    static let entityReference: Int32 = 5
    static let entity: Int32 = 6
    static let documentType: Int32 = 10
    static let whitespace: Int32 = 13
    static let significantWhitespace: Int32 = 14
    static let endElement: Int32 = 15
}
