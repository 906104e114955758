import Logging

/// Logs each exchange at debug level: method, path with query, status and duration. Never headers or bodies.
package struct LoggingTransport: HTTPTransport {
    package let base: any HTTPTransport
    package let logger: Logger

    package init(base: any HTTPTransport, logger: Logger) {
        self.base = base
        self.logger = logger
    }

    package func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let start = ContinuousClock.now
        func elapsed() -> String {
            let duration = ContinuousClock.now - start
            return "\(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000) ms"
        }
        do {
            let response = try await base.send(request)
            logger.debug(
                "\(request.method.rawValue) \(request.target) -> \(response.status) in \(elapsed())")
            return response
        } catch {
            logger.debug("\(request.method.rawValue) \(request.target) -> \(error) after \(elapsed())")
            throw error
        }
    }
}
