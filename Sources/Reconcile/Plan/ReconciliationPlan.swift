import Foundation
import RecordFormats

/// A reviewable, hashed set of writes that brings Syncro back in line with a Support Fusion snapshot.
///
/// The plan file of `spec/reconcile-v1.md`. `hash` covers the header fields and the operations
/// (`PlanHash`), so `apply` can refuse a plan whose operations were edited after planning. Report-only
/// findings travel with the plan, in the drift report's JSON shape, for the review page and the summary.
/// Nothing in a plan is secret: bodies are those of the snapshot, and the token never enters it.
package struct ReconciliationPlan: Sendable, Hashable {
    package static let version = 1
    /// The default `max_age_seconds`: one hour.
    package static let defaultMaxAge = 3600

    package var createdAt: Date
    package var maxAgeSeconds: Int
    package var snapshotID: String
    package var syncroSubdomain: String
    /// The snapshot's relationship; part of every operation key.
    package var relationshipID: String
    /// The opt-in kinds the operator asked for (`create-tickets`, `add-comments`).
    package var allowed: [String]
    /// The snapshot's tickets that carry a Syncro ticket id, for the 10 % blast-radius cap; nil in a plan made
    /// before plans recorded it (then `blast_radius` is absent and only the absolute caps apply).
    package var linkedTickets: Int?
    /// The `blast_radius` counts a plan file recorded, when they are not what its operations give (an edited file):
    /// the hash covers them as written, so such a plan is not intact. Nil otherwise. The caps never use these:
    /// `apply` counts the operations itself.
    package var recordedBlastRadius: BlastRadius?
    package var estimate: PlanEstimate
    package var operations: [PlanOperation]
    /// Report-only findings, each in the drift report's JSON shape.
    package var findings: [JSONValue]
    /// Sentences for people about the plan as a whole (a suspicious snapshot); outside the hash, like findings.
    package var warnings: [String]
    /// `sha256:` and the hex digest of the canonical header and operations; see `PlanHash`.
    package var hash: String

    /// A plan whose hash is computed from its contents.
    package init(
        createdAt: Date, maxAgeSeconds: Int = defaultMaxAge, snapshotID: String, syncroSubdomain: String,
        relationshipID: String, allowed: [String] = [], linkedTickets: Int? = nil, estimate: PlanEstimate,
        operations: [PlanOperation], findings: [JSONValue] = [], warnings: [String] = []
    ) {
        self.createdAt = Date(timeIntervalSince1970: (createdAt.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.maxAgeSeconds = maxAgeSeconds
        self.snapshotID = snapshotID
        self.syncroSubdomain = syncroSubdomain
        self.relationshipID = relationshipID
        self.allowed = allowed
        self.linkedTickets = linkedTickets
        self.estimate = estimate
        self.operations = operations
        self.findings = findings
        self.warnings = warnings
        hash = ""
        hash = PlanHash.compute(self)
    }

    /// Whether the stored hash still matches the header and operations.
    package var isIntact: Bool { PlanHash.compute(self) == hash }

    /// How old the plan is at `now`.
    package func age(at now: Date) -> TimeInterval { now.timeIntervalSince(createdAt) }

    /// What all the plan's operations touch (`apply` caps only the operations it would run; see `BlastRadiusCaps`).
    package var blastRadius: BlastRadius { BlastRadius(operations: operations) }

    /// Operations by gate.
    package func operations(_ gate: Gate) -> [PlanOperation] { operations.filter { $0.gate == gate } }
}
