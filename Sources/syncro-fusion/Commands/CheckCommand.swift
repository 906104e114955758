import ArgumentParser
import Foundation
import SyncroAPI

/// `syncro-fusion check`: the setup guide's Test Connection.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Test the connection and every permission the integration needs, read-only.",
        discussion: """
            One line per check: the permission or endpoint, OK or FAILED, and on failure the setup guide's \
            troubleshooting advice. Write permissions are not verifiable read-only; --probe-writes TICKET_ID tests \
            them with deliberately invalid requests that Syncro rejects (422), so nothing is written.
            Exit 0 when every verifiable check passed, 1 otherwise.

            --entities instead says, for each of the 24 entities `export --entities all` writes, whether this \
            token can export it (one request each) and, when not, which Syncro permission it lacks: run it before \
            a migration to see what the token is missing.

            EXAMPLES:
              export SYNCRO_API_TOKEN="$(cat ~/.config/syncro-fusion/token)"
              syncro-fusion check --subdomain acme
              syncro-fusion check --subdomain acme --probe-writes 1001
              syncro-fusion check --subdomain acme --entities
              syncro-fusion check --subdomain acme --format json --quiet
              syncro-fusion check --base-url http://127.0.0.1:8765/api/v1 \\
                  --token-file ~/.config/syncro-fusion/token
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Print the result as text or as one JSON object.")
    var format: Format = .text

    @Option(
        name: .customLong("probe-writes"),
        help: "Probe the write permissions against this ticket id (nothing is written).")
    var probeWritesTicketID: Int?

    @Flag(help: "Say for every entity whether this token can export it, and which permission it lacks if not.")
    var entities = false

    func validate() throws {
        if entities, probeWritesTicketID != nil {
            throw ValidationError("Give --entities or --probe-writes, not both: --entities only reads.")
        }
    }

    func run() async throws {
        let logger = output.logger()
        var renderer = CheckRenderer(format: format, useColor: !output.quiet && isatty(STDOUT_FILENO) == 1)
        if entities { renderer.subject = "entity" }
        let endpoint: SyncroEndpoint
        let token: APIToken
        do {
            endpoint = try connection.endpoint()
            token = try connection.token(logger: logger)
        } catch {
            print(renderer.renderSettingsFailure(error), terminator: "")
            throw CommandFailure.exitCode(for: error)
        }
        // Someone is waiting at a terminal: two quick retries, not the export's patient schedule.
        let policy = RetryPolicy(
            maximumAttempts: 3, serverErrorBackoff: Backoff(initial: .seconds(1), maximum: .seconds(2), jitter: 0.25)
        )
        let client = connection.client(endpoint: endpoint, token: token, logger: logger, retryPolicy: policy)
        let check = ConnectionCheck(client: client, options: .init(probeWritesTicketID: probeWritesTicketID))
        let report = entities ? await check.runEntities() : await check.run()
        try? await client.shutdown()
        print(renderer.render(report), terminator: "")
        if !report.passed { throw ExitCode(1) }
    }
}
