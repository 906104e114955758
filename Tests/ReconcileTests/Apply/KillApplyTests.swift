import Foundation
import Reconcile
import RecordFormats
import SyncroAPI
import SyncroSimulator
import TestSupport
import Testing

/// The crash test of the apply protocol: the real binary is killed with SIGKILL at random moments while the
/// simulator also drops connections after applying some writes; every run after a kill is a rerun on the same
/// journal. At the end every operation must have happened exactly once.
@Suite("apply survives SIGKILL")
struct KillApplyTests {
    /// Trials; `APPLY_KILL_TRIALS` raises it for a longer soak.
    static let trials = ProcessInfo.processInfo.environment["APPLY_KILL_TRIALS"].flatMap(Int.init) ?? 20

    @Test("killed at random moments and re-run each time, every operation lands exactly once")
    func killAndRerun() async throws {
        try await SimulatedAccount.with(configure: { configuration in
            configuration.latencyMilliseconds = 2...25
            configuration.faults = try! FaultSpec.parse("dropAfterWrite=0.15")
            configuration.randomSeed = 42
        }) { account in
            let tickets = try await account.withClient { client in
                try await client.all(ListRequest(path: "/tickets", key: "tickets"), as: Ticket.self)
            }
            var operations: [PlanOperation] = []
            for ticket in tickets {
                guard let id = ticket.id else { continue }
                let detail = try await PlanFixture.ticket(id, in: account)
                operations.append(PlanFixture.update(detail, "priority", to: "2 Normal"))
                operations.append(PlanFixture.comment(detail, partnerID: "kill_c\(id)", body: "Restored note \(id)."))
                operations.append(
                    PlanFixture.comment(detail, partnerID: "kill_d\(id)", body: "Second note \(id).", hidden: false))
            }
            for index in 1...4 {
                operations.append(
                    PlanFixture.create(
                        customerID: 101, subject: "Kill test ticket \(index)", partnerID: "kill_t\(index)"))
            }
            let plan = PlanFixture.plan(operations)
            let directory = PlanFixture.temporaryPath("kill")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let planPath = directory + "/plan.json"
            try plan.write(to: planPath)

            let runner = CommandRunner(environment: [
                "SYNCRO_BASE_URL": account.baseURL, "SYNCRO_API_TOKEN": SampleTokens.full.secret,
            ])
            let arguments = ["apply", planPath, "--rate-limit", "100000", "--batch-size", "4", "--quiet"]
            var generator = SplitMix64(seed: 20_261_129)
            var killed = 0
            for _ in 0..<Self.trials {
                let running = try runner.start(arguments)
                try await Task.sleep(for: .milliseconds(Int(generator.next() % 400)))
                running.signal(SIGKILL)
                let outcome = await running.wait()
                if outcome.status == 128 + SIGKILL || outcome.status == -SIGKILL || outcome.status == SIGKILL {
                    killed += 1
                }
            }
            // Then run to the end: unknown outcomes from dropped answers are resolved by later runs.
            var final = try await runner.run(arguments)
            for _ in 0..<8 where final.status != 0 {
                #expect(final.status == 3, "apply failed: \(final.stderr)")
                final = try await runner.run(arguments)
            }
            if final.status != 0 {
                let journal = try await runner.run(["journal", directory + "/plan.journal"])
                Issue.record("apply did not finish: \(final.stdout)\(final.stderr)\njournal:\n\(journal.stdout)")
            }
            #expect(killed > 0, "no run was killed mid-way; the test proved nothing")

            let state = try await account.state()
            let stateTickets = (state["tickets"]?.arrayValue ?? []).compactMap(\.objectValue)
            for operation in operations {
                switch operation.kind {
                case .updateTicket:
                    let ticket = stateTickets.first { $0["id"]?.intValue == operation.ticketID }
                    #expect(ticket?["priority"] == "2 Normal")
                case .addComment:
                    let ticket = stateTickets.first { $0["id"]?.intValue == operation.ticketID }
                    let copies = (ticket?["comments"]?.arrayValue ?? []).filter {
                        $0["body"]?.stringValue.flatMap(ReferenceMarker.find)?.opKey == operation.opKey
                    }
                    #expect(copies.count == 1, "\(operation.partnerID ?? "") was posted \(copies.count) times")
                case .createTicket:
                    let copies = stateTickets.filter { $0["subject"] == operation.body["subject"] }
                    #expect(copies.count == 1, "\(operation.partnerID ?? "") was created \(copies.count) times")
                }
            }
        }
    }
}
