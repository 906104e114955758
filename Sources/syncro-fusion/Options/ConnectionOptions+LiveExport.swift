import Foundation
import Logging
import Reconcile
import SyncroAPI
import SyncroCatalog
import SyncroExport

/// Where `diff` and `plan` take the Syncro side from.
enum SyncroSide {
    /// A mirror made by `sync --mirror`, synced first when `refresh` is set.
    case mirror(String, refresh: Bool)
    /// An export directory.
    case export(String)
    /// The live account, read into a temporary mirror.
    case live
}

extension ConnectionOptions {
    /// The drift engine of `diff` and `plan` over `side`, with the asset links the snapshot at `snapshot` needs.
    ///
    /// Ticket list rows carry no asset links, so a source made without `--details all` does not know them: the
    /// details of exactly the tickets whose snapshot expectations manage asset links are read (a mirror's rows that
    /// hold their detail first; each one read is merged into the mirror), and one line says how many. Without a
    /// token those tickets' assets are not compared, and one line says that instead.
    func driftEngine(
        _ side: SyncroSide, snapshot: String, command: String, output: OutputOptions, options: DriftOptions,
        progress: ProgressLine
    ) async throws -> DriftEngine {
        let logger = output.logger()
        switch side {
        case .export(let directory):
            progress.show(phase: "\(command): loading the export in \(directory)")
            var engine = try DriftEngine(exportAt: directory, options: options)
            let client = try? client(endpoint: endpoint(), token: token(logger: logger), logger: logger)
            try await addAssetLinks(to: &engine, snapshot: snapshot, client: client, store: nil, logger: logger)
            try? await client?.shutdown()
            return engine
        case .mirror(let path, let refresh):
            progress.show(phase: "\(command): reading the mirror \(path)")
            // A token is needed to refresh, and welcome to read missing details; without one the mirror is read
            // as it stands.
            let client: SyncroClient?
            if refresh {
                client = self.client(endpoint: try endpoint(), token: try token(logger: logger), logger: logger)
            } else {
                client = try? self.client(endpoint: endpoint(), token: token(logger: logger), logger: logger)
            }
            do {
                let store = try StagingStore.openMirror(path: path)
                defer { store.close() }
                if let client, refresh {
                    let report = try await MirrorSync(
                        client: client, store: store, options: Self.driftSync, logger: logger
                    ).run()
                    logger.info("\(SyncCommand.summary(report, mirror: path))")
                }
                var engine = try Self.engine(reading: path, options: options)
                try await addAssetLinks(
                    to: &engine, snapshot: snapshot, client: client, store: store, logger: logger, required: refresh)
                try? await client?.shutdown()
                return engine
            } catch {
                try? await client?.shutdown()
                throw error
            }
        case .live:
            let client = self.client(endpoint: try endpoint(), token: try token(logger: logger), logger: logger)
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("syncro-fusion-live-\(getpid())-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            do {
                // As an export's: the account's own name for itself is the Syncro side's, for the snapshot's
                // subdomain check.
                let me = try await Exporter.firstRequest(client)
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                let path = directory + "/live.mirror"
                let store = try StagingStore.openMirror(path: path)
                defer { store.close() }
                _ = try await MirrorSync(client: client, store: store, options: Self.driftSync, logger: logger).run()
                if let subdomain = me?.subdomain { try store.setMeta(["subdomain": subdomain]) }
                var engine = try Self.engine(reading: path, options: options)
                try await addAssetLinks(
                    to: &engine, snapshot: snapshot, client: client, store: store, logger: logger, required: true)
                try? await client.shutdown()
                return engine
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// A drift engine over a mirror: its records written as an export (JSON Lines, into a temporary directory
    /// removed afterwards) with no request, then loaded like any export, so a mirror gives exactly the findings
    /// that an export of the same state gives.
    private static func engine(reading mirror: String, options: DriftOptions) throws -> DriftEngine {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("syncro-fusion-mirror-\(getpid())-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var exportOptions = ExportOptions(outputDirectory: directory)
        exportOptions.format = .jsonl
        exportOptions.entities = driftEntities
        _ = try MirrorExport.run(mirror: mirror, options: exportOptions)
        return try DriftEngine(exportAt: directory, options: options)
    }

    /// Reads the asset links the snapshot needs and the engine lacks; see `driftEngine`. Where reading them is
    /// optional (an export, or a mirror read as it stands) a failure leaves those tickets' assets uncompared, with
    /// one line saying why; otherwise it stops the command.
    private func addAssetLinks(
        to engine: inout DriftEngine, snapshot: String, client: SyncroClient?, store: StagingStore?, logger: Logger,
        required: Bool = false
    ) async throws {
        let needed = engine.ticketsNeedingAssetLinks(snapshotAt: snapshot)
        guard !needed.isEmpty else { return }
        let links: [Int: [Int]]
        let requested: Int
        do {
            (links, requested) = try await TicketDetails.assetLinks(of: needed, client: client, store: store)
        } catch  where !required {
            logger.warning(
                "the asset links of \(needed.count) ticket(s) are not compared: their details could not be read (\(error))"
            )
            return
        }
        engine.addAssetLinks(links)
        if requested > 0 {
            logger.info(
                "read the details of \(requested) ticket(s) whose snapshot expectations manage asset links (ticket list rows carry none)"
            )
        }
        let unknown = needed.count - links.count
        if client == nil, unknown > 0 {
            logger.warning(
                "the asset links of \(unknown) ticket(s) are not compared: the Syncro data lacks their details; give a token (SYNCRO_API_TOKEN or --token-file) to read them, or export with --details all"
            )
        }
    }

    /// What the drift rules read of the Syncro side.
    static let driftEntities: [ExportEntity] = [.tickets, .comments, .customers, .contacts, .assets, .tags]

    /// How `diff` and `plan` sync a mirror (`--refresh`, and the live account's temporary one).
    static var driftSync: MirrorOptions {
        var options = MirrorOptions()
        options.entities = driftEntities
        return options
    }
}
