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

            EXAMPLES:
              export SYNCRO_API_TOKEN="$(cat ~/.config/syncro-fusion/token)"
              syncro-fusion check --subdomain acme
              syncro-fusion export --subdomain acme --out exports/full --format jsonl
              syncro-fusion sync --subdomain acme --mirror ~/syncro/acme.mirror
              syncro-fusion diff --snapshot snapshot.json --export exports/full
              syncro-fusion plan --subdomain acme --snapshot snapshot.json --out plan.json
              syncro-fusion apply plan.json --subdomain acme --dry-run --approve all
              syncro-fusion approve plan.json --gate review --by "Dana Whitfield"
              syncro-fusion apply plan.json --subdomain acme --approval plan.approval.json
              syncro-fusion help apply
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, ExportCommand.self, SyncCommand.self, DiffCommand.self, PlanCommand.self,
            ApproveCommand.self,
            ApplyCommand.self, JournalCommand.self,
            SimulateCommand.self,
            ConvertCommand.self,
        ]
    )
}
