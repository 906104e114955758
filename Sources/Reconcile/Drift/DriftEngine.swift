import Foundation
import RecordFormats
import Snapshot
import SyncroCatalog
import SyncroExport

/// Compares a Support Fusion snapshot with Syncro and finds every drift of `docs/drift-codes.md`.
///
/// The Syncro side (`SyncroRecords`) is indexed by id in memory (a CSV export's tickets are read back from their
/// file when compared); the snapshot is streamed from a `SnapshotReader`, one record at a time, and each record is
/// compared as it arrives. That trade-off fits the data: an account's export is bounded by what Syncro holds, while snapshots can be larger (a long migration
/// history) and arrive in three formats. Beyond the Syncro side, memory holds the findings and the Syncro tickets
/// the snapshot links to (a bit per ticket, to find `TICKET_UNLINKED` at the end: `LinkedTickets`).
///
/// A pure stage: the same inputs give the same report, and nothing is written anywhere.
package struct DriftEngine: Sendable {
    /// Settable so that what the export lacks can be filled in before a comparison (`addAssetLinks(_:)`).
    package var syncro: SyncroRecords
    package let options: DriftOptions

    package init(syncro: SyncroRecords, options: DriftOptions = DriftOptions()) {
        self.syncro = syncro
        self.options = options
    }

    /// An engine over the export directory at `path`, keeping comment bodies when the options include them.
    package init(exportAt path: String, options: DriftOptions = DriftOptions()) throws {
        let directory = try ExportDirectory(path: path)
        self.init(syncro: try SyncroRecords.load(directory, keepBodies: options.includeBodies), options: options)
        // Loading read on two threads through large buffers; the comparison allocates key indexes next.
        ProcessMemory.releaseFree()
    }

    /// Throws the first ticket that did not read back from the export's tickets file as it was loaded
    /// (`SyncroRecords.ticketRowFailure`): the file changed during the comparison, so its report is not to be
    /// trusted. Call it after a report and before using it.
    package func verifyExportUnchanged() throws {
        if let failure = syncro.ticketRowFailure { throw failure }
    }

    /// Streams the snapshot at `path` (JSON, XML or a CSV directory) against Syncro; `progress` as for
    /// `report(reading:generatedAt:progress:observe:)`.
    package func report(
        snapshotAt path: String, generatedAt: Date = Date(), progress: ((DriftProgress) -> Void)? = nil
    ) -> DriftReport {
        report(reading: SnapshotReader(path: path), generatedAt: generatedAt, progress: progress)
    }

    /// Streams a snapshot reader against Syncro; the reader's error diagnostics become `SNAPSHOT_INVALID`.
    ///
    /// `observe` sees each snapshot record as it is compared, with the findings about it (the header with its
    /// `SNAPSHOT_SUBDOMAIN` finding, a ticket with its field, tag, asset and comment findings), so a later stage
    /// such as the planner can act on a record and its findings at once without holding the snapshot in memory.
    /// `progress`, when given, hears how far the comparison is every `DriftProgress.interval` records and once at
    /// the end, on the caller's thread.
    package func report(
        reading reader: SnapshotReader, generatedAt: Date = Date(), progress: ((DriftProgress) -> Void)? = nil,
        observe: (SnapshotElement, [DriftFinding]) -> Void = { _, _ in }
    ) -> DriftReport {
        // Decoding the snapshot and comparing it each take about half the time: on two cores they overlap.
        let prefetch = SnapshotPrefetch(reader: reader)
        defer { prefetch.cancel() }
        let totalBytes = reader.totalBytes
        let notify = progress.map { progress in
            { (records: Int, findings: Int) in
                progress(
                    DriftProgress(
                        records: records, findings: findings, bytesRead: min(prefetch.bytesRead, totalBytes),
                        totalBytes: totalBytes))
            }
        }
        return run(
            next: prefetch.next, diagnostics: { prefetch.diagnostics }, generatedAt: generatedAt, progress: notify,
            observe: observe)
    }

    /// Compares a snapshot held in memory (small snapshots, tests) along with the diagnostics its loading gave;
    /// `observe` as for `report(reading:generatedAt:observe:)`.
    package func report(
        for snapshot: Snapshot, diagnostics: [Diagnostic] = [], generatedAt: Date = Date(),
        observe: (SnapshotElement, [DriftFinding]) -> Void = { _, _ in }
    ) -> DriftReport {
        var elements: [SnapshotElement] = [.header(snapshot.header, snapshot.relationship)]
        elements += snapshot.customers.map(SnapshotElement.customer)
        elements += snapshot.contacts.map(SnapshotElement.contact)
        elements += snapshot.assets.map(SnapshotElement.asset)
        elements += snapshot.tickets.map(SnapshotElement.ticket)
        var iterator = elements.makeIterator()
        return run(
            next: { iterator.next() }, diagnostics: { diagnostics }, generatedAt: generatedAt, progress: nil,
            observe: observe)
    }

    /// The one comparison loop behind every entry point.
    ///
    /// A snapshot for another subdomain stops the comparison at its header: its records describe another account.
    /// An invalid snapshot is still compared record by record (the reader skips the records with errors), but
    /// `TICKET_UNLINKED` is then left out, since a ticket skipped for an error would show up as unlinked.
    private func run(
        next: () -> SnapshotElement?, diagnostics: () -> [Diagnostic], generatedAt: Date,
        progress: ((_ records: Int, _ findings: Int) -> Void)?, observe: (SnapshotElement, [DriftFinding]) -> Void
    ) -> DriftReport {
        var findings: [DriftFinding] = []
        var records = 0
        var header: SnapshotHeader?
        var relationship: Relationship?
        var linked = LinkedTickets(tickets: syncro.tickets)
        var seen = Set<ExportEntity>()
        var assetLinksUnknown = false
        var stopped = false
        reading: while let element = next() {
            defer {
                records += 1
                if records % DriftProgress.interval == 0 { progress?(records, findings.count) }
            }
            switch element {
            case .header(let snapshotHeader, let snapshotRelationship):
                header = snapshotHeader
                relationship = snapshotRelationship
                var found = subdomainFinding(snapshotRelationship).map { [$0] } ?? []
                if found.isEmpty, let unsettled = lastRunFinding(snapshotRelationship) { found.append(unsettled) }
                observe(element, found)
                findings += found
                if found.contains(where: { $0.gate == .abort }) {
                    stopped = true
                    break reading
                }
            case .customer(let customer):
                seen.insert(.customers)
                let found = self.findings(for: customer)
                observe(element, found)
                findings += found
            case .contact(let contact):
                seen.insert(.contacts)
                let found = self.findings(for: contact)
                observe(element, found)
                findings += found
            case .asset(let asset):
                seen.insert(.assets)
                let found = self.findings(for: asset)
                observe(element, found)
                findings += found
            case .ticket(let ticket):
                seen.insert(.tickets)
                if !ticket.comments.isEmpty { seen.insert(.comments) }
                if !assetLinksUnknown, syncro.assetLinks != .complete { assetLinksUnknown = needsAssetLinks(ticket) }
                if let id = ticket.syncroTicketID ?? syncro.createdTicket(partnerTicketID: ticket.partnerTicketID) {
                    linked.insert(id)
                }
                let found = self.findings(for: ticket)
                observe(element, found)
                findings += found
            }
        }
        let problems = diagnostics()
        findings += invalidFindings(problems)
        var notes = coverageNotes(seen: seen, assetLinksUnknown: assetLinksUnknown)
        if !stopped, header != nil, let userID = relationship?.integrationUserID {
            if problems.containsErrors {
                notes.append("the snapshot has errors, so unlinked integration-user tickets were not looked for")
            } else if syncro.entities.contains(.tickets) {
                findings += unlinkedTickets(linked: linked, integrationUserID: userID)
            }
        }
        progress?(records, findings.count)
        return DriftReport(
            snapshotID: header?.snapshotID, generatedAt: generatedAt,
            syncroSubdomain: syncro.subdomain ?? relationship?.syncroSubdomain, findings: findings, notes: notes)
    }

    // MARK: - Snapshot

    /// `SNAPSHOT_SUBDOMAIN` when the relationship and Syncro name different subdomains (both must be known).
    package func subdomainFinding(_ relationship: Relationship) -> DriftFinding? {
        guard let actual = syncro.subdomain else { return nil }
        let expected = relationship.syncroSubdomain
        let options = TextOptions.caseInsensitive
        guard FieldComparison.normalize(expected, options) != FieldComparison.normalize(actual, options) else {
            return nil
        }
        return DriftFinding(
            code: .snapshotSubdomain, partnerID: relationship.relationshipID, field: "syncro_subdomain",
            expected: .string(expected), current: .string(actual),
            message: "the snapshot is for the Syncro account \(expected), but Syncro here is \(actual)")
    }

    /// `SNAPSHOT_LAST_RUN` when the snapshot says Support Fusion's last run failed or was still running, with the
    /// gate the options give (`report` for a diff, `abort` for a plan).
    package func lastRunFinding(_ relationship: Relationship) -> DriftFinding? {
        guard let lastRun = relationship.lastRun, !lastRun.isSettled else { return nil }
        let finished = lastRun.finishedAt.map { " (finished \(ReportTime.format($0)))" } ?? ""
        let state = lastRun.status == .running ? "was still running" : "failed\(finished)"
        return DriftFinding(
            code: .snapshotLastRun, partnerID: relationship.relationshipID, field: "last_run.status",
            expected: .string(LastRun.Status.succeeded.rawValue), current: .string(lastRun.status.rawValue),
            gate: options.lastRunGate,
            message: "Support Fusion's last run \(state) when the snapshot was taken, so the snapshot may describe "
                + "a sync half done; take a snapshot after a successful run")
    }

    /// One `SNAPSHOT_INVALID` per error diagnostic of the reader (warnings are not drift).
    package func invalidFindings(_ diagnostics: [Diagnostic]) -> [DriftFinding] {
        diagnostics.filter { $0.severity == .error }.map { diagnostic in
            DriftFinding(
                code: .snapshotInvalid, partnerID: diagnostic.record, field: diagnostic.code,
                current: .string(diagnostic.location.description),
                message: "\(diagnostic.location): [\(diagnostic.code)] \(diagnostic.message)")
        }
    }

    /// `TICKET_UNLINKED` for each Syncro ticket by the integration user that no snapshot ticket links to.
    func unlinkedTickets(linked: LinkedTickets, integrationUserID: Int) -> [DriftFinding] {
        // Ids first: only the few unlinked tickets are unpacked, in the same order as iterating the records.
        syncro.tickets.ids.compactMap { id in
            guard !linked.contains(id), let record = syncro.tickets[id],
                record["user_id"]?.intValue == integrationUserID
            else { return nil }
            let number = record["number"].map { " #\($0.displayText)" } ?? ""
            let subject = record["subject"]?.stringValue.map { " (\($0))" } ?? ""
            return DriftFinding(
                code: .ticketUnlinked, syncroID: id, field: "user_id", expected: .null,
                current: .int(integrationUserID),
                message: "ticket\(number)\(subject) is by the integration user but no snapshot ticket links to it")
        }
    }

    /// Notes on the kinds of snapshot records `seen` that the Syncro side lacks, which were therefore not compared,
    /// and on asset links that were not compared for want of the tickets' details.
    private func coverageNotes(seen: Set<ExportEntity>, assetLinksUnknown: Bool) -> [String] {
        var notes: [String] = []
        if syncro.isPartial {
            notes.append(
                "the Syncro data is partial (an incremental export), so absent records were not reported missing")
        }
        for entity in [ExportEntity.tickets, .customers, .contacts, .assets]
        where seen.contains(entity) && !syncro.entities.contains(entity) {
            notes.append("the Syncro data has no \(entity.rawValue), so \(entity.rawValue) were not compared")
        }
        if assetLinksUnknown {
            notes.append(
                "the Syncro data lacks some tickets' asset links (an export without ticket details), so their "
                    + "missing assets were not reported")
        }
        guard seen.contains(.comments) else { return notes }
        switch syncro.commentCoverage {
        case .complete: break
        case .partial: notes.append("the Syncro data holds only some comments, so missing comments were not reported")
        case .none: notes.append("the Syncro data has no comments, so comments were not compared")
        }
        return notes
    }
}
