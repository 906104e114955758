import Foundation
import RecordFormats
import Snapshot
import SyncroExport

/// `syncro-fusion diff` on a large generated snapshot and its matching export, against datacompy on the same
/// tickets.
///
/// One pass generates, for ticket i, the snapshot ticket (JSON document and CSV directory, both through
/// `SnapshotWriter`) and the Syncro side as `export` writes it (`tickets.csv`, `comments.csv`, a minimal
/// `manifest.json`). The Syncro side drifts on purpose, deterministically, for about 2 % of tickets: see
/// `Drift`. The diff runs as a child process, so its time and peak memory are the tool's own, once against each
/// snapshot format. datacompy compares the snapshot's `tickets.csv` with the export's, joined on the Syncro
/// ticket id (`scripts/diff_datacompy.py`), then in a second run also the two `comments.csv` files, joined on the
/// Syncro comment id; the diff also compares tags, custom fields and comment bodies (by normalised hash), which
/// datacompy cannot.
struct DiffBenchmark {
    /// Which records drift, by ticket index; every rule hits a disjoint residue class.
    enum Drift {
        /// Syncro's status differs from the expected one (`TICKET_FIELD`).
        static func status(_ i: Int) -> Bool { i % 100 == 1 }
        /// Syncro's subject differs (`TICKET_FIELD`).
        static func subject(_ i: Int) -> Bool { i % 250 == 2 }
        /// Syncro lacks the `co-managed` tag (`TICKET_TAGS_MISSING`).
        static func tag(_ i: Int) -> Bool { i % 500 == 3 }
        /// The ticket is not in the export (`TICKET_MISSING`).
        static func ticketGone(_ i: Int) -> Bool { i % 1000 == 4 }
        /// The first comment's body was edited in Syncro (`COMMENT_BODY_CHANGED`).
        static func bodyEdited(_ i: Int) -> Bool { i % 400 == 5 }
        /// The second comment is not in the export (`COMMENT_MISSING`).
        static func commentGone(_ i: Int) -> Bool { i % 800 == 6 }
        /// The second comment, a private note, is public in Syncro (`COMMENT_VISIBILITY_LEAK`).
        static func leaked(_ i: Int) -> Bool { i % 1500 == 7 }
    }

    /// How the next night's export differs from the first, for `diff --base --current`; disjoint residues again.
    enum NextNight {
        /// The ticket's status changed overnight.
        static func changed(_ i: Int) -> Bool { i % 50 == 9 }
        /// The ticket (with its comments) was deleted overnight.
        static func removed(_ i: Int) -> Bool { i % 200 == 11 }
    }

    /// What the next night's export differs by: tickets added, removed and changed, comments removed.
    struct Overnight: Equatable {
        var ticketsAdded = 0
        var ticketsRemoved = 0
        var ticketsChanged = 0
        var commentsRemoved = 0
    }

    struct Result {
        var tickets: Int
        var comments: Int
        var generationSeconds: Double
        var expectedFindings: Int
        /// How many times each process ran (the median run is reported).
        var runs: Int
        /// The diff against each snapshot format: format, run, findings in its report.
        var diffs: [(format: String, run: ChildProcess.Run, findings: Int)]
        /// datacompy on the tickets alone, then on tickets and comments (empty when it did not run).
        var datacompy: [DatacompyRun]
        /// Why datacompy did not run, when it did not.
        var datacompyNote: String?
        /// `diff --base --current` of the export against the next night's: the run, what it found, what was planted.
        var exportDiff: (run: ChildProcess.Run, found: Overnight?, planted: Overnight)?
    }

    struct DatacompyRun {
        var run: ChildProcess.Run
        /// Whether comments.csv was compared too (joined on the Syncro comment id: `hidden` and `subject`).
        var withComments: Bool
        /// The script's own measure of loading the CSVs and comparing, without interpreter start-up.
        var compareSeconds: Double
        var mismatchedRows: Int
        var onlyInSnapshot: Int
        var onlyInExport: Int
        /// Comment rows that differ or are on one side only (with comments).
        var commentRowsDiffering: Int
    }

    let binary: String
    let tickets: Int
    let commentsPerTicket: Int
    /// A Python interpreter that can import datacompy, if any.
    let python: String?
    let script: String
    /// Where to write the data and leave it (for profiling); nil: a temporary directory removed afterwards.
    var keepIn: String?
    /// The snapshot formats to diff (`json`, `csv`); datacompy always reads the CSV snapshot's tickets.csv.
    var formats: [String] = ["json", "csv"]
    /// How many times each process runs; the run with the median time is reported.
    var runs = 3

    static let integrationUser = 118
    static let statuses = ["New", "In Progress", "Waiting on Customer", "Scheduled"]
    static let priorities = ["0 Urgent", "1 High", "2 Normal", "3 Low"]
    static let problemTypes = ["Software", "Hardware", "Network"]

    func run() throws -> Result {
        let directory =
            keepIn ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-diff-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if keepIn == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let export = directory + "/export"
        let nextExport = directory + "/export-next"
        let jsonSnapshot = directory + "/snapshot.json"
        let csvSnapshot = directory + "/snapshot-csv"

        let start = ContinuousClock.now
        let (expected, overnight) = try generate(
            json: jsonSnapshot, csv: csvSnapshot, export: export, nextExport: nextExport)
        let generationSeconds = (ContinuousClock.now - start).seconds
        // The 1.5 GB just written would otherwise still be going to disk during the first runs: at a million
        // tickets that made the first diff 60 % slower than the next.
        sync()

        var diffs: [(format: String, run: ChildProcess.Run, findings: Int)] = []
        for (format, snapshot) in [("JSON", jsonSnapshot), ("CSV", csvSnapshot)]
        where formats.contains(format.lowercased()) {
            let report = directory + "/report-\(format).csv"
            print("diff: \(binary) diff --snapshot \(snapshot) --export \(export) (\(runs) runs) ...")
            let run = Self.median(
                try (0..<runs).map { _ in
                    try ChildProcess.run([
                        binary, "diff", "--snapshot", snapshot, "--export", export, "--report", "csv", "--output",
                        report,
                    ])
                })
            diffs.append((format, run, Self.dataRows(report)))
        }

        print("diff: \(binary) diff --base \(export) --current \(nextExport) (\(runs) runs) ...")
        let exportDiffReport = directory + "/export-diff.json"
        let exportDiffRun = Self.median(
            try (0..<runs).map { _ in
                try ChildProcess.run(
                    [binary, "diff", "--base", export, "--current", nextExport, "--report", "json"],
                    stdoutPath: exportDiffReport)
            })
        let exportDiff = (run: exportDiffRun, found: Self.overnight(exportDiffReport), planted: overnight)

        var datacompyRuns: [DatacompyRun] = []
        var note: String?
        if let python {
            for withComments in [false, true] {
                let files = withComments ? "tickets.csv and comments.csv" : "tickets.csv"
                print("diff: datacompy on the \(files) of \(csvSnapshot) and \(export) (\(runs) runs) ...")
                var attempts: [(run: ChildProcess.Run, output: String)] = []
                for attempt in 0..<runs {
                    let output = directory + "/datacompy\(withComments ? "-comments" : "")-\(attempt).json"
                    let run = try ChildProcess.run(
                        [python, script, csvSnapshot, export] + (withComments ? ["--with-comments"] : []),
                        stdoutPath: output)
                    attempts.append((run, output))
                }
                let median = Self.median(attempts.map(\.run))
                let (run, output) = attempts.first { $0.run.seconds == median.seconds } ?? attempts[0]
                guard run.exitStatus == 0, let data = FileManager.default.contents(atPath: output),
                    case .object(let fields)? = try? JSONValue.parse(Array(data))
                else {
                    note = "the datacompy script failed (exit \(run.exitStatus))"
                    break
                }
                datacompyRuns.append(
                    DatacompyRun(
                        run: run, withComments: withComments, compareSeconds: fields["seconds"]?.doubleValue ?? 0,
                        mismatchedRows: fields["mismatched_rows"]?.intValue ?? 0,
                        onlyInSnapshot: fields["only_in_snapshot"]?.intValue ?? 0,
                        onlyInExport: fields["only_in_export"]?.intValue ?? 0,
                        commentRowsDiffering: (fields["comment_mismatched_rows"]?.intValue ?? 0)
                            + (fields["comments_only_in_snapshot"]?.intValue ?? 0)
                            + (fields["comments_only_in_export"]?.intValue ?? 0)))
            }
        } else {
            note = "no Python with datacompy (scripts/bench.sh installs it into a venv when PyPI is reachable)"
        }
        return Result(
            tickets: tickets, comments: tickets * commentsPerTicket, generationSeconds: generationSeconds,
            expectedFindings: expected, runs: runs, diffs: diffs, datacompy: datacompyRuns, datacompyNote: note,
            exportDiff: exportDiff)
    }

    /// Writes both snapshots, the export and the next night's export; returns the number of findings the drift
    /// should give and how the two exports differ.
    private func generate(json: String, csv: String, export: String, nextExport: String) throws -> (Int, Overnight) {
        try FileManager.default.createDirectory(atPath: export, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: nextExport, withIntermediateDirectories: true)
        let header = SnapshotHeader(snapshotID: "bench-\(tickets)", generatedAt: Date(timeIntervalSince1970: 1.8e9))
        let relationship = Relationship(
            relationshipID: "rel_bench", contractName: "Benchmark co-managed support", syncroSubdomain: "bench",
            syncroRole: .target, partnerPlatform: "halopsa", integrationUserID: Self.integrationUser,
            syncPrivateComments: true)
        let writers = [
            try SnapshotWriter(path: json, format: .json, header: header, relationship: relationship),
            try SnapshotWriter(path: csv, format: .csv, header: header, relationship: relationship),
        ]
        let ticketColumns = EntityColumns.columns(.tickets, propertyNames: ["Partner Ticket"])
        let commentColumns = EntityColumns.base(.comments)
        let ticketFile = try CSVWriter(path: export + "/tickets.csv", columns: ticketColumns.map(\.header))
        let commentFile = try CSVWriter(path: export + "/comments.csv", columns: commentColumns.map(\.header))
        let nextTicketFile = try CSVWriter(path: nextExport + "/tickets.csv", columns: ticketColumns.map(\.header))
        let nextCommentFile = try CSVWriter(
            path: nextExport + "/comments.csv", columns: commentColumns.map(\.header))
        var overnight = Overnight()
        var findings = 0
        let syncedAt = Date(timeIntervalSince1970: 1.79e9)
        let stamp = "2026-11-28T22:10:12Z"

        for i in 0..<tickets {
            let syncroID = 50_000_000 + i
            let subject = "Printer jam on floor \(i % 9), ticket \(i)"
            let status = Self.statuses[i % Self.statuses.count]
            let priority = Self.priorities[(i / 4) % Self.priorities.count]
            let problemType = Self.problemTypes[i % Self.problemTypes.count]
            let customerID = 900_000 + i % 5_000
            let contactID = 5_500_000 + i % 20_000
            let userID = i % 10 == 0 ? Self.integrationUser : 119 + i % 5
            let tags: Set<String> = i % 4 == 0 ? ["co-managed", "vip"] : ["co-managed"]
            var values = TicketValues()
            values.subject = .value(subject)
            values.status = .value(status)
            values.priority = .value(priority)
            values.problemType = .value(problemType)
            values.contactID = .value(contactID)
            values.userID = .value(userID)
            values.dueDate = .null
            values.customerID = .value(customerID)
            values.tags = .value(tags)
            values.properties = .value(["Partner Ticket": "P\(i)"])

            var snapshotComments: [SnapshotComment] = []
            let gone = Drift.ticketGone(i)
            for k in 0..<commentsPerTicket {
                let commentID = 70_000_000 + i * commentsPerTicket + k
                let hidden = k % 2 == 1
                let body = "Update \(k) on ticket \(i): cleared the <b>print queue</b> &amp; restarted the spooler."
                snapshotComments.append(
                    SnapshotComment(
                        partnerCommentID: "A\(i)-\(k)", syncroCommentID: commentID, hidden: hidden,
                        subject: "Update", bodySHA256: BodyHash.sha256(body), createdAt: syncedAt,
                        author: "Sam (Contoso IT)"))
                guard !gone else { continue }
                if k == 1, Drift.commentGone(i) {
                    findings += 1
                    continue
                }
                let edited = k == 0 && Drift.bodyEdited(i)
                let leaked = k == 1 && Drift.leaked(i)
                if edited || leaked { findings += 1 }
                let record: JSONObject = [
                    "id": .int(commentID), "ticket_id": .int(syncroID), "created_at": .string(stamp),
                    "updated_at": .string(stamp), "subject": "Update",
                    "body": .string(edited ? body + " Edited in Syncro." : body), "tech": "Sam",
                    "hidden": .bool(hidden && !leaked), "user_id": .int(userID), "is_rich_text": false,
                ]
                let row = commentColumns.map { $0.cell(for: record) }
                try commentFile.writeRow(row)
                if NextNight.removed(i) {
                    overnight.commentsRemoved += 1
                } else {
                    try nextCommentFile.writeRow(row)
                }
            }
            let ticket = SnapshotTicket(
                partnerTicketID: "P\(i)", syncroTicketID: syncroID, syncroTicketNumber: 10_000 + i,
                syncroCustomerID: customerID, lastSyncedAt: syncedAt, syncroUpdatedAt: syncedAt, expected: values,
                comments: snapshotComments)
            for writer in writers { try writer.write(ticket) }

            if gone {
                findings += 1
                continue
            }
            var syncroTags = tags.sorted()
            if Drift.tag(i) {
                syncroTags.removeAll { $0 == "co-managed" }
                findings += 1
            }
            if Drift.status(i) || Drift.subject(i) { findings += 1 }
            let record = Self.exportTicket(
                id: syncroID, number: 10_000 + i, subject: Drift.subject(i) ? subject + " (edited)" : subject,
                status: Drift.status(i) ? "Resolved" : status, priority: priority, problemType: problemType,
                customerID: customerID, contactID: contactID, userID: userID, tags: syncroTags, partnerTicket: "P\(i)")
            try ticketFile.writeRow(ticketColumns.map { $0.cell(for: record) })
            if NextNight.removed(i) {
                overnight.ticketsRemoved += 1
            } else if NextNight.changed(i) {
                var changed = record
                changed["status"] = "Closed"
                try nextTicketFile.writeRow(ticketColumns.map { $0.cell(for: changed) })
                overnight.ticketsChanged += 1
            } else {
                try nextTicketFile.writeRow(ticketColumns.map { $0.cell(for: record) })
            }
        }
        // Syncro tickets by the integration user that no snapshot ticket links to (`TICKET_UNLINKED`).
        for j in 0..<max(1, tickets / 1000) {
            let record = Self.exportTicket(
                id: 60_000_000 + j, number: 5_000_000 + j, subject: "Created in Syncro \(j)", status: "New",
                priority: "2 Normal", problemType: "Other", customerID: 900_000, contactID: 5_500_000,
                userID: Self.integrationUser, tags: [], partnerTicket: nil)
            try ticketFile.writeRow(ticketColumns.map { $0.cell(for: record) })
            try nextTicketFile.writeRow(ticketColumns.map { $0.cell(for: record) })
            findings += 1
        }
        // Tickets created overnight.
        for j in 0..<max(1, tickets / 1000) {
            let record = Self.exportTicket(
                id: 61_000_000 + j, number: 6_000_000 + j, subject: "New overnight \(j)", status: "New",
                priority: "2 Normal", problemType: "Other", customerID: 900_001, contactID: 5_500_001,
                userID: 119, tags: [], partnerTicket: nil)
            try nextTicketFile.writeRow(ticketColumns.map { $0.cell(for: record) })
            overnight.ticketsAdded += 1
        }
        for writer in writers { try writer.finish() }
        for file in [ticketFile, commentFile, nextTicketFile, nextCommentFile] { try file.finish() }
        // The least `ExportDirectory` reads: the subdomain and that every comment was exported.
        let manifest: JSONValue = ["subdomain": "bench", "comments": "all"]
        for directory in [export, nextExport] {
            try Data(manifest.serialized().utf8).write(to: URL(fileURLWithPath: directory + "/manifest.json"))
        }
        return (findings, overnight)
    }

    /// What an export diff's JSON report found, in the terms of `Overnight`; nil when it cannot be read.
    static func overnight(_ path: String) -> Overnight? {
        guard let data = FileManager.default.contents(atPath: path),
            case .object(let report)? = try? JSONValue.parse(Array(data)),
            let entities = report["entities"]?.arrayValue
        else { return nil }
        func entity(_ name: String) -> JSONObject? {
            entities.lazy.compactMap(\.objectValue).first { $0["entity"]?.stringValue == name }
        }
        func count(_ entity: JSONObject?, _ key: String) -> Int { entity?[key]?.arrayValue?.count ?? 0 }
        let tickets = entity("tickets")
        let comments = entity("comments")
        return Overnight(
            ticketsAdded: count(tickets, "added"), ticketsRemoved: count(tickets, "removed"),
            ticketsChanged: count(tickets, "changed"), commentsRemoved: count(comments, "removed"))
    }

    /// A ticket record with the fields `export` writes to `tickets.csv`.
    private static func exportTicket(
        id: Int, number: Int, subject: String, status: String, priority: String, problemType: String,
        customerID: Int, contactID: Int, userID: Int, tags: [String], partnerTicket: String?
    ) -> JSONObject {
        [
            "id": .int(id), "number": .int(number), "subject": .string(subject), "status": .string(status),
            "priority": .string(priority), "problem_type": .string(problemType), "customer_id": .int(customerID),
            "customer_business_then_name": "Contoso Ltd", "contact_id": .int(contactID),
            "contact_fullname": "Jo Bloggs", "user_id": .int(userID), "created_at": "2026-11-01T09:00:00Z",
            "updated_at": "2026-11-28T22:10:12Z", "due_date": nil, "tag_list": .array(tags.map(JSONValue.string)),
            "asset_ids": [], "properties": .object(partnerTicket.map { ["Partner Ticket": .string($0)] } ?? [:]),
        ]
    }

    /// The run with the median wall time (the later of the two middle ones for an even count).
    static func median(_ runs: [ChildProcess.Run]) -> ChildProcess.Run {
        precondition(!runs.isEmpty, "a benchmark needs at least one run")
        return runs.sorted { $0.seconds < $1.seconds }[runs.count / 2]
    }

    /// Rows of a CSV report after its header (the benchmark's messages hold no line breaks).
    private static func dataRows(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return -1 }
        return max(0, data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1)
    }
}
