import RecordFormats
import Testing

@testable import Snapshot

@Suite("KeyIndex: the open-addressing table behind duplicate-key checks")
struct KeyIndexTests {
    @Test("every key is new once, then found with the place it was first seen, across many growths")
    func manyKeys() {
        var ints = KeyIndex<Int>()
        var strings = KeyIndex<String>()
        let count = 50_000
        // Keys that share prefixes and lengths, in an order unlike their values.
        let order = (0..<count).map { ($0 &* 7_919) % count }
        for (position, key) in order.enumerated() {
            let location = DiagnosticLocation(file: key % 3 == 0 ? "a.csv" : "b.csv", line: position + 1, column: 7)
            #expect(ints.insert(key &* 1_000_003 - 5_000_000, at: location) == nil)
            #expect(strings.insert("P-\(key)-comment", at: location) == nil)
        }
        #expect(ints.count == count && strings.count == count)
        for (position, key) in order.enumerated() where position % 97 == 0 {
            let first = DiagnosticLocation(file: key % 3 == 0 ? "a.csv" : "b.csv", line: position + 1, column: 7)
            let later = DiagnosticLocation(file: "c.csv", line: 1, column: 1)
            #expect(ints.insert(key &* 1_000_003 - 5_000_000, at: later) == first)
            #expect(strings.insert("P-\(key)-comment", at: later) == first)
            #expect(ints.contains(key &* 1_000_003 - 5_000_000) && strings.contains("P-\(key)-comment"))
        }
        #expect(ints.count == count && strings.count == count)
        #expect(!ints.contains(count &* 1_000_003) && !strings.contains("P-\(count)-comment"))
        #expect(!strings.contains("") && !ints.contains(0 &* 1_000_003 - 5_000_001))
    }

    @Test("the empty string and zero are keys like any other, and a location without a line stays so")
    func placeholders() {
        var ints = KeyIndex<Int>()
        var strings = KeyIndex<String>()
        #expect(!ints.contains(0) && !strings.contains(""))
        let nowhere = DiagnosticLocation(file: "x.json")
        #expect(ints.insert(0, at: nowhere) == nil && strings.insert("", at: nowhere) == nil)
        #expect(ints.insert(0, at: DiagnosticLocation(file: "y.json", line: 2, column: 3)) == nowhere)
        #expect(strings.insert("", at: DiagnosticLocation(file: "y.json", line: 2, column: 3)) == nowhere)
    }

    @Test("reserving room keeps every key and its place, and later keys are found as before")
    func reserving() {
        var index = KeyIndex<String>()
        func at(_ key: Int) -> DiagnosticLocation { DiagnosticLocation(file: "r.json", line: key + 1, column: 3) }
        for key in 0..<500 { #expect(index.insert("K\(key)", at: at(key)) == nil) }
        index.reserveCapacity(20_000)
        index.reserveCapacity(100)
        for key in 0..<20_000 {
            #expect(index.insert("K\(key)", at: at(key + 1)) == (key < 500 ? at(key) : nil))
        }
        #expect(index.count == 20_000)
        for key in stride(from: 0, to: 20_000, by: 37) {
            #expect(index.insert("K\(key)", at: at(0)) == (key < 500 ? at(key) : at(key + 1)))
        }
    }

    @Test("a line or column too large for its slot is given back as unknown, the other part kept")
    func largePositions() {
        var index = KeyIndex<Int>()
        let wideColumn = DiagnosticLocation(file: "wide.json", line: 3, column: 1 << 24)
        let widestColumn = DiagnosticLocation(file: "wide.json", line: 4, column: (1 << 24) - 1)
        let farLine = DiagnosticLocation(file: "wide.json", line: 1 << 33, column: 5)
        #expect(index.insert(1, at: wideColumn) == nil)
        #expect(index.insert(2, at: widestColumn) == nil)
        #expect(index.insert(3, at: farLine) == nil)
        let later = DiagnosticLocation(file: "wide.json", line: 9, column: 9)
        #expect(index.insert(1, at: later) == DiagnosticLocation(file: "wide.json", line: 3))
        #expect(index.insert(2, at: later) == widestColumn)
        #expect(index.insert(3, at: later) == DiagnosticLocation(file: "wide.json", column: 5))
    }

    @Test("removing keys keeps every other key reachable, whatever their probe chains")
    func removal() {
        var index = KeyIndex<Int>()
        let count = 20_000
        func at(_ key: Int) -> DiagnosticLocation { DiagnosticLocation(file: "f.json", line: key + 1, column: 2) }
        // Keys that pile into long probe chains: multiples of a large stride.
        for key in 0..<count { #expect(index.insert(key &* 4_096, at: at(key)) == nil) }
        let removed = Set((0..<count).filter { $0 % 3 == 0 || $0 % 7 == 0 })
        for key in removed.sorted(by: >) { index.remove(key &* 4_096) }
        index.remove(-1)
        #expect(index.count == count - removed.count)
        for key in 0..<count {
            #expect(index.contains(key &* 4_096) == !removed.contains(key))
        }
        // A removed key is new again; a kept one still answers with where it was first seen.
        for key in 0..<200 {
            let again = index.insert(key &* 4_096, at: DiagnosticLocation(file: "g.json", line: 1, column: 1))
            #expect(again == (removed.contains(key) ? nil : at(key)))
        }
    }

    @Test("a short key is one word per distinct key of up to ten id characters, and none for any other key")
    func shortKeys() {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_")
        var keys: Set<String> = [
            "", "0", "00", "000", "0000000000", "__________", "P999999", "A999999-1", "INC0012345",
        ]
        var random = SplitMix64(seed: 11)
        while keys.count < 20_000 {
            let length = Int.random(in: 0...10, using: &random)
            keys.insert(String((0..<length).map { _ in alphabet.randomElement(using: &random)! }))
        }
        var words: [UInt64: String] = [:]
        for key in keys {
            guard let word = ShortKey(key)?.word else {
                Issue.record("no short key for \(key.debugDescription)")
                continue
            }
            #expect(words.updateValue(key, forKey: word) == nil, "\(key.debugDescription) and \(words[word] ?? "")")
            #expect(String(compact: ShortKey(key)!) == key)
        }
        for key in ["01234567890", "T20241201.0001", "a b", "é", "P-1.2", "x/y", "\0", "ABCDEFGHIJK"] {
            #expect(ShortKey(key) == nil, "\(key.debugDescription)")
        }
    }

    @Test("keys with and without a compact form share one index: duplicates, places and removal as one table")
    func compactAndFullKeys() {
        var strings = KeyIndex<String>()
        var ints = KeyIndex<Int>()
        func at(_ key: Int) -> DiagnosticLocation {
            DiagnosticLocation(file: key % 5 == 0 ? "a.csv" : "b.csv", line: key + 1, column: 4)
        }
        func text(_ key: Int) -> String { key % 3 == 0 ? "T2024.\(key)" : "P\(key)" }
        func id(_ key: Int) -> Int { key % 3 == 0 ? -key - 1 : key % 3 == 1 ? key : (1 << 32) + key }
        // Sized before any key came: the room is made once enough keys show how it divides.
        strings.reserveCapacity(6_000)
        ints.reserveCapacity(6_000)
        for key in 0..<6_000 {
            #expect(strings.insert(text(key), at: at(key)) == nil)
            #expect(ints.insert(id(key), at: at(key)) == nil)
        }
        #expect(strings.count == 6_000 && ints.count == 6_000)
        for key in stride(from: 0, to: 6_000, by: 7) {
            let later = DiagnosticLocation(file: "c.csv", line: 1, column: 1)
            #expect(strings.insert(text(key), at: later) == at(key), "\(text(key))")
            #expect(ints.insert(id(key), at: later) == at(key), "\(id(key))")
        }
        for key in 0..<3_000 {
            strings.remove(text(key))
            ints.remove(id(key))
        }
        #expect(strings.count == 3_000 && ints.count == 3_000)
        for key in 0..<6_000 {
            #expect(strings.contains(text(key)) == (key >= 3_000))
            #expect(ints.contains(id(key)) == (key >= 3_000))
        }
        #expect(!strings.contains("P6000") && !ints.contains(-6_002))
    }
}
