import RecordFormats

/// Reads a JSON snapshot document with `JSONEventReader`, one record of `customers`, `contacts`, `assets` or
/// `tickets` at a time.
///
/// The header members (`schema`, `schema_version`, `snapshot_id`, `generated_at`, `relationship`) normally come
/// first, as the writer puts them. When one of them comes after a record array, the first array triggers a second,
/// quick pass over the file that reads only the top-level header members and skips the arrays, so the header is
/// still checked (and an unknown major version refused) before any record is yielded. Unknown members are
/// skipped (forward compatibility).
final class JSONSnapshotSource: SnapshotSource {
    private enum Section: String, CaseIterable {
        case customers
        case contacts
        case assets
        case tickets
    }

    private static let headerMembers: Set<String> = [
        "schema", "schema_version", "snapshot_id", "generated_at", "relationship",
    ]

    private let path: String
    private let decoder: SnapshotRecordDecoder
    private var log: DiagnosticLog { decoder.log }
    private let reader: JSONEventReader?
    private var started = false
    private var finished = false
    private var header: RawRecord
    private var relationship: RawRecord?
    private var outcome: SnapshotRecordDecoder.HeaderOutcome?
    private var headerDelivered = false
    private var section: Section?

    init(path: String, decoder: SnapshotRecordDecoder) {
        self.path = path
        self.decoder = decoder
        header = RawRecord(location: DiagnosticLocation(file: path, line: 1, column: 1))
        do {
            reader = try JSONEventReader(path: path)
        } catch {
            decoder.log.fatal(error, path: path)
            reader = nil
            finished = true
        }
    }

    func next() -> SnapshotElement? {
        guard !finished, let reader else { return nil }
        do {
            if let element = try step(reader) { return element }
        } catch {
            log.fatal(error, path: path)
        }
        finished = true
        return nil
    }

    private var headerIsValid: Bool {
        if case .valid? = outcome { return true }
        return false
    }

    private func step(_ reader: JSONEventReader) throws -> SnapshotElement? {
        if !started {
            started = true
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
            if case .valid(let header, let relationship)? = outcome, !headerDelivered {
                headerDelivered = true
                return .header(header, relationship)
            }
            if let section {
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
                if let element = decode(record, in: section), headerIsValid { return element }
                continue
            }
            guard let event = try reader.next() else { return nil }
            guard case .key(let key) = event else {
                // The root object closed: only white space may follow.
                if try reader.next() != nil { return nil }
                resolveHeader(atEnd: true)
                if case .valid(let header, let relationship)? = outcome, !headerDelivered {
                    headerDelivered = true
                    return .header(header, relationship)
                }
                return nil
            }
            let keyLocation = location(reader)
            guard let first = try reader.next() else { return nil }
            if Self.headerMembers.contains(key) {
                let value = try readRaw(first, reader)
                guard outcome == nil else { continue }
                store(key, value, at: keyLocation)
            } else if let kind = Section(rawValue: key) {
                resolveHeader(atEnd: false)
                if case .fatal? = outcome { return nil }
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

    private func location(_ reader: JSONEventReader) -> DiagnosticLocation {
        DiagnosticLocation(file: path, line: reader.eventLine, column: reader.eventColumn)
    }

    private func store(_ key: String, _ value: RawValue, at location: DiagnosticLocation) {
        if key == "relationship" {
            if case .record(let record) = value {
                relationship = record
            } else {
                log.error(
                    DiagnosticCode.type, "'relationship' must be an object; write its fields inside {}", at: location)
            }
        } else {
            header.set(key, value, at: location)
        }
    }

    /// Decides the header once; reads it from the rest of the file first when members are still missing.
    private func resolveHeader(atEnd: Bool) {
        guard outcome == nil else { return }
        let missing = Self.headerMembers.contains { $0 == "relationship" ? relationship == nil : header[$0] == nil }
        if missing, !atEnd { prescanHeader() }
        outcome = decoder.header(header, relationship: relationship)
        if case .fatal? = outcome { finished = true }
    }

    /// Reads the top-level header members of the whole file in a second pass, skipping everything else. Syntax
    /// errors are left for the main pass to report where it meets them.
    private func prescanHeader() {
        guard let scan = try? JSONEventReader(path: path), (try? scan.next()) == .objectStart else { return }
        do {
            while case .key(let key)? = try scan.next() {
                let keyLocation = DiagnosticLocation(file: path, line: scan.eventLine, column: scan.eventColumn)
                guard let first = try scan.next() else { return }
                let isMissing = key == "relationship" ? relationship == nil : header[key] == nil
                if Self.headerMembers.contains(key), isMissing {
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
        case .customers: decoder.customer(record).map(SnapshotElement.customer)
        case .contacts: decoder.contact(record).map(SnapshotElement.contact)
        case .assets: decoder.asset(record).map(SnapshotElement.asset)
        case .tickets: decoder.ticket(record).map(SnapshotElement.ticket)
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
