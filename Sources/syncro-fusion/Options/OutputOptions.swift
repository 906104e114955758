import ArgumentParser
import Foundation
import Logging
import Synchronization

/// `--quiet`, `--verbose` and `--log-format`: logs and progress go to stderr, results to stdout.
struct OutputOptions: ParsableArguments {
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Flag(name: .shortAndLong, help: "Print nothing on stderr but warnings and errors (for cron).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log every request (method, path, status, time) on stderr.")
    var verbose = false

    @Option(name: .long, help: "Log line format on stderr: text or json.")
    var logFormat: LogFormat = .text

    var logLevel: Logger.Level { verbose ? .debug : quiet ? .warning : .info }

    /// Installs the stderr log handler once per process.
    func bootstrapLogging() {
        let level = logLevel
        let format = logFormat
        LoggingBootstrap.once {
            LoggingSystem.bootstrap { label in
                var handler = StderrLogHandler(label: label, json: format == .json)
                handler.logLevel = level
                return handler
            }
        }
    }

    func logger(_ label: String = "syncro-fusion") -> Logger {
        bootstrapLogging()
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

/// Makes sure `LoggingSystem.bootstrap` runs once, as swift-log requires.
enum LoggingBootstrap {
    private static let done = Mutex(false)

    static func once(_ body: () -> Void) {
        let first = done.withLock { value in
            defer { value = true }
            return !value
        }
        if first { body() }
    }
}
