import Testing

@testable import Snapshot

/// XML names become canonical field names by camelCase → snake_case; the ASCII fast path must agree with the
/// conversion by `Character` on every name.
@Suite("XML names to canonical names")
struct XMLShapeTests {
    @Test(
        "snake_case of a name, byte by byte or by character",
        arguments: [
            "", "subject", "problemType", "syncroUpdatedAt", "lastSyncedAt", "bodySha256", "ABC", "aB1cD", "x_yZ",
            "émileZola", "straßeNr", "ǅemal", "ΣigmaCase",
        ])
    func snakeCase(name: String) {
        #expect(XMLShape.snakeCase(name) == XMLShape.snakeCaseCharacters(name))
    }

    @Test("known spellings")
    func known() {
        #expect(XMLShape.snakeCase("syncroUpdatedAt") == "syncro_updated_at")
        #expect(XMLShape.snakeCase("subject") == "subject")
        #expect(XMLShape.snakeCase("ABc") == "_a_bc")
        #expect(XMLShape.ticket.canonical("syncroId") == "syncro_ticket_id")
        #expect(XMLShape.ticket.canonical("lastSyncedAt") == "last_synced_at")
    }
}
