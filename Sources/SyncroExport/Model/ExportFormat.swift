/// The file format of an export.
package enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case csv, json, jsonl, xml

    /// The file extension, without the dot.
    package var fileExtension: String { rawValue }

    /// The format a path names by its extension (`.csv`, `.json`, `.jsonl`, `.xml`).
    package init?(pathExtension: String) {
        self.init(rawValue: pathExtension.lowercased())
    }
}

/// How much comment history an export fetches.
package enum CommentsMode: String, Sendable, Hashable, CaseIterable {
    /// Every comment of every exported ticket: in bulk (`GET /ticket_comments`), per ticket where the account lacks
    /// that endpoint, or with the ticket details (`--details all`).
    case all
    /// Only the first comment, which list rows carry; no extra requests.
    case first
    /// No comments file.
    case none
}
