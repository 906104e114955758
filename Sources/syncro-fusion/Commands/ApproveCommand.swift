import ArgumentParser
import Foundation
import Reconcile

/// `syncro-fusion approve PLAN`: an approval file for some of the plan's review operations, bound to its hash.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a plan's review operations in a file that apply --approval reads.",
        discussion: """
            Writes an approval file (JSON, atomically; default: beside the plan, plan.approval.json) naming who \
            approved which review operations of the plan, bound to the plan's content hash: {"approval_version": \
            1, "plan_hash": "sha256:...", "approved_by": NAME, "approved_at": TIME, "op_keys": [...]}. apply \
            --approval FILE then runs exactly those review operations, as --approve KEY,... does, and refuses the \
            file for any other plan. --all and --gate review approve every review operation; --keys only the \
            listed ones, which must be review operations of the plan. The review page (plan --html) downloads the \
            same file. Makes no request. Exit 0 written, 4 the plan was edited after planning, 64 bad usage (an \
            unknown key), 1 other errors.

            EXAMPLES:
              syncro-fusion approve plan.json --gate review --by "Dana Whitfield"
              syncro-fusion approve plan.json --keys OP_KEY,OP_KEY --by "Dana Whitfield"
              syncro-fusion approve plan.json --all --by dana --out approvals/plan-0302.json
            """
    )

    @Argument(help: "The plan file made by syncro-fusion plan.")
    var plan: String

    @Flag(help: "Approve every review operation of the plan.")
    var all = false

    @Option(help: ArgumentHelp("Approve these review operations (comma-separated op keys).", valueName: "keys"))
    var keys: String?

    @Option(help: ArgumentHelp("Approve every operation of this gate; only review needs approval.", valueName: "gate"))
    var gate: String?

    @Option(help: ArgumentHelp("Who approves: a name for the record.", valueName: "name"))
    var by: String

    @Option(help: ArgumentHelp("The approval file; default: the plan's path with .approval.json.", valueName: "file"))
    var out: String?

    func validate() throws {
        let ways = [all, keys != nil, gate != nil].filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError("give exactly one of --all, --keys KEY,... and --gate review.")
        }
        if let gate, gate != "review" {
            throw ValidationError("--gate \(gate): only review operations need approval; use --gate review.")
        }
        if let keys, keys.split(separator: ",").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--keys needs a comma-separated list of op keys.")
        }
        guard !by.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--by needs the name of the person who approves.")
        }
        if let out, out == plan { throw ValidationError("--out must not be the plan file itself.") }
    }

    func run() throws {
        let loaded: ReconciliationPlan
        do {
            loaded = try ReconciliationPlan.load(path: plan)
        } catch {
            throw CommandFailure.report(error)
        }
        guard loaded.isIntact else {
            CommandFailure.printError(
                "the plan \(plan) was changed after it was made (its hash does not match its operations), so it "
                    + "cannot be approved; make a new plan with syncro-fusion plan")
            throw ExitCode(4)
        }
        let review = loaded.operations(.review).map(\.opKey)
        let chosen =
            keys.map { list in
                list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            } ?? review
        guard !chosen.isEmpty else {
            CommandFailure.printError("the plan \(plan) has no review operations, so there is nothing to approve.")
            throw ExitCode(1)
        }
        let approval: PlanApproval
        do {
            approval = try PlanApproval(
                plan: loaded, keys: chosen, by: by.trimmingCharacters(in: .whitespaces))
        } catch {
            CommandFailure.printError("--keys: \(error.errorDescription ?? "\(error)").")
            throw ExitCode.validationFailure
        }
        let path = out ?? PlanApproval.defaultPath(forPlan: plan)
        do {
            try approval.write(to: path)
        } catch {
            throw CommandFailure.report(error)
        }
        let count = approval.opKeys.count == 1 ? "1 review operation" : "\(approval.opKeys.count) review operations"
        FileHandle.standardOutput.write(
            Data(
                ("approved \(count) of \(review.count) by \(approval.approvedBy) for plan \(loaded.hash)\n"
                    + "  \(approval.opKeys.joined(separator: "\n  "))\n"
                    + "wrote \(path); run: syncro-fusion apply \(plan) --approval \(path)\n").utf8))
    }
}
