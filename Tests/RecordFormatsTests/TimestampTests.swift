import Foundation
import RecordFormats
import Testing

@Suite("Timestamps")
struct TimestampTests {
    @Test("instants compare equal across offsets and fraction forms")
    func equalInstants() throws {
        let a = try #require(Timestamp.parse("2026-11-28T23:00:00Z"))
        #expect(Timestamp.parse("2026-11-29T00:00:00+01:00") == a)
        #expect(Timestamp.parse("2026-11-28T23:00:00.000Z") == a)
        #expect(Timestamp.parse("2026-11-28T18:00:00-0500") == a)
    }

    @Test("milliseconds survive a parse and format round trip")
    func roundTrip() throws {
        let text = "2019-11-04T08:59:31.034Z"
        #expect(Timestamp.format(try #require(Timestamp.parse(text))) == text)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(try #require(Timestamp.parse("2024-02-29T12:00:00Z"))) == "2024-02-29T12:00:00.000Z")
    }

    @Test("a bare date is midnight UTC")
    func bareDate() {
        #expect(Timestamp.parse("2019-02-25") == Timestamp.parse("2019-02-25T00:00:00Z"))
    }

    @Test(
        "malformed times are refused",
        arguments: [
            "", "2019-13-01", "2019-02-30", "2019-02-25T10:00", "2019-02-25T25:00:00Z", "20190225",
            "2019-02-25T10:00:00+5",
        ]
    )
    func malformed(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
