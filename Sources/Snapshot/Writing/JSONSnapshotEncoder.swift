import RecordFormats

/// Streams a snapshot into one JSON document: header members, then one record per line in each array.
///
/// Memory holds one record and the 1 MiB file buffer; the file appears under its name only when finished.
final class JSONSnapshotEncoder: SnapshotEncoder {
    private let output: AtomicFileWriter
    /// The array being written and whether it has an element yet.
    private var openArray: String?
    private var arrayHasElements = false
    private var arraysWritten: Set<String> = []

    init(path: String, header: SnapshotHeader, relationship: Relationship) throws {
        output = try AtomicFileWriter(path: path)
        var json = JSONWriter()
        json.bytes.append(contentsOf: "{\n".utf8)
        for (key, value) in SnapshotJSONEncoding.header(header) {
            member(key, &json)
            json.write(value)
            json.bytes.append(contentsOf: ",\n".utf8)
        }
        member("relationship", &json)
        json.write(.object(SnapshotJSONEncoding.relationship(relationship)))
        try output.write(json.bytes)
    }

    private func member(_ key: String, _ json: inout JSONWriter) {
        json.bytes.append(contentsOf: "  ".utf8)
        json.writeString(key)
        json.bytes.append(contentsOf: ": ".utf8)
    }

    private func element(_ object: JSONObject, in array: String) throws {
        try open(array)
        var json = JSONWriter()
        json.bytes.append(contentsOf: (arrayHasElements ? ",\n    " : "\n    ").utf8)
        json.write(.object(object))
        arrayHasElements = true
        try output.write(json.bytes)
    }

    /// Closes the array being written and opens `array` (and any skipped before it) as needed.
    private func open(_ array: String) throws {
        guard openArray != array else { return }
        try closeArray()
        for name in ["customers", "contacts", "assets", "tickets"] where !arraysWritten.contains(name) {
            var json = JSONWriter()
            json.bytes.append(contentsOf: ",\n".utf8)
            member(name, &json)
            json.bytes.append(UInt8(ascii: "["))
            try output.write(json.bytes)
            arraysWritten.insert(name)
            if name == array {
                openArray = name
                arrayHasElements = false
                return
            }
            try output.write("]")
        }
    }

    private func closeArray() throws {
        guard openArray != nil else { return }
        try output.write(arrayHasElements ? "\n  ]" : "]")
        openArray = nil
    }

    func write(_ customer: SnapshotCustomer) throws {
        try element(SnapshotJSONEncoding.customer(customer), in: "customers")
    }

    func write(_ contact: SnapshotContact) throws {
        try element(SnapshotJSONEncoding.contact(contact), in: "contacts")
    }

    func write(_ asset: SnapshotAsset) throws {
        try element(SnapshotJSONEncoding.asset(asset), in: "assets")
    }

    func write(_ ticket: SnapshotTicket) throws {
        try element(SnapshotJSONEncoding.ticket(ticket), in: "tickets")
    }

    func finish() throws {
        try closeArray()
        for name in ["customers", "contacts", "assets", "tickets"] where !arraysWritten.contains(name) {
            try output.write(",\n  \"\(name)\": []")
        }
        try output.write("\n}\n")
        try output.commit()
    }

    func abandon() {
        output.abandon()
    }
}
