import RecordFormats

/// Reads a JSON snapshot document with `JSONEventReader`, one record of `customers`, `contacts`, `assets` or
/// `tickets` at a time.
///
/// The header members (`schema`, `schema_version`, `snapshot_id`, `generated_at`, `relationship`) normally come
/// first, as the writer puts them. When one of them comes after a record array, the first array triggers a second,
/// quick pass over the file that reads only the top-level header members and skips the arrays, so the header is
/// still checked (and an unknown major version refused) before any record is yielded. Unknown members are
/// skipped (forward compatibility).
final class JSONSnapshotSource: SnapshotDocumentSource {
    private enum Section: String, CaseIterable {
        case customers
        case contacts
        case assets
        case tickets
    }

    private static let headerMembers: Set<String> = [
        "schema", "schema_version", "snapshot_id", "generated_at", "relationship",
    ]

    var document: SnapshotDocument<JSONEventReader>
    private var section: Section?
    /// Whether tickets are first decoded straight from their bytes (`SnapshotRecordDecoder.plainTicket`); off only
    /// in tests that compare the two paths.
    let fastTickets: Bool
    /// The bytes of the ticket being read, reused from ticket to ticket.
    private var captured: [UInt8] = []
    /// The document's path, kept apart so that the location of every value does not access `document`.
    private let path: String
    private var log: DiagnosticLog { document.log }

    /// Reads `path` in chunks of `chunkSize` bytes (tests make them small, so that tickets straddle chunks).
    init(path: String, decoder: SnapshotRecordDecoder, fastTickets: Bool = true, chunkSize: Int = 1 << 20) {
        self.path = path
        self.fastTickets = fastTickets
        document = SnapshotDocument(
            path: path, decoder: decoder, open: { try JSONEventReader(path: $0, chunkSize: chunkSize) })
    }

    var bytesRead: Int { document.reader?.bytesRead ?? 0 }

    func step(_ reader: JSONEventReader) throws -> SnapshotElement? {
        if !document.started {
            document.started = true
            guard try reader.next() == .objectStart else {
                log.error(
                    DiagnosticCode.structure,
                    "a JSON snapshot must be one object that starts with '{'; "
                        + "check that this is a snapshot file",
                    at: location(reader))
                return nil
            }
        }
        while true {
            if let header = document.takeHeader() { return header }
            if let section {
                if section == .tickets, fastTickets, let read = try readTicket(reader) {
                    switch read {
                    case .plain(let ticket):
                        if document.headerIsValid { return .ticket(ticket) }
                    case .general(let record?):
                        if let element = decode(record, in: section), document.headerIsValid { return element }
                    case .general(nil):
                        break
                    }
                    continue
                }
                guard let event = try reader.next() else { return nil }
                if event == .arrayEnd {
                    self.section = nil
                    continue
                }
                let start = location(reader)
                guard case .record(let record) = try readRaw(event, reader) else {
                    log.error(
                        DiagnosticCode.structure,
                        "each element of '\(section.rawValue)' must be an object; write the record inside {}",
                        at: start)
                    continue
                }
                if let element = decode(record, in: section), document.headerIsValid { return element }
                continue
            }
            guard let event = try reader.next() else { return nil }
            guard case .key(let key) = event else {
                // The root object closed: only white space may follow.
                if try reader.next() != nil { return nil }
                resolveHeader(atEnd: true)
                return document.takeHeader()
            }
            let keyLocation = location(reader)
            guard let first = try reader.next() else { return nil }
            if Self.headerMembers.contains(key) {
                let value = try readRaw(first, reader)
                guard document.outcome == nil else { continue }
                store(key, value, at: keyLocation)
            } else if let kind = Section(rawValue: key) {
                resolveHeader(atEnd: false)
                if case .fatal? = document.outcome { return nil }
                if first == .arrayStart {
                    section = kind
                } else {
                    log.error(
                        DiagnosticCode.type, "'\(key)' must be a list of records; write them inside []",
                        at: keyLocation)
                    try reader.skipValue(startingWith: first)
                }
            } else {
                try reader.skipValue(startingWith: first)
            }
        }
    }

    /// A ticket read by `readTicket(_:)`.
    private enum TicketRead {
        /// Decoded straight from its bytes.
        case plain(SnapshotTicket)
        /// Read the general way (nil only if the bytes somehow held no object).
        case general(RawRecord?)
    }

    /// The next ticket when it is an object, nil otherwise (the event path takes it from there): decoded in place
    /// from the reader's buffer when plain; else its bytes are captured (it straddles two chunks, or is not plain)
    /// and decoded from them, or, failing that, replayed through the general path at the same positions, so its
    /// diagnostics are exactly those of reading it in place.
    private func readTicket(_ reader: JSONEventReader) throws -> TicketRead? {
        let decoder = document.decoder
        let path = path
        if let ticket = try reader.readObjectInPlace({ bytes, line, column in
            decoder.plainTicket(prefixOf: bytes, path: path, line: line, column: column)
        }) {
            return .plain(ticket)
        }
        guard let start = try reader.captureObject(into: &captured) else { return nil }
        if let ticket = captured.withUnsafeBufferPointer({
            decoder.plainTicket($0, path: path, line: start.line, column: start.column)
        }) {
            return .plain(ticket)
        }
        let replay = JSONEventReader(
            captured: captured, name: path, line: start.line, column: start.column, depth: reader.depth)
        guard let first = try replay.next(), case .record(let record) = try readRaw(first, replay) else {
            return .general(nil)
        }
        return .general(record)
    }

    private func location(_ reader: JSONEventReader) -> DiagnosticLocation {
        DiagnosticLocation(file: path, line: reader.eventLine, column: reader.eventColumn)
    }

    private func store(_ key: String, _ value: RawValue, at location: DiagnosticLocation) {
        if key == "relationship" {
            if case .record(let record) = value {
                document.relationship = record
            } else {
                log.error(
                    DiagnosticCode.type, "'relationship' must be an object; write its fields inside {}", at: location)
            }
        } else {
            document.header.set(key, value, at: location)
        }
    }

    /// Decides the header once; reads it from the rest of the file first when members are still missing.
    private func resolveHeader(atEnd: Bool) {
        guard document.outcome == nil else { return }
        if !atEnd, Self.headerMembers.contains(where: isMissing) { prescanHeader() }
        document.resolveHeader()
    }

    /// Whether the header member `key` has not been read yet.
    private func isMissing(_ key: String) -> Bool {
        key == "relationship" ? document.relationship == nil : document.header[key] == nil
    }

    /// Reads the top-level header members of the whole file in a second pass, skipping everything else. Syntax
    /// errors are left for the main pass to report where it meets them.
    private func prescanHeader() {
        guard let scan = try? JSONEventReader(path: path), (try? scan.next()) == .objectStart else { return }
        do {
            while case .key(let key)? = try scan.next() {
                let keyLocation = DiagnosticLocation(file: path, line: scan.eventLine, column: scan.eventColumn)
                guard let first = try scan.next() else { return }
                if Self.headerMembers.contains(key), isMissing(key) {
                    store(key, try readRaw(first, scan), at: keyLocation)
                } else {
                    try scan.skipValue(startingWith: first)
                }
            }
        } catch {
            return
        }
    }

    private func decode(_ record: RawRecord, in section: Section) -> SnapshotElement? {
        switch section {
        case .customers: document.decoder.customer(record).map(SnapshotElement.customer)
        case .contacts: document.decoder.contact(record).map(SnapshotElement.contact)
        case .assets: document.decoder.asset(record).map(SnapshotElement.asset)
        case .tickets: document.decoder.ticket(record).map(SnapshotElement.ticket)
        }
    }

    /// The value that starts with `event`, with the position of every object member.
    private func readRaw(_ event: JSONEvent, _ reader: JSONEventReader) throws -> RawValue {
        switch event {
        case .scalar(let value):
            switch value {
            case .string(let text): return .string(text)
            case .number(let text): return .number(text)
            case .bool(let flag): return .bool(flag)
            default: return .null
            }
        case .arrayStart:
            var elements: [RawValue] = []
            while let element = try reader.next(), element != .arrayEnd {
                elements.append(try readRaw(element, reader))
            }
            return .list(elements)
        case .objectStart:
            var record = RawRecord(location: location(reader))
            // A ticket has about ten members: room for them all saves growing the table twice.
            record.reserveCapacity(12)
            while case .key(let key)? = try reader.next() {
                let keyLocation = location(reader)
                guard let first = try reader.next() else { break }
                record.set(key, try readRaw(first, reader), at: keyLocation, spelling: key)
            }
            return .record(record)
        case .key, .objectEnd, .arrayEnd:
            return .null
        }
    }
}
