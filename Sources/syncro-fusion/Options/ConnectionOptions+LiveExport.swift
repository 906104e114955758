import Foundation
import Reconcile
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
        exportOptions.entities = [.tickets, .comments, .customers, .contacts, .assets, .tags]
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
