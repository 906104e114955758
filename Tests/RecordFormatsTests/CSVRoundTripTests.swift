import RecordFormats
import Testing

@Suite("CSV round trip")
struct CSVRoundTripTests {
    static let fragments = [
        ",", "\"", "\r", "\n", "\r\n", " ", "  ", "a", "Zoë", "😀", "日本", "\t", "''", "x y", "=", "-", "0", "\"\"",
    ]

    private static func randomField(_ generator: inout SplitMix64) -> String? {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: return nil
        case 1: return ""
        default:
            let pieces = Int.random(in: 1...6, using: &generator)
            return (0..<pieces).map { _ in fragments.randomElement(using: &generator) ?? "" }.joined()
        }
    }

    @Test(
        "random fields written then read give the same rows",
        arguments: [
            CSVProfile.standard,
            CSVProfile(writesByteOrderMark: true, lineEnding: [0x0D, 0x0A], neutralisesFormulas: false),
        ])
    func randomRows(profile: CSVProfile) throws {
        var generator = SplitMix64(seed: 20_261_129)
        let directory = try TemporaryDirectory()
        for trial in 0..<20 {
            let width = Int.random(in: 1...7, using: &generator)
            let columns = (0..<width).map { "c\($0)" }
            let rows = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                (0..<width).map { _ in Self.randomField(&generator) }
            }
            let path = directory.file("trial\(trial).csv")
            let writer = try CSVWriter(path: path, columns: columns, profile: profile)
            for row in rows { try writer.writeRow(row) }
            try writer.finish()

            for chunkSize in [1, 7, 1 << 20] {
                let reader = try CSVReader(path: path, chunkSize: chunkSize)
                #expect(try reader.header() == columns)
                var read: [[String]] = []
                while let row = try reader.nextRow() { read.append(row.fields) }
                #expect(read == rows.map { $0.map { $0 ?? "" } }, "trial \(trial), chunk size \(chunkSize)")
            }
        }
    }
}
