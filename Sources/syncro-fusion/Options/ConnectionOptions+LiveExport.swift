import Foundation
import Reconcile
import SyncroCatalog
import SyncroExport

extension ConnectionOptions {
    /// A drift engine over the live account: exported first (JSON Lines, into a temporary directory removed
    /// afterwards), then loaded as an export directory, so `diff` and `plan` compare the account exactly as they
    /// compare an export.
    func liveDriftEngine(output: OutputOptions, options: DriftOptions) async throws -> DriftEngine {
        let logger = output.logger()
        let client = client(endpoint: try endpoint(), token: try token(logger: logger), logger: logger)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("syncro-fusion-live-\(getpid())-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var exportOptions = ExportOptions(outputDirectory: directory)
        exportOptions.format = .jsonl
        exportOptions.entities = Self.driftEntities
        do {
            _ = try await Exporter(client: client, options: exportOptions, logger: logger).run()
            try? await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
        return try DriftEngine(exportAt: directory, options: options)
    }
}

extension ConnectionOptions {
    /// A drift engine over a mirror (`sync --mirror`): its records written as an export (JSON Lines, into a
    /// temporary directory removed afterwards) with no request, then loaded like any export, so `diff --mirror`
    /// and `plan --mirror` find exactly what `--export` of the same state finds. `refresh` syncs the mirror first.
    func mirrorDriftEngine(mirror: String, refresh: Bool, output: OutputOptions, options: DriftOptions) async throws
        -> DriftEngine
    {
        if refresh {
            let logger = output.logger()
            let client = client(endpoint: try endpoint(), token: try token(logger: logger), logger: logger)
            let store = try StagingStore.openMirror(path: mirror)
            defer { store.close() }
            var syncOptions = MirrorOptions()
            syncOptions.entities = Self.driftEntities
            do {
                let report = try await MirrorSync(client: client, store: store, options: syncOptions, logger: logger)
                    .run()
                try? await client.shutdown()
                logger.info("\(SyncCommand.summary(report, mirror: mirror))")
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("syncro-fusion-mirror-\(getpid())-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var exportOptions = ExportOptions(outputDirectory: directory)
        exportOptions.format = .jsonl
        exportOptions.entities = Self.driftEntities
        _ = try MirrorExport.run(mirror: mirror, options: exportOptions)
        return try DriftEngine(exportAt: directory, options: options)
    }

    /// What the drift rules read of the Syncro side.
    static let driftEntities: [ExportEntity] = [.tickets, .comments, .customers, .contacts, .assets, .tags]
}
