/// How the snapshot's XML names map to its canonical (JSON) field names, per element kind.
///
/// Attribute and element names are camelCase forms of the JSON names (`syncroSubdomain` is `syncro_subdomain`)
/// except where the table says otherwise (`syncroId` on a ticket is `syncro_ticket_id`). Repeated elements
/// (`<tag>`, `<assetId>`, `<comment>`) form lists; `<property name="...">` elements form `properties`. An empty
/// repeated element (`<tag/>`, `<assetId/>`, `<property/>` without a name) marks a managed but empty set.
struct XMLShape: Sendable {
    /// XML name → canonical name, where camelCase conversion does not give it.
    let names: [String: String]
    /// Canonical names of list fields.
    let lists: Set<String>
    /// Canonical names of nested records (objects, or the elements of a record list), with their shapes.
    let nested: [String: XMLShape]
    /// Whether an empty element means null (`<expected>`: `<userId/>` expects null) rather than empty text.
    let emptyIsNull: Bool

    init(
        names: [String: String] = [:], lists: Set<String> = [], nested: [String: XMLShape] = [:],
        emptyIsNull: Bool = false
    ) {
        self.names = names
        self.lists = lists
        self.nested = nested
        self.emptyIsNull = emptyIsNull
    }

    /// The canonical name of an XML attribute or element.
    func canonical(_ name: String) -> String {
        names[name] ?? Self.snakeCase(name)
    }

    /// The XML spelling of a canonical name, for messages.
    func spelling(_ canonical: String) -> String {
        names.first { $0.value == canonical }?.key ?? Self.camelCase(canonical)
    }

    static func snakeCase(_ name: String) -> String {
        // Names are ASCII in practice: those are converted byte by byte (a name without capitals is returned as
        // it is); others go through `Character`, which knows the capitals of every script.
        var capitals = 0
        for byte in name.utf8 {
            if byte >= 0x80 { return snakeCaseCharacters(name) }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { capitals += 1 }
        }
        guard capitals > 0 else { return name }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count + capitals)
        for byte in name.utf8 {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                bytes.append(UInt8(ascii: "_"))
                bytes.append(byte + 0x20)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func snakeCaseCharacters(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func camelCase(_ name: String) -> String {
        let parts = name.split(separator: "_")
        guard let first = parts.first else { return name }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    // MARK: The snapshot's elements

    static let root = XMLShape()
    static let relationship = XMLShape(names: ["id": "relationship_id"], nested: ["last_run": lastRun])
    /// `<lastRun status="..." finishedAt="..."/>` inside `<relationship>` (v1.1).
    static let lastRun = XMLShape()
    static let customer = XMLShape(
        names: ["syncroId": "syncro_customer_id", "tag": "tags"], lists: ["tags"])
    static let contact = XMLShape(
        names: ["syncroId": "syncro_contact_id", "customerId": "syncro_customer_id", "tag": "tags"], lists: ["tags"])
    static let asset = XMLShape(names: ["syncroId": "syncro_asset_id", "customerId": "syncro_customer_id"])
    static let values = XMLShape(
        names: ["assetId": "asset_ids", "tag": "tags", "property": "properties"], lists: ["asset_ids", "tags"],
        emptyIsNull: true)
    static let comment = XMLShape(names: ["partnerId": "partner_comment_id", "syncroId": "syncro_comment_id"])
    static let ticket = XMLShape(
        names: [
            "partnerId": "partner_ticket_id", "syncroId": "syncro_ticket_id", "number": "syncro_ticket_number",
            "customerId": "syncro_customer_id", "comment": "comments",
        ],
        lists: ["comments"], nested: ["expected": values, "partner_current": values, "comments": comment])
}
