import Foundation

/// Why `apply` stopped or refused to start. Every case is one sentence naming what to do.
package enum ApplyError: Error, Sendable, Hashable, LocalizedError {
    /// The operations or header changed after planning (the hash does not match).
    case planEdited(path: String)
    /// The plan is for another Syncro account.
    case foreignSubdomain(plan: String, account: String)
    /// The plan is older than its `max_age_seconds`.
    case planTooOld(ageSeconds: Int, maxAgeSeconds: Int)
    /// The operations to run touch or create more tickets than the blast-radius caps allow; `options` are the
    /// `--max-tickets N` / `--max-creates N` that would let them through.
    case aboveCaps(reason: String, options: [String])
    /// The approval file was written for another plan (its `plan_hash` is not the plan's).
    case approvalForOtherPlan(approval: String, plan: String)
    /// A request outside the write allowlist was about to be sent.
    case forbiddenRequest(String)
    /// `--approve` named a key that is not a review operation of the plan.
    case unknownApproval(String)
    /// The journal could not be opened, read or written.
    case journal(path: String, reason: String)
    /// A circuit breaker stopped the run.
    case circuitBreaker(String)

    package var errorDescription: String? {
        switch self {
        case .planEdited(let path):
            "the plan \(path) was changed after it was made (its hash does not match its operations); "
                + "make a new plan with syncro-fusion plan"
        case .foreignSubdomain(let plan, let account):
            "the plan is for the Syncro account \(plan), but the token belongs to \(account); "
                + "use the plan made for this account"
        case .planTooOld(let age, let maxAge):
            "the plan is \(age) seconds old, more than its max_age of \(maxAge) seconds; make a new plan "
                + "(or pass --force if you have checked that nothing changed)"
        case .aboveCaps(let reason, let options):
            "the plan is above the blast-radius caps: \(reason); nothing was sent, so review the plan and, if it is "
                + "meant to be this large, run apply again with \(options.joined(separator: " "))"
        case .approvalForOtherPlan(let approval, let plan):
            "the approval file \(approval) was made for another plan than \(plan) (its plan_hash differs), so it "
                + "approves nothing here; approve this plan with syncro-fusion approve"
        case .forbiddenRequest(let reason):
            "refused to send a request outside the write allowlist: \(reason)"
        case .unknownApproval(let key):
            "--approve names \(key), which is not a review operation of this plan; see the plan summary for the keys"
        case .journal(let path, let reason):
            "the apply journal \(path) cannot be used: \(reason); give a journal written by syncro-fusion apply, "
                + "or a new path"
        case .circuitBreaker(let reason):
            "apply stopped: \(reason); the journal is intact, fix the cause and run apply again"
        }
    }

    /// Whether the contract's exit code is 4 (a safety rule) rather than 1.
    package var isSafetyStop: Bool {
        switch self {
        case .journal, .unknownApproval: false
        default: true
        }
    }
}
