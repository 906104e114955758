import Foundation
import RecordFormats

/// Rewrites a snapshot in another of its formats (`docs/snapshot-format.md`), one record at a time, and proves the copy
/// reads back equal before it appears.
///
/// The input streams through `SnapshotReader` into `SnapshotWriter`, so memory holds one record (plus what the CSV
/// reader indexes of child rows). The output is written under a hidden name beside the target, then read back in
/// step with the input: every element must be equal, or nothing appears. That check is what makes the conversion
/// lossless rather than merely careful, because the formats do not say exactly the same things: a CSV directory
/// manages a ticket's `exp_*` fields and child files for every ticket at once and keeps only subject, status and
/// priority of `partner_current`, and XML and CSV read empty text as null. A snapshot that relies on one of those
/// differences is refused with the records and fields it would change, instead of being quietly rewritten.
///
/// A snapshot whose sections are out of the usual order (JSON allows `tickets` before `customers`) is read once per
/// section, since the writer takes customers, contacts, assets, then tickets. An invalid input (any error
/// diagnostic, even one found at the very end, such as a duplicate key) leaves nothing behind.
package struct SnapshotConverter: Sendable {
    /// What a finished conversion wrote.
    package struct Result: Sendable, Equatable {
        package var input: String
        package var output: String
        package var format: SnapshotFormat
        package var customers = 0
        package var contacts = 0
        package var assets = 0
        package var tickets = 0
        package var comments = 0
        /// Warnings of the reader (a newer minor version whose extra fields were left out, for example).
        package var warnings: [Diagnostic] = []
    }

    package let input: String
    package let output: String
    package let format: SnapshotFormat

    /// A conversion of the snapshot at `input` into `output`, in `format` or the one `output` names (`.json`,
    /// `.xml`, otherwise a CSV directory).
    package init(input: String, output: String, format: SnapshotFormat? = nil) throws(SnapshotConvertError) {
        let named = SnapshotFormat.inferred(fromPath: output) ?? .csv
        if let format, format != named { throw .formatConflict(output, format: format) }
        let lowered = output.lowercased()
        if named == .csv, lowered.hasSuffix(".csv") || lowered.hasSuffix(".jsonl") {
            throw .notADirectoryName(output)
        }
        self.input = input
        self.output = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
        self.format = named
    }

    /// Converts, verifies and moves the output into place; on any error nothing new is left on disk.
    package func run() throws -> Result {
        try checkPaths()
        let work = workPath()
        do {
            var (result, ordered) = try write(to: work)
            try verify(work, ordered: ordered)
            try moveIntoPlace(work)
            result.output = output
            return result
        } catch {
            try? FileManager.default.removeItem(atPath: work)
            throw error
        }
    }

    // MARK: - Paths

    private func checkPaths() throws(SnapshotConvertError) {
        let files = FileManager.default
        guard files.fileExists(atPath: input) else { throw .inputMissing(input) }
        if Self.canonical(input) == Self.canonical(output) { throw .sameLocation(output) }
        let parent = (output as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !parent.isEmpty, !files.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw .outputDirectoryMissing(parent)
        }
        guard files.fileExists(atPath: output, isDirectory: &isDirectory) else { return }
        switch format {
        case .csv:
            // A CSV snapshot replaces its target directory whole, so only an empty directory or an earlier CSV
            // snapshot may be replaced; anything else might be a directory the user cares about.
            let contents = (try? files.contentsOfDirectory(atPath: output)) ?? []
            guard isDirectory.boolValue else { throw .wouldReplace(output, what: "a file") }
            guard contents.isEmpty || contents.contains("snapshot.csv") else {
                throw .wouldReplace(output, what: "a directory that is not a CSV snapshot")
            }
        case .json, .xml:
            if isDirectory.boolValue { throw .wouldReplace(output, what: "a directory") }
        }
    }

    /// A hidden sibling of the output, on the same file system so the final rename is atomic.
    private func workPath() -> String {
        let directory = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return (directory as NSString).appendingPathComponent(
            ".\(name).converting-\(ProcessInfo.processInfo.processIdentifier)-\(token)")
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    // MARK: - Writing

    /// Streams the input into a new snapshot at `path`, section by section when the input's sections are out of
    /// order; returns what was written and whether the input was in order.
    private func write(to path: String) throws -> (Result, ordered: Bool) {
        let reader = SnapshotReader(path: input)
        guard case .header(let header, let relationship)? = reader.next() else {
            throw SnapshotConvertError.invalid(input, diagnostics: Self.drained(reader))
        }
        let open = {
            try SnapshotWriter(path: path, format: format, header: Self.upgraded(header), relationship: relationship)
        }
        var result = Result(input: input, output: path, format: format)
        let writer = try open()
        var ordered = true
        // Decoding the input runs a few batches ahead of encoding the output, on a thread of its own.
        let ahead = ReadAhead(name: "syncro-fusion.convert-reader") { reader.next() }
        do {
            defer { ahead.cancel() }
            var last = 0
            while let element = try ahead.next() {
                let section = Self.section(of: element)
                guard section >= last else {
                    ordered = false
                    break
                }
                last = section
                try write(element, to: writer, counting: &result)
            }
        } catch {
            writer.abandon()
            throw error
        }
        if ordered {
            result.warnings = try complete(writer, diagnostics: reader.diagnostics)
            return (result, true)
        }
        writer.abandon()
        result = Result(input: input, output: path, format: format)
        let again = try open()
        var diagnostics: [Diagnostic] = []
        do {
            for section in 1...4 {
                let pass = SnapshotReader(path: input)
                while let element = pass.next() {
                    if Self.section(of: element) == section { try write(element, to: again, counting: &result) }
                }
                diagnostics = pass.diagnostics
                if diagnostics.containsErrors { break }
            }
        } catch {
            again.abandon()
            throw error
        }
        result.warnings = try complete(again, diagnostics: diagnostics)
        return (result, false)
    }

    /// Finishes `writer` when the input had no errors, else abandons it and refuses the input; returns the
    /// warnings.
    private func complete(_ writer: SnapshotWriter, diagnostics: [Diagnostic]) throws -> [Diagnostic] {
        guard !diagnostics.containsErrors else {
            writer.abandon()
            throw SnapshotConvertError.invalid(input, diagnostics: diagnostics)
        }
        do {
            try writer.finish()
        } catch {
            writer.abandon()
            throw error
        }
        return diagnostics
    }

    private func write(_ element: SnapshotElement, to writer: SnapshotWriter, counting result: inout Result) throws {
        switch element {
        case .header: break
        case .customer(let customer):
            try writer.write(customer)
            result.customers += 1
        case .contact(let contact):
            try writer.write(contact)
            result.contacts += 1
        case .asset(let asset):
            try writer.write(asset)
            result.assets += 1
        case .ticket(let ticket):
            try writer.write(ticket)
            result.tickets += 1
            result.comments += ticket.comments.count
        }
    }

    /// The writer's order of an element: header 0, customers 1, contacts 2, assets 3, tickets 4.
    static func section(of element: SnapshotElement) -> Int {
        switch element {
        case .header: 0
        case .customer: 1
        case .contact: 2
        case .asset: 3
        case .ticket: 4
        }
    }

    /// Reads what is left, so the diagnostics cover the whole input.
    private static func drained(_ reader: SnapshotReader) -> [Diagnostic] {
        reader.visit { _ in }
        return reader.diagnostics
    }

    /// The header the output gets: the writer writes the current form (v1.1: linking keys present even when
    /// null), so the output says it is at least that version.
    static func upgraded(_ header: SnapshotHeader) -> SnapshotHeader {
        var header = header
        header.schemaVersion = max(header.schemaVersion, .current)
        return header
    }

    // MARK: - Verifying

    /// Reads the written snapshot back in step with the input (in the writer's section order) and refuses any
    /// difference, naming the records and fields the target format would change.
    private func verify(_ path: String, ordered: Bool) throws {
        let written = SnapshotReader(path: path)
        var differences: [SnapshotDifference] = []
        let inputElements = canonicalElements(ordered: ordered)
        // Each side is decoded on a thread of its own, ahead of the comparison here.
        let expectedAhead = ReadAhead(name: "syncro-fusion.convert-input") { inputElements.next() }
        let actualAhead = ReadAhead(name: "syncro-fusion.convert-output") { written.next() }
        defer {
            expectedAhead.cancel()
            actualAhead.cancel()
        }
        reading: while differences.count < Self.differenceLimit {
            // Neither producer throws: snapshot readers log their problems.
            var expected = try expectedAhead.next()
            if case .header(let header, let relationship)? = expected {
                expected = .header(Self.upgraded(header), relationship)
            }
            let actual = try actualAhead.next()
            switch (expected, actual) {
            case (nil, nil):
                break reading
            case (let expected?, let actual?):
                if expected != actual { differences += SnapshotDifference.between(expected, actual) }
            case (let expected?, nil):
                differences.append(SnapshotDifference.missing(expected))
            case (nil, _?):
                differences.append(SnapshotDifference(record: "the output", change: "holds a record the input lacks"))
            }
        }
        actualAhead.cancel()
        if written.diagnostics.containsErrors {
            differences.append(
                SnapshotDifference(
                    record: "the \(format.rawValue) output", change: "does not read back as a valid snapshot"))
        }
        guard differences.isEmpty else {
            throw SnapshotConvertError.lossy(
                input, format: format, differences: differences, complete: differences.count < Self.differenceLimit)
        }
    }

    /// How many differences are reported before the check stops: enough to see the pattern, bounded in memory.
    static let differenceLimit = 20

    /// The input's elements in the writer's order: one pass when already in order, else one pass per section.
    private func canonicalElements(ordered: Bool) -> AnyIterator<SnapshotElement> {
        var reader = SnapshotReader(path: input)
        if ordered { return AnyIterator { reader.next() } }
        var section = 0
        return AnyIterator {
            while section <= 4 {
                if let element = reader.next() {
                    if Self.section(of: element) == section { return element }
                    continue
                }
                section += 1
                reader = SnapshotReader(path: input)
            }
            return nil
        }
    }

    // MARK: - Placing

    /// Renames the verified output into place; an existing CSV snapshot directory is moved aside first and removed
    /// after, since a directory cannot be renamed over a non-empty one.
    private func moveIntoPlace(_ work: String) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard format == .csv, files.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            guard rename(work, output) == 0 else { throw SnapshotConvertError.move(output, code: errno) }
            return
        }
        let aside = work + "-replaced"
        try files.moveItem(atPath: output, toPath: aside)
        do {
            try files.moveItem(atPath: work, toPath: output)
        } catch {
            try? files.moveItem(atPath: aside, toPath: output)
            throw error
        }
        try? files.removeItem(atPath: aside)
    }
}
