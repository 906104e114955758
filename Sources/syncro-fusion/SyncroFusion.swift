import ArgumentParser

/// The `syncro-fusion` command: export, diff and reconcile a Syncro account against Support Fusion.
@main
struct SyncroFusion: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncro-fusion",
        abstract: "Check, export, diff and reconcile a Syncro account against Support Fusion.",
        discussion: """
            Connection: --subdomain NAME (or SYNCRO_SUBDOMAIN), or --base-url URL (or SYNCRO_BASE_URL); the token \
            comes from SYNCRO_API_TOKEN or --token-file PATH, never from a flag value.
            Exit codes: 0 success, 1 error, 2 drift found / plan has operations, 3 apply finished with conflicts or \
            skips, 4 aborted by a safety rule, 64 bad usage.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, ExportCommand.self, DiffCommand.self, PlanCommand.self, ApplyCommand.self,
            JournalCommand.self,
            SimulateCommand.self,
            ConvertCommand.self,
        ]
    )
}
