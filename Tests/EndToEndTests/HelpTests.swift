import Foundation
import TestSupport
import Testing

/// `--help` and `--version` as a user reads them: every command shows examples, and the examples use real flags.
@Suite("help and version, end to end")
struct HelpTests {
    static let subcommands = [
        "check", "export", "sync", "diff", "plan", "approve", "apply", "journal", "simulate", "convert",
    ]

    @Test("every subcommand's help has an EXAMPLES section whose flags are the command's own", arguments: subcommands)
    func subcommandExamples(subcommand: String) async throws {
        let help = try await CommandRunner().run([subcommand, "--help"])
        #expect(help.status == 0, "\(help.all)")
        let examples = Self.examples(in: help.stdout)
        #expect(!examples.isEmpty, "no EXAMPLES section in \(subcommand) --help:\n\(help.stdout)")
        #expect(examples.contains { $0.hasPrefix("syncro-fusion \(subcommand)") }, "\(examples)")
        let options = try #require(help.stdout.range(of: "OPTIONS:")).upperBound
        for flag in Set(examples.flatMap(Self.flags)) {
            #expect(Self.mentions(help.stdout[options...], flag), "\(subcommand): example flag \(flag) is no option")
        }
    }

    @Test("the root help has examples and lists every subcommand")
    func rootExamples() async throws {
        let help = try await CommandRunner().run(["--help"])
        #expect(help.status == 0, "\(help.all)")
        #expect(!Self.examples(in: help.stdout).isEmpty, "\(help.stdout)")
        for subcommand in Self.subcommands { #expect(help.stdout.contains("  \(subcommand) "), "\(subcommand)") }
    }

    @Test("--version exits 0 and prints a version number alone")
    func version() async throws {
        let outcome = try await CommandRunner().run(["--version"])
        #expect(outcome.status == 0, "\(outcome.all)")
        #expect(outcome.stdout.wholeMatch(of: /\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\n/) != nil, "\(outcome.stdout)")
    }

    /// The lines of the EXAMPLES block (trimmed, comments left out): from the heading to the first blank line.
    static func examples(in help: String) -> [String] {
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let heading = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "EXAMPLES:" }) else {
            return []
        }
        return lines[(heading + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("#") }
    }

    /// The long flags of an example line: `--name`, without an `=value`.
    static func flags(_ line: String) -> [String] {
        line.split(separator: " ").filter { $0.hasPrefix("--") }.map { String($0.split(separator: "=")[0]) }
    }

    /// Whether `text` names `flag` as a whole word (not as the start of a longer flag).
    static func mentions(_ text: Substring, _ flag: String) -> Bool {
        var rest = text[...]
        while let found = rest.range(of: flag) {
            let next = rest[found.upperBound...].first
            if next.map({ !$0.isLetter && !$0.isNumber && $0 != "-" }) ?? true { return true }
            rest = rest[found.upperBound...]
        }
        return false
    }
}
