import Foundation

/// A Syncro API token. Its text is reachable only through ``secret``; every description is redacted.
package struct APIToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    package let secret: String

    /// Where the token came from, for messages ("SYNCRO_API_TOKEN", "token file /etc/sf/token").
    package let source: String

    package init(secret: String, source: String) {
        self.secret = secret
        self.source = source
    }

    package var description: String { "<token from \(source), \(secret.count) characters>" }
    package var debugDescription: String { description }

    /// What loading a token found, besides the token itself.
    package struct Loaded: Sendable {
        package var token: APIToken
        /// Things that were trimmed and should be reported (copy-paste artefacts).
        package var warnings: [String]
    }

    /// Reads the token from `SYNCRO_API_TOKEN` or from a file, detecting copy-paste white space.
    ///
    /// Surrounding spaces, tabs and newlines are trimmed with a warning (a single trailing newline in a file is the
    /// normal end of a text file and is trimmed silently). White space inside the token is an error: it cannot be
    /// a real token and sending it would only produce a confusing authentication failure.
    package static func load(environment: [String: String], tokenFile: String?) throws(ConnectionSettingsError)
        -> Loaded
    {
        let raw: String
        let source: String
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw .tokenFileUnreadable(path: tokenFile)
            }
            guard let text = String(data: data, encoding: .utf8) else { throw .tokenFileNotText(path: tokenFile) }
            raw =
                text.hasSuffix("\r\n")
                ? String(text.dropLast(2)) : text.hasSuffix("\n") ? String(text.dropLast()) : text
            source = "token file \(tokenFile)"
        } else if let value = environment["SYNCRO_API_TOKEN"] {
            raw = value
            source = "SYNCRO_API_TOKEN"
        } else {
            throw .tokenMissing
        }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .tokenEmpty(source: source) }
        if trimmed.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) }) {
            throw .tokenContainsWhitespace(source: source)
        }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value > 0x7E }) {
            throw .tokenContainsInvalidCharacters(source: source)
        }
        var warnings: [String] = []
        if trimmed != raw {
            let what = Self.describeTrim(raw: raw)
            warnings.append(
                "The API token in \(source) had \(what) around it (a copy-paste artefact); it was trimmed and not sent."
            )
        }
        return Loaded(token: APIToken(secret: trimmed, source: source), warnings: warnings)
    }

    private static func describeTrim(raw: String) -> String {
        let edges = raw.prefix { $0.isWhitespace } + raw.reversed().prefix { $0.isWhitespace }
        if edges.contains(where: \.isNewline) { return "a newline" }
        if edges.contains("\t") { return "a tab" }
        return "spaces"
    }
}
