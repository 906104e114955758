import ArgumentParser
import Foundation
import Reconcile

/// `syncro-fusion journal PATH`: what an apply run did, record by record.
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Show what apply runs did: every journal record in order, then the latest state per operation.",
        discussion: """
            EXAMPLES:
              syncro-fusion journal plan.journal
              syncro-fusion journal /var/lib/syncro-fusion/plan.journal | tail -n 20
            """
    )

    @Argument(help: "The journal file (plan.journal beside the plan by default).")
    var path: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            CommandFailure.printError("there is no journal at \(path); apply writes it beside the plan")
            throw ExitCode(1)
        }
        do {
            let journal = try ApplyJournal(path: path, readOnly: true)
            let events = try journal.events()
            var text = ""
            for event in events {
                var line = "\(event.at)  \(event.state.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))"
                line += "  \(event.opKey)"
                if let ticket = event.ticketID { line += "  ticket \(ticket)" }
                if let status = event.httpStatus { line += "  HTTP \(status)" }
                if let id = event.syncroID { line += "  id \(id)" }
                if let detail = event.detail { line += "  \(detail)" }
                text += line + "\n"
            }
            let latest = try journal.entries()
            var counts: [JournalState: Int] = [:]
            for entry in latest.values { counts[entry.state, default: 0] += 1 }
            let summary = JournalState.allCases.compactMap { state in
                counts[state].map { "\(state.rawValue) \($0)" }
            }
            text +=
                "\(events.count) records, \(latest.count) operations: "
                + (summary.isEmpty ? "none" : summary.joined(separator: ", ")) + "\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            throw CommandFailure.report(error)
        }
    }
}
