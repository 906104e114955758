import Foundation
import SyncroAPI
import Testing

@Suite("API token loading")
struct APITokenTests {
    let secret = "T0ken-abc123-XYZ"

    @Test("a clean token from the environment loads without warnings")
    func clean() throws {
        let loaded = try APIToken.load(environment: ["SYNCRO_API_TOKEN": secret], tokenFile: nil)
        #expect(loaded.token.secret == secret)
        #expect(loaded.warnings.isEmpty)
    }

    @Test("copy-paste white space is trimmed with a warning that does not contain the token")
    func trimmed() throws {
        let loaded = try APIToken.load(environment: ["SYNCRO_API_TOKEN": " \(secret)\n"], tokenFile: nil)
        #expect(loaded.token.secret == secret)
        #expect(loaded.warnings.count == 1)
        #expect(loaded.warnings[0].contains("newline"))
        #expect(!loaded.warnings[0].contains(secret))
    }

    @Test("a file's single trailing newline is normal and silent")
    func fileNewline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)").path
        try Data("\(secret)\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let loaded = try APIToken.load(environment: ["SYNCRO_API_TOKEN": "ignored"], tokenFile: path)
        #expect(loaded.token.secret == secret)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.token.source.contains(path))
    }

    @Test("white space inside, an empty value, or no token at all are errors without the token's text")
    func refused() {
        #expect(throws: ConnectionSettingsError.tokenContainsWhitespace(source: "SYNCRO_API_TOKEN")) {
            try APIToken.load(environment: ["SYNCRO_API_TOKEN": "abc def"], tokenFile: nil)
        }
        #expect(throws: ConnectionSettingsError.tokenEmpty(source: "SYNCRO_API_TOKEN")) {
            try APIToken.load(environment: ["SYNCRO_API_TOKEN": "  \n"], tokenFile: nil)
        }
        #expect(throws: ConnectionSettingsError.tokenMissing) { try APIToken.load(environment: [:], tokenFile: nil) }
        #expect(throws: ConnectionSettingsError.tokenFileUnreadable(path: "/nonexistent/token")) {
            try APIToken.load(environment: [:], tokenFile: "/nonexistent/token")
        }
    }

    @Test("descriptions are redacted")
    func redacted() {
        let token = APIToken(secret: secret, source: "SYNCRO_API_TOKEN")
        #expect(!"\(token)".contains(secret))
        #expect(!String(reflecting: token).contains(secret))
    }
}
