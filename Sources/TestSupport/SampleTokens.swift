import SyncroAPI
import SyncroSimulator

/// The bundled sample tokens by role, as the tests use them.
package enum SampleTokens {
    /// Exactly the setup guide's permissions.
    package static var full: APIToken { token(containing: "-full-") }
    /// List/Search and View permissions only.
    package static var readOnly: APIToken { token(containing: "-readonly-") }
    /// No Tickets permission at all.
    package static var noTickets: APIToken { token(containing: "-notickets-") }
    /// Every read permission, for `--entities all`.
    package static var migration: APIToken { token(containing: "-migration-") }
    /// A well-formed token the simulator does not know.
    package static let unknown = APIToken(secret: "sfdemo-unknown-00000000000000000000000000000000", source: "test")

    private static func token(containing marker: String) -> APIToken {
        let secret = SimulatorTokens.samples.tokens.first { $0.token.contains(marker) }?.token ?? "missing-sample-token"
        return APIToken(secret: secret, source: "test")
    }
}
