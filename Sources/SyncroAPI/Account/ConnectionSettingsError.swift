import Foundation

/// A problem with how the connection was configured, found before any request is sent.
package enum ConnectionSettingsError: Error, Sendable, Equatable, LocalizedError {
    case subdomainMissing
    case invalidSubdomain(given: String, problem: String)
    case invalidBaseURL(given: String, problem: String)
    case tokenMissing
    case tokenEmpty(source: String)
    case tokenFileUnreadable(path: String)
    case tokenFileNotText(path: String)
    case tokenContainsWhitespace(source: String)
    case tokenContainsInvalidCharacters(source: String)

    package var errorDescription: String? {
        switch self {
        case .subdomainMissing:
            "No Syncro account given: pass --subdomain NAME (or set SYNCRO_SUBDOMAIN), or --base-url URL for a simulator or proxy."
        case .invalidSubdomain(let given, let problem):
            "Invalid subdomain \"\(given)\": \(problem)."
        case .invalidBaseURL(let given, let problem):
            "Invalid base URL \"\(given)\": \(problem)."
        case .tokenMissing:
            "No API token: set SYNCRO_API_TOKEN or pass --token-file PATH (a token is never accepted as a flag value)."
        case .tokenEmpty(let source):
            "The API token in \(source) is empty: paste the token generated in Syncro under Admin > API - API Tokens."
        case .tokenFileUnreadable(let path):
            "Cannot read the token file \(path): check that it exists and is readable by this user."
        case .tokenFileNotText(let path):
            "The token file \(path) is not UTF-8 text: it should hold only the API token."
        case .tokenContainsWhitespace(let source):
            "The API token in \(source) contains white space inside it: copy the token again, completely and without extra characters."
        case .tokenContainsInvalidCharacters(let source):
            "The API token in \(source) contains characters a Syncro token cannot hold: copy the token again, completely and without extra characters."
        }
    }

    /// True for the failures the setup guide files under "Invalid Subdomain".
    package var isSubdomainProblem: Bool {
        if case .invalidSubdomain = self { return true }
        return false
    }

    /// True when the command line itself is wrong (exit 64): a `--base-url` that is not an acceptable URL.
    package var isUsage: Bool {
        if case .invalidBaseURL = self { return true }
        return false
    }
}
