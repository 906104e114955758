import ArgumentParser
import Foundation

extension SyncroFusion {
    /// Parses and runs the command line, as ArgumentParser's own `main()` does, except that an unknown command
    /// gets one sentence listing the commands (ArgumentParser only says "Unexpected argument").
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = unknownCommand(in: arguments) {
            let names = configuration.subcommands.compactMap { $0.configuration.commandName }
            CommandFailure.printError(
                "there is no command \"\(unknown)\"; the commands are \(names.joined(separator: ", ")) "
                    + "(syncro-fusion help COMMAND explains one).")
            Self.exit(withError: ExitCode.validationFailure)
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }

    /// The first argument when it names no command: the root command takes no argument of its own, so a first
    /// argument that is not an option is meant as a command.
    static func unknownCommand(in arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
        return names.contains(first) ? nil : first
    }
}
