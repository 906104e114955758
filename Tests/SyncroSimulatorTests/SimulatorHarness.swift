import AsyncHTTPClient
import Foundation
import RecordFormats
import Synchronization
import SyncroSimulator

/// Paths and values shared by the simulator tests.
enum Harness {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samplesDirectory = repositoryRoot.appendingPathComponent("samples")

    static let fullToken = "sfdemo-full-3f9c2a7e5b1d4c8e9a0f6b2d7c4e1a5b"
    static let readOnlyToken = "sfdemo-readonly-8d2e6f1a4c7b9e3d5a0c2f8b6e1d4a7c"
    static let noTicketsToken = "sfdemo-notickets-5a1c7e9b3d2f8a6c4e0b9d7f2a5c3e1b"

    static let permissionDenied: JSONValue = [
        "error": "Not authorized. Please ask account admin to update your group permissions."
    ]

    /// The sample dataset of `samples/dataset.json`.
    static func sampleDataset() throws -> SimulatorDataset {
        try SimulatorDataset.load(contentsOf: samplesDirectory.appendingPathComponent("dataset.json").path)
    }

    /// A test configuration (seeded randomness) with `change` applied.
    static func configured(_ change: (inout SimulatorConfiguration) -> Void = { _ in }) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration()
        configuration.randomSeed = 42
        change(&configuration)
        return configuration
    }

    /// Runs `body` against a simulator over the sample dataset (or `dataset`).
    static func withSimulator<T: Sendable>(
        dataset: SimulatorDataset? = nil,
        tokens: SimulatorTokens = .samples,
        configuration: SimulatorConfiguration = configured(),
        _ body: @Sendable (SimulatorClient) async throws -> T
    ) async throws -> T {
        let simulator = SyncroSimulator(
            dataset: try dataset ?? sampleDataset(), tokens: tokens, configuration: configuration)
        return try await withRunningSimulator(simulator) { baseURL in
            try await body(SimulatorClient(baseURL: baseURL))
        }
    }
}

/// How a test request carries its token.
enum AuthStyle: Sendable {
    case bearer
    case raw
    case query
}

/// One HTTP exchange's outcome.
struct HTTPResult: Sendable {
    var status: Int
    var contentType: String?
    var retryAfter: String?
    var requestID: String? = nil
    var bytes: [UInt8]

    var json: JSONValue? { try? JSONValue.parse(bytes) }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A minimal HTTP client for the simulator over loopback.
struct SimulatorClient: Sendable {
    let baseURL: String

    /// The server root, for the `/_sim` endpoints.
    var root: String { String(baseURL.dropLast("/api/v1".count)) }

    func get(_ path: String, token: String? = Harness.fullToken, auth: AuthStyle = .bearer) async throws -> HTTPResult {
        try await send("GET", path, token: token, auth: auth)
    }

    func send(
        _ method: String,
        _ path: String,
        token: String? = Harness.fullToken,
        auth: AuthStyle = .bearer,
        body: JSONValue? = nil,
        control: Bool = false
    ) async throws -> HTTPResult {
        var url = (control ? root : baseURL) + path
        if let token, auth == .query {
            url += (path.contains("?") ? "&" : "?") + "api_key=" + token
        }
        var request = HTTPClientRequest(url: url)
        request.method = .init(rawValue: method)
        if let token {
            switch auth {
            case .bearer: request.headers.add(name: "Authorization", value: "Bearer \(token)")
            case .raw: request.headers.add(name: "Authorization", value: token)
            case .query: break
            }
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body.serializedBytes)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return HTTPResult(
            status: Int(response.status.code),
            contentType: response.headers.first(name: "Content-Type"),
            retryAfter: response.headers.first(name: "Retry-After"),
            requestID: response.headers.first(name: "X-Request-Id"),
            bytes: Array(buffer.readableBytesView)
        )
    }

    func control(_ method: String, _ path: String, body: JSONValue? = nil) async throws -> HTTPResult {
        try await send(method, path, token: nil, body: body, control: true)
    }
}

/// A monotonic clock that tests move by hand.
final class ManualTime: Sendable {
    private let origin = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)

    func advance(by duration: Duration) {
        offset.withLock { $0 += duration }
    }

    var now: ContinuousClock.Instant {
        origin.advanced(by: offset.withLock { $0 })
    }
}

extension JSONValue {
    /// The element count of an array member, or -1.
    func count(_ key: String) -> Int {
        self[key]?.arrayValue?.count ?? -1
    }
}
