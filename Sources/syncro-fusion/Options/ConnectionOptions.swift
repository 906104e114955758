import ArgumentParser
import Foundation
import Logging
import SyncroAPI

/// Which Syncro account to talk to, with which token, at what rate.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The Syncro subdomain (acme for https://acme.syncromsp.com); default: $SYNCRO_SUBDOMAIN.")
    var subdomain: String?

    @Option(help: "The API base URL instead of a subdomain (a simulator or proxy); default: $SYNCRO_BASE_URL.")
    var baseURL: String?

    @Option(help: "Read the API token from this file instead of $SYNCRO_API_TOKEN.")
    var tokenFile: String?

    @Option(
        name: .customLong("rate-limit"), parsing: .unconditional,
        help: ArgumentHelp("Requests per minute for the whole run (Syncro allows 180 per IP address).", valueName: "n"))
    var rateLimitText = "180"

    /// The `--rate-limit` values accepted.
    static let rateLimitRange = 1...100_000

    /// Requests per minute for the whole run (checked by `validate()`).
    var rateLimit: Int { (try? RequestsPerMinute.parse(rateLimitText, range: Self.rateLimitRange)) ?? 180 }

    func validate() throws {
        _ = try RequestsPerMinute.parse(rateLimitText, range: Self.rateLimitRange)
    }

    /// The endpoint from the flags and the environment.
    func endpoint(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConnectionSettingsError)
        -> SyncroEndpoint
    {
        try SyncroEndpoint.resolve(subdomain: subdomain, baseURL: baseURL, environment: environment)
    }

    /// The token, with any copy-paste white space reported through `logger`.
    func token(environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger)
        throws(ConnectionSettingsError)
        -> APIToken
    {
        let loaded = try APIToken.load(environment: environment, tokenFile: tokenFile)
        for warning in loaded.warnings { logger.warning("\(warning)") }
        return loaded.token
    }

    /// A live client for the configured account.
    func client(
        endpoint: SyncroEndpoint, token: APIToken, logger: Logger, retryPolicy: RetryPolicy = RetryPolicy(),
        guarding: @Sendable (any HTTPTransport) -> any HTTPTransport = { $0 }
    ) -> SyncroClient {
        var configuration = ClientConfiguration()
        configuration.retryPolicy = retryPolicy
        configuration.rateLimitPerMinute = rateLimit
        configuration.logger = logger
        // Consecutive runs against one host share the limiter's schedule (Syncro counts per IP per minute).
        if let directory = SharedRateSchedule.defaultDirectory(environment: ProcessInfo.processInfo.environment) {
            configuration.sharedSchedule = SharedRateSchedule.forHost(endpoint.host, in: directory)
        }
        return SyncroClient.live(endpoint: endpoint, token: token, configuration: configuration, guarding: guarding)
    }
}
