/// The files and columns of a CSV snapshot directory, exactly as `docs/snapshot-format.md` lists them.
///
/// Shared by the reader (which finds columns by name) and the writer (which writes them in this order).
enum CSVLayout {
    static let snapshot = "snapshot.csv"
    static let customers = "customers.csv"
    static let customerTags = "customer_tags.csv"
    static let contacts = "contacts.csv"
    static let contactTags = "contact_tags.csv"
    static let assets = "assets.csv"
    static let tickets = "tickets.csv"
    static let ticketTags = "ticket_tags.csv"
    static let ticketAssets = "ticket_assets.csv"
    static let ticketProperties = "ticket_properties.csv"
    static let comments = "comments.csv"

    static let snapshotColumns = [
        "schema", "schema_version", "snapshot_id", "generated_at", "relationship_id", "contract_name",
        "syncro_subdomain", "syncro_role", "partner_platform", "integration_user_id", "bidirectional",
        "sync_public_comments", "sync_private_comments",
    ]
    static let headerColumns = ["schema", "schema_version", "snapshot_id", "generated_at"]
    static let customerColumns = ["syncro_customer_id", "partner_id", "business_name", "email"]
    static let customerTagColumns = ["syncro_customer_id", "tag"]
    static let contactColumns = ["syncro_contact_id", "syncro_customer_id", "partner_id", "name", "email"]
    static let contactTagColumns = ["syncro_contact_id", "tag"]
    static let assetColumns = ["syncro_asset_id", "syncro_customer_id", "partner_id", "name", "serial", "asset_type"]
    static let ticketColumns = [
        "partner_ticket_id", "syncro_ticket_id", "syncro_ticket_number", "syncro_customer_id", "last_synced_at",
        "syncro_updated_at", "exp_subject", "exp_status", "exp_priority", "exp_problem_type", "exp_contact_id",
        "exp_user_id", "exp_due_date", "exp_customer_id", "cur_subject", "cur_status", "cur_priority",
    ]
    /// The `expected` fields that have an `exp_` column.
    static let expectedColumnFields = [
        "subject", "status", "priority", "problem_type", "contact_id", "user_id", "due_date", "customer_id",
    ]
    /// The `partner_current` fields that have a `cur_` column.
    static let currentColumnFields = ["subject", "status", "priority"]
    static let ticketTagColumns = ["partner_ticket_id", "tag"]
    static let ticketAssetColumns = ["partner_ticket_id", "syncro_asset_id"]
    static let ticketPropertyColumns = ["partner_ticket_id", "name", "value"]
    /// The columns of the file `name`, empty for a file the layout does not know.
    static func columns(of name: String) -> [String] {
        switch name {
        case snapshot: snapshotColumns + lastRunColumns
        case customers: customerColumns
        case customerTags: customerTagColumns
        case contacts: contactColumns
        case contactTags: contactTagColumns
        case assets: assetColumns
        case tickets: ticketColumns
        case ticketTags: ticketTagColumns
        case ticketAssets: ticketAssetColumns
        case ticketProperties: ticketPropertyColumns
        case comments: commentColumns
        default: []
        }
    }

    /// The optional columns of `snapshot.csv` for Support Fusion's last run (v1.1).
    static let lastRunColumns = ["last_run_status", "last_run_finished_at"]
    static let commentColumns = [
        "partner_ticket_id", "partner_comment_id", "syncro_comment_id", "hidden", "subject", "body", "body_sha256",
        "created_at", "author",
    ]
}
