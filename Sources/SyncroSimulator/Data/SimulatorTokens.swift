import Foundation
import RecordFormats

/// The API tokens the simulator accepts, loaded from `{"tokens": [{"token", "name", "permissions"}]}`.
package struct SimulatorTokens: Sendable, Hashable {
    package var tokens: [SimulatorToken]

    package init(_ tokens: [SimulatorToken]) {
        self.tokens = tokens
    }

    /// The token whose secret is `secret`, if any.
    package func token(_ secret: String) -> SimulatorToken? {
        tokens.first { $0.token == secret }
    }

    /// The tokens-file form.
    package var json: JSONValue {
        ["tokens": .array(tokens.map(\.json))]
    }

    /// Loads a tokens file.
    package static func load(contentsOf path: String) throws -> SimulatorTokens {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SimulatorInputError("The tokens file \(path) cannot be read; check the path and its permissions.")
        }
        return try parse(data, source: path)
    }

    /// Parses the tokens-file form; `source` names the input in error messages.
    package static func parse(_ bytes: some Collection<UInt8>, source: String = "tokens") throws -> SimulatorTokens {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes)
        } catch {
            throw SimulatorInputError("The tokens file \(source) is not valid JSON (\(error)); fix it and retry.")
        }
        guard let entries = root["tokens"]?.arrayValue else {
            throw SimulatorInputError(
                "The tokens file \(source) has no \"tokens\" array; "
                    + "write {\"tokens\": [{\"token\", \"name\", \"permissions\"}]}."
            )
        }
        var tokens: [SimulatorToken] = []
        for (index, entry) in entries.enumerated() {
            guard let secret = entry["token"]?.stringValue, !secret.isEmpty else {
                throw SimulatorInputError("Token \(index + 1) in \(source) has no \"token\" string; add one.")
            }
            guard let permissions = entry["permissions"]?.arrayValue,
                permissions.allSatisfy({ $0.stringValue != nil })
            else {
                throw SimulatorInputError(
                    "Token \(index + 1) in \(source) needs a \"permissions\" array of Syncro permission names."
                )
            }
            tokens.append(
                SimulatorToken(
                    token: secret,
                    name: entry["name"]?.stringValue ?? "Token \(index + 1)",
                    permissions: permissions.compactMap(\.stringValue),
                    userID: entry["user_id"]?.intValue,
                    customerID: entry["customer_id"]?.intValue
                )
            )
        }
        return SimulatorTokens(tokens)
    }
}
