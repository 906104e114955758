import Foundation
import Logging
import RecordFormats
import SyncroAPI
import SyncroCatalog

/// Runs an export: sync the account into a staging mirror in the output directory, then write each file under a
/// temporary name, rename them all, write `manifest.json`, move the incremental state forward, and only then
/// delete the staging mirror.
///
/// The fetching is `MirrorSync`'s, page by committed page, so an export killed half-way (or stopped by a network
/// failure) and run again with the same arguments continues where it stopped. A failure or a kill before the
/// renames leaves no file under a final name and the state untouched; only the hidden staging mirror stays.
package struct Exporter: Sendable {
    package let client: SyncroClient
    package let options: ExportOptions
    package let logger: Logger
    package let progress: @Sendable (ExportProgress) -> Void

    /// The staging mirror's name in the output directory: fixed, so that the next run finds it.
    package static let stagingName = ".syncro-fusion-export.sqlite"

    package init(
        client: SyncroClient, options: ExportOptions, logger: Logger = Logger(label: "syncro-fusion.export"),
        progress: @escaping @Sendable (ExportProgress) -> Void = { _ in }
    ) {
        self.client = client
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    package func run() async throws -> ExportManifest {
        let started = Date()
        let directory = options.outputDirectory
        try Self.prepare(directory: directory)
        let state = try options.statePath.map { path throws(ExportError) in try ExportState(path: path) }

        let me = try await Self.firstRequest(client)
        var manifest = ExportManifest(
            subdomain: me?.subdomain ?? client.endpoint.subdomain, format: options.format, entities: options.entities,
            comments: options.comments, startedAt: started
        )
        manifest.details = options.details
        let sync = try mirrorOptions(state: state, manifest: &manifest)
        let staging = try openStaging(directory + "/" + Self.stagingName, for: sync)
        let report: MirrorReport
        do {
            report = try await MirrorSync(
                client: client, store: staging, options: sync, logger: logger, progress: { progress(.fetching($0)) }
            ).run()
        } catch let error as SyncroAPIError where [.permissionDenied, .unauthorized].contains(error.kind) {
            // Running again cannot help until the token changes: nothing is kept.
            staging.remove()
            throw error.kind == .permissionDenied ? refusal(error) : error
        } catch {
            // Kept, so that the same export run again continues from what was committed.
            staging.close()
            throw error
        }
        try complete(&manifest, from: staging, report: report, state: state, sync: sync)

        try Self.writeFiles(from: staging, options: options, into: &manifest, progress: progress)
        let statistics = client.statistics.snapshot
        manifest.requests = statistics.requests
        manifest.rateLimited = statistics.rateLimited
        manifest.retries = statistics.retries
        manifest.finishedAt = Date()
        try manifest.write(to: directory + "/manifest.json")

        if let state {
            var fingerprints: [ExportEntity: [(id: Int, hash: String, updatedAt: Double?)]] = [:]
            // Comments and tags are parts of tickets and customers, which carry their changes.
            for entity in ExportEntity.allCases where ![.comments, .tags].contains(entity) {
                fingerprints[entity] = try staging.fingerprints(entity)
            }
            try state.save(
                fingerprints: fingerprints, watermarks: manifest.nextWatermarks, subdomain: manifest.subdomain)
        }
        staging.remove()
        return manifest
    }

    /// `GET /me`, the first request, alone: when nothing answers at the address, a run stops here with that one
    /// error instead of every listing meeting it again. Any other failure only costs the account's name for
    /// itself (nil).
    package static func firstRequest(_ client: SyncroClient) async throws -> Me? {
        do {
            return try await client.me()
        } catch let error as SyncroAPIError where error.kind == .unreachable {
            throw error
        } catch {
            return nil
        }
    }

    /// What the staging mirror syncs: the export's entities, details and comments, listed from `--since` or from
    /// the state's watermarks (minus the overlap) where the entity has an updated-since filter. Notes in the
    /// manifest the watermarks used.
    private func mirrorOptions(state: ExportState?, manifest: inout ExportManifest) throws -> MirrorOptions {
        var sync = MirrorOptions()
        sync.entities = options.entities.filter { $0 != .comments || options.comments != .none }
        sync.details = options.details
        sync.comments = options.comments
        sync.overlap = options.overlap
        sync.concurrency = options.concurrency
        for entity in ExportEntity.allCases where entity == .tickets || entity.definition.incrementalFilter != nil {
            let used: Date?
            if let since = options.since {
                used = since
                sync.since[entity] = since
            } else if let watermark = try state?.watermark(for: entity) {
                used = watermark
                sync.since[entity] = watermark.addingTimeInterval(-options.overlap)
            } else {
                used = nil
            }
            if entity == .tickets {
                manifest.watermarkUsed = used
            } else if sync.entities.contains(entity) {
                manifest.entityWatermarks[entity] = (used, nil)
            }
        }
        return sync
    }

    /// The staging mirror at `path`: the one a killed run of the same export left, else a new one.
    private func openStaging(_ path: String, for sync: MirrorOptions) throws -> StagingStore {
        let signature = Self.signature(of: options, sync: sync)
        do {
            var store = try StagingStore.openMirror(path: path)
            if try store.meta("export.signature") != signature {
                store.remove()
                store = try StagingStore.openMirror(path: path)
                try store.setMeta(["export.signature": signature])
            } else {
                logger.info("continuing the export that an earlier run left unfinished in \(path)")
            }
            return store
        } catch {
            // Not a mirror of ours (a stray file): start anew.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            do {
                let store = try StagingStore.openMirror(path: path)
                try store.setMeta(["export.signature": signature])
                return store
            } catch {
                throw ExportError.stagingFailed("\(error)")
            }
        }
    }

    /// What must be the same for a run to continue another's staging: everything that decides which records are
    /// fetched (the format is only how they are written).
    static func signature(of options: ExportOptions, sync: MirrorOptions) -> String {
        var parts = [
            "entities=" + options.entities.map(\.rawValue).joined(separator: ","),
            "comments=\(options.comments.rawValue)", "details=\(options.details.rawValue)",
        ]
        for (entity, instant) in sync.since.sorted(by: { $0.key < $1.key }) {
            parts.append("since.\(entity.rawValue)=\(instant.timeIntervalSince1970)")
        }
        return parts.joined(separator: ";")
    }

    /// After the sync: the manifest's counts of duplicates and listings, the next watermarks, `--since` on the
    /// entities the API cannot filter, and an incremental run's drop of what the state already holds.
    private func complete(
        _ manifest: inout ExportManifest, from staging: StagingStore, report: MirrorReport, state: ExportState?,
        sync: MirrorOptions
    ) throws {
        manifest.duplicates = report.duplicates
        manifest.warnings += report.warnings
        let listed = ExportEntity.allCases.filter { entity in
            entity.definition.source == .list
                && (sync.entities.contains(entity) || entity == .customers && sync.entities.contains(.tags))
        }
        for entity in listed {
            guard let expected = try staging.meta("entries.\(entity.rawValue)").flatMap(Int.init) else { continue }
            let staged = try staging.count(entity)
            manifest.totalEntries[entity] = (api: expected, staged: staged)
            if expected != staged {
                let message =
                    "\(entity.rawValue): the API reported \(expected) records and \(staged) were listed; records changed while paging."
                manifest.warnings.append(message)
                logger.warning("\(message)")
            }
        }
        manifest.nextWatermark =
            try staging.newestUpdate(.tickets).map(Date.init(timeIntervalSince1970:)) ?? manifest.watermarkUsed
        for (entity, marks) in manifest.entityWatermarks {
            let newest = try staging.newestUpdate(entity).map(Date.init(timeIntervalSince1970:))
            manifest.entityWatermarks[entity] = (marks.used, [newest, marks.used].compactMap { $0 }.max())
        }
        if let since = options.since {
            for entity in listed + [.users] {
                try staging.dropUpdated(before: since.timeIntervalSince1970, for: entity)
            }
        }
        if let state {
            for entity in ExportEntity.allCases where ![.comments, .tags].contains(entity) {
                let dropped = try staging.dropUnchanged(entity, state: state)
                if dropped > 0 || sync.entities.contains(entity) { manifest.unchanged[entity] = dropped }
            }
            // Comments go with their tickets: those of a ticket that did not change are not exported again.
            try staging.dropCommentsOfAbsentTickets()
        }
    }

    /// Syncro's permission refusal of a request, as the sentence that names the entity and its permission.
    private func refusal(_ error: SyncroAPIError) -> ExportError {
        let path = error.path
        let entity: ExportEntity
        if path.hasPrefix("/tickets/") || path.hasPrefix("/ticket_comments") {
            // A ticket's detail or the comments need "View Details", not the list's permission.
            entity = .comments
        } else {
            entity =
                options.entities.first { entity in
                    guard let listPath = entity.definition.path else { return false }
                    return path == listPath || path.hasPrefix(listPath + "/")
                } ?? ExportEntity.allCases.first { $0.definition.path == path } ?? .tickets
        }
        return .permissionDenied(
            entity: entity.rawValue, endpoint: error.endpoint, permissions: entity.definition.permissions)
    }

    /// Writes every requested file from `records` (a staging store or a mirror), renames them into place together
    /// and puts their names, sizes and counts into the manifest.
    static func writeFiles(
        from records: StagingStore, options: ExportOptions, into manifest: inout ExportManifest,
        progress: @escaping @Sendable (ExportProgress) -> Void
    ) throws {
        let writer = ExportWriter(staging: records, options: options, progress: progress)
        manifest.files = try writer.moveIntoPlace(try writer.writeAll())
        for summary in manifest.files {
            let stem = URL(fileURLWithPath: summary.path).deletingPathExtension().lastPathComponent
            if let entity = ExportEntity(rawValue: stem) { manifest.counts[entity] = summary.records }
        }
    }

    static func prepare(directory: String) throws(ExportError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .outputNotDirectory(directory) }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .outputNotWritable(directory, reason: whyNotCreatable(directory))
            }
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw .outputNotWritable(directory, reason: "this user may not write into it")
        }
        removeLeftovers(in: directory)
    }

    /// Why `directory` could not be created, in words (Foundation's own error is only "NSCocoaErrorDomain error 512"):
    /// the nearest existing ancestor is a file, or this user may not write into it.
    static func whyNotCreatable(_ directory: String) -> String {
        var ancestor = URL(fileURLWithPath: directory).deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory), ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        if !isDirectory.boolValue { return "\(ancestor.path) is a file, not a directory" }
        if !FileManager.default.isWritableFile(atPath: ancestor.path) {
            return "this user may not create directories in \(ancestor.path)"
        }
        return "the directory could not be created"
    }

    /// Deletes the work files of earlier runs that were killed (their process no longer exists); the staging
    /// mirror stays, for the next run of the same export to continue.
    static func removeLeftovers(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(".syncro-fusion-") || (name.hasPrefix(".") && name.contains(".partial-"))
        {
            if name.hasPrefix(stagingName) { continue }
            let digits = name.split(whereSeparator: { !$0.isNumber }).first { $0.count >= 2 }
            if let digits, let pid = Int32(String(digits)), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
