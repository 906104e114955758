import Foundation
import Logging
import RecordFormats
import SyncroAPI
import SyncroCatalog

/// Runs an export: fetch every requested entity into a staging database, then write each file under a temporary
/// name, rename them all, write `manifest.json`, and only then move the incremental state forward.
///
/// A failure or a kill before the renames leaves no file under a final name and the state untouched.
package struct Exporter: Sendable {
    package let client: SyncroClient
    package let options: ExportOptions
    package let logger: Logger
    package let progress: @Sendable (ExportProgress) -> Void

    package init(
        client: SyncroClient, options: ExportOptions, logger: Logger = Logger(label: "syncro-fusion.export"),
        progress: @escaping @Sendable (ExportProgress) -> Void = { _ in }
    ) {
        self.client = client
        self.options = options
        self.logger = logger
        self.progress = progress
    }

    /// Requests in flight at once: enough to keep the limiter busy through about a second of latency each.
    var concurrency: Int {
        options.concurrency ?? min(256, max(4, client.limiter.requestsPerMinute / 60 + 4))
    }

    package func run() async throws -> ExportManifest {
        let started = Date()
        let directory = options.outputDirectory
        try Self.prepare(directory: directory)
        let state = try options.statePath.map { path throws(ExportError) in try ExportState(path: path) }
        let staging: StagingStore
        do {
            staging = try StagingStore(path: directory + "/.syncro-fusion-staging-\(getpid()).sqlite")
        } catch {
            throw ExportError.stagingFailed("\(error)")
        }
        defer { staging.remove() }

        // The first request, alone: when nothing answers at the address, the export stops here with that one
        // error instead of every entity's requests meeting it again. Any other failure of /me only costs the
        // manifest its subdomain.
        let me: Me?
        do {
            me = try await client.me()
        } catch let error as SyncroAPIError where error.kind == .unreachable {
            throw error
        } catch {
            me = nil
        }
        var manifest = ExportManifest(
            subdomain: me?.subdomain ?? client.endpoint.subdomain, format: options.format, entities: options.entities,
            comments: options.comments, startedAt: started
        )
        let fetch = EntityFetch(
            client: client, staging: staging, fetcher: PageFetcher(client: client, concurrency: concurrency),
            options: options, state: state, logger: logger, progress: progress
        )
        try await fetch.run(into: &manifest)

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
        return manifest
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

    /// Deletes the work files of earlier runs that were killed (their process no longer exists).
    static func removeLeftovers(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(".syncro-fusion-") || (name.hasPrefix(".") && name.contains(".partial-"))
        {
            let digits = name.split(whereSeparator: { !$0.isNumber }).first { $0.count >= 2 }
            if let digits, let pid = Int32(String(digits)), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
