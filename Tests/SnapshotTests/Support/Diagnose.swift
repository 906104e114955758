import Foundation
import Snapshot
import Testing

/// Reads a snapshot written from text and returns what the reader yielded and reported.
struct Diagnosed {
    var elements: [SnapshotElement]
    var diagnostics: [Diagnostic]

    var codes: [String] { diagnostics.map(\.code) }
    var tickets: [SnapshotTicket] {
        elements.compactMap { if case .ticket(let ticket) = $0 { ticket } else { nil } }
    }

    init(path: String, fastTickets: Bool = true, jsonChunkSize: Int = 1 << 20) {
        let reader = SnapshotReader(path: path, fastTickets: fastTickets, jsonChunkSize: jsonChunkSize)
        var elements: [SnapshotElement] = []
        reader.visit { elements.append($0) }
        self.elements = elements
        diagnostics = reader.diagnostics
    }

    /// Writes `text` as `name` in `scratch` and reads it.
    init(_ text: String, name: String = "snapshot.json", in scratch: ScratchDirectory) throws {
        self.init(path: try scratch.write(name, text))
    }

    /// The first diagnostic with `code`.
    func first(_ code: String) -> Diagnostic? { diagnostics.first { $0.code == code } }
}

/// The specification's example with `replacements` applied (each must match exactly once).
func specExample(replacing replacements: [(String, String)] = []) throws -> String {
    var text = try SnapshotFixtures.specExampleText()
    for (old, new) in replacements {
        guard text.components(separatedBy: old).count == 2 else { throw ExampleEditError(text: old) }
        text = text.replacingOccurrences(of: old, with: new)
    }
    return text
}

/// The 1-based line of the first occurrence of `needle` in `text`.
func line(of needle: String, in text: String) -> Int? {
    guard let range = text.range(of: needle) else { return nil }
    return text[..<range.lowerBound].count { $0 == "\n" } + 1
}

/// A replacement in `specExample(replacing:)` did not match exactly once.
struct ExampleEditError: Error, CustomStringConvertible {
    var text: String
    var description: String { "'\(text)' must occur exactly once in the example" }
}

/// Reads five tickets of the snapshot at `path` three times, dropping the reader each time (which must stop any
/// thread it reads ahead on, or the test hangs), then the whole snapshot, which must still hold `tickets` tickets.
func expectReadersDroppedEarlyStop(path: String, tickets expected: Int) {
    for _ in 0..<3 {
        let reader = SnapshotReader(path: path)
        var tickets = 0
        while tickets < 5, let element = reader.next() {
            if case .ticket = element { tickets += 1 }
        }
        #expect(tickets == 5)
    }
    #expect(Diagnosed(path: path).tickets.count == expected)
}
