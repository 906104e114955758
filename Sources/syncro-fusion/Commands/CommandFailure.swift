import ArgumentParser
import Foundation
import SyncroAPI

/// Prints an error as one sentence on stderr, `syncro-fusion: …`, and turns it into the contract's exit code.
enum CommandFailure {
    static func report(_ error: any Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        let sentence = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        printError(sentence)
        return exitCode(for: error)
    }

    /// The contract's exit code for an error that ends a command: 64 for bad usage, 1 otherwise.
    static func exitCode(for error: any Error) -> ExitCode {
        if let settings = error as? ConnectionSettingsError, settings.isUsage { return .validationFailure }
        return ExitCode(1)
    }

    static func printError(_ sentence: String) {
        FileHandle.standardError.write(Data("syncro-fusion: \(sentence)\n".utf8))
    }

    static func printWarning(_ sentence: String) {
        FileHandle.standardError.write(Data("syncro-fusion: warning: \(sentence)\n".utf8))
    }
}
