import Foundation
import RecordFormats

extension ReconciliationPlan {
    /// A review page for people who approve the plan: one self-contained HTML document (inline CSS, nothing loaded
    /// from elsewhere) with the header, the blast radius and caps, the operations grouped by ticket with their
    /// values before and after, gates, codes, keys, requests and messages, and the report-only findings.
    ///
    /// When the plan has review operations, each has a checkbox, and an approval form (a name field and a button)
    /// builds the approval file of `PlanApproval` in the page's one inline script, with the plan's hash embedded,
    /// and downloads it through a Blob link: no network. A plan without review operations has no script at all.
    ///
    /// Every text from the snapshot or Syncro is escaped: a subject of `<script>` shows as text.
    package func html(path: String? = nil) -> String {
        var page = HTMLPage()
        page.raw(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">

            """)
        page.element("title", "Reconciliation plan \(snapshotID) for \(syncroSubdomain)")
        page.raw("<style>\(Self.style)</style>\n</head>\n<body>\n")
        page.element("h1", "Reconciliation plan for \(syncroSubdomain)")
        header(&page, path: path)
        approvalForm(&page, path: path)
        operationSections(&page)
        findingSection(&page)
        approvalScript(&page, path: path)
        page.raw("</body>\n</html>\n")
        return page.markup
    }

    /// Writes `html(path:)` to `file` atomically (a temporary name, then a rename).
    package func writeHTML(to file: String, planPath: String? = nil) throws(FileIOError) {
        try AtomicFileWriter.write(html(path: planPath), to: file)
    }

    private func header(_ page: inout HTMLPage, path: String?) {
        var rows: [(String, String)] = [
            ("Snapshot", snapshotID), ("Syncro subdomain", syncroSubdomain), ("Relationship", relationshipID),
            ("Created", PlanTime.format(createdAt)),
            ("Valid for", Self.duration(Double(maxAgeSeconds)) + " (apply refuses an older plan)"),
            ("Hash", hash),
            (
                "Estimate",
                "\(estimate.requests) API calls, at least \(Self.duration(estimate.minSeconds)) at "
                    + "\(estimate.rateLimitPerMinute) requests per minute"
            ),
            ("Allowed opt-ins", allowed.isEmpty ? "none" : allowed.joined(separator: ", ")),
        ]
        if let path { rows.insert(("Plan file", path), at: 0) }
        page.raw("<table class=\"header\">\n")
        for (name, value) in rows {
            page.raw("<tr><th>")
            page.text(name)
            page.raw("</th><td><code>")
            page.text(value)
            page.raw("</code></td></tr>\n")
        }
        page.raw("</table>\n")
        for warning in warnings {
            page.raw("<p class=\"warning\"><strong>Warning:</strong> ")
            page.text(warning)
            page.raw("</p>\n")
        }
        let counts = operationCounts.map { "\($0.count) \($0.kind.rawValue) (\($0.gate.rawValue))" }
        page.element(
            "p", counts.isEmpty ? "No operations: apply would send no request." : counts.joined(separator: " · "))
        if !operations.isEmpty {
            page.raw("<p class=\"blast-radius\">")
            page.text(
                "Blast radius: \(blastRadius.text) (all operations; apply counts those it would run). \(capsText).")
            page.raw("</p>\n")
        }
    }

    /// The approval form: who approves, and the button that downloads the approval file for the ticked review
    /// operations. Only for a plan with review operations.
    private func approvalForm(_ page: inout HTMLPage, path: String?) {
        let review = operations(.review)
        guard !review.isEmpty else { return }
        let planFile = path ?? "PLAN"
        page.raw("<section id=\"approval\">\n")
        page.element("h2", "Approve review operations (\(review.count))")
        page.element(
            "p",
            "Tick the review operations you approve in the table below, enter your name and download the approval "
                + "file. It is bound to this plan's hash; run: syncro-fusion apply \(planFile) --approval "
                + "\(PlanApproval.defaultPath(forPlan: (planFile as NSString).lastPathComponent)).")
        page.raw(
            "<p><label>Approved by <input type=\"text\" id=\"approved-by\" autocomplete=\"name\"></label> "
                + "<button type=\"button\" id=\"approval-download\">Download approval file</button> "
                + "<a id=\"approval-link\" hidden>approval file</a></p>\n"
                + "<p id=\"approval-status\" role=\"status\"></p>\n")
        page.raw("</section>\n")
    }

    /// The script of the approval form: builds `PlanApproval`'s JSON (`JSON.stringify(…, null, 2)`, the shape
    /// `syncro-fusion approve` writes) from the ticked boxes, with `approved_at` from the browser's clock, and
    /// downloads it. The hash and file name are embedded as JSON strings; nothing leaves the page.
    private func approvalScript(_ page: inout HTMLPage, path: String?) {
        guard !operations(.review).isEmpty else { return }
        let fileName = PlanApproval.defaultPath(forPlan: ((path ?? "plan.json") as NSString).lastPathComponent)
        func literal(_ text: String) -> String {
            // JSON string literals, with `<` escaped so that no text can close the script element.
            JSONValue.string(text).serialized().replacingOccurrences(of: "<", with: "\\u003c")
        }
        page.raw(
            """
            <script>
            (function () {
              "use strict";
              var planHash = \(literal(hash));
              var fileName = \(literal(fileName));
              var status = document.getElementById("approval-status");
              // The approval file's JSON for the ticked review operations, in plan order.
              function approvalJSON() {
                var keys = Array.prototype.map.call(
                  document.querySelectorAll("input.approve:checked"), function (box) { return box.value; });
                var name = document.getElementById("approved-by").value.trim();
                if (keys.length === 0) { throw new Error("Tick at least one review operation to approve."); }
                if (name === "") { throw new Error("Enter the name of the person who approves."); }
                var approval = {
                  approval_version: 1, plan_hash: planHash, approved_by: name,
                  approved_at: new Date().toISOString(), op_keys: keys
                };
                return JSON.stringify(approval, null, 2) + "\\n";
              }
              // What the Download button does: the file as a Blob, offered through the link. Returns the text.
              function downloadApproval() {
                var text;
                try {
                  text = approvalJSON();
                } catch (error) {
                  status.textContent = error.message;
                  return null;
                }
                var link = document.getElementById("approval-link");
                if (link.href) { URL.revokeObjectURL(link.href); }
                link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
                link.download = fileName;
                link.hidden = false;
                link.click();
                status.textContent = "Approval file " + fileName + " built for " + JSON.parse(text).op_keys.length
                  + " review operation(s); if no download started, use the link.";
                return text;
              }
              document.getElementById("approval-download").addEventListener("click", downloadApproval);
            })();
            </script>

            """)
    }

    private func operationSections(_ page: inout HTMLPage) {
        page.element("h2", "Operations (\(operations.count))")
        var groups: [(title: String, operations: [PlanOperation])] = []
        for operation in operations {
            let title =
                operation.ticketID.map { "Ticket \($0)" }
                ?? "New ticket for partner ticket \(operation.partnerID ?? "?")"
            if groups.last?.title == title {
                groups[groups.count - 1].operations.append(operation)
            } else {
                groups.append((title, [operation]))
            }
        }
        for group in groups {
            page.raw("<section>\n")
            var heading = group.title
            if let first = group.operations.first {
                if let partner = first.kind == .addComment ? first.ticketPartnerID : first.partnerID,
                    first.ticketID != nil
                {
                    heading += " (partner \(partner))"
                }
                if let updatedAt = first.ticketUpdatedAt { heading += ", updated_at \(updatedAt)" }
            }
            page.element("h3", heading)
            page.raw(
                "<table>\n<tr><th>Key</th><th>Gate</th><th>Code</th><th>Request</th><th>Before</th>"
                    + "<th>After</th><th>Automations</th><th>Message</th></tr>\n")
            for operation in group.operations {
                page.raw("<tr class=\"gate-\(operation.gate.rawValue)\">")
                if operation.gate == .review {
                    // The key is hexadecimal (`OperationKey`), but escape it like any text.
                    page.raw("<td><label><input type=\"checkbox\" class=\"approve\" value=\"")
                    page.text(operation.opKey)
                    page.raw("\"> <code>")
                    page.text(operation.opKey)
                    page.raw("</code></label></td>")
                } else {
                    page.cell(operation.opKey, code: true)
                }
                page.cell(operation.gate.rawValue, badge: true)
                page.cell(operation.code.rawValue)
                page.raw("<td><code>")
                page.text("\(operation.method) \(operation.path)")
                page.raw("</code><details><summary>body</summary><pre>")
                page.text(JSONValue.object(operation.body).serialized(pretty: true))
                page.raw("</pre></details></td>")
                page.cell(Self.values(operation.from), pre: true)
                page.cell(Self.values(operation.to), pre: true)
                let automations = operation.automations.map { $0.isEmpty ? "none" : $0.joined(separator: "\n") }
                page.cell(automations ?? "", pre: true)
                page.cell(operation.message + (operation.note.map { " (\($0))" } ?? ""))
                page.raw("</tr>\n")
            }
            page.raw("</table>\n</section>\n")
        }
    }

    private func findingSection(_ page: inout HTMLPage) {
        page.element("h2", "Report-only findings (\(findings.count))")
        guard !findings.isEmpty else {
            page.element("p", "None.")
            return
        }
        page.raw(
            "<table>\n<tr><th>Code</th><th>Severity</th><th>Gate</th><th>Record</th><th>Field</th>"
                + "<th>Expected</th><th>Current</th><th>Message</th></tr>\n")
        for finding in findings {
            func text(_ key: String) -> String { finding[key].map(Self.display) ?? "" }
            page.raw("<tr class=\"severity-\(Self.token(text("severity")))\">")
            page.cell(text("code"))
            page.cell(text("severity"), badge: true)
            page.cell(text("gate"))
            page.cell(Self.record(finding))
            page.cell(text("field"))
            page.cell(text("expected"), pre: true)
            page.cell(text("current"), pre: true)
            let note = finding["plan_note"]?.stringValue.map { " (\($0))" } ?? ""
            page.cell(text("message") + note)
            page.raw("</tr>\n")
        }
        page.raw("</table>\n")
    }

    /// `status: "New"` per line; `(nothing)` for an empty object.
    private static func values(_ object: JSONObject) -> String {
        guard !object.isEmpty else { return "(nothing)" }
        return object.map { "\($0.key): \($0.value.serialized())" }.joined(separator: "\n")
    }

    private static func display(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        default: value.serialized()
        }
    }

    /// `ticket 1001 (partner P-1)` or `comment 5 (partner act_1) on ticket 1001` from a finding's JSON.
    private static func record(_ finding: JSONValue) -> String {
        let entity = finding["entity"]?.stringValue ?? "record"
        var label = entity
        if let id = finding["syncro_id"], !id.isNull { label += " \(display(id))" }
        if let partner = finding["partner_id"], !partner.isNull { label += " (partner \(display(partner)))" }
        if entity == "comment", let ticket = finding["ticket_syncro_id"], !ticket.isNull {
            label += " on ticket \(display(ticket))"
        }
        return label
    }

    /// A class-name-safe form of `text`.
    private static func token(_ text: String) -> String {
        String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
    }

    private static let style = """
        body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2em;color:#1d2327}
        h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccd0d4}
        h3{font-size:1em;margin:1.5em 0 .4em}
        table{border-collapse:collapse;width:100%;margin:.4em 0}
        th,td{border:1px solid #dcdcde;padding:.3em .5em;text-align:left;vertical-align:top}
        th{background:#f6f7f7}table.header{width:auto}table.header th{width:12em}
        code,pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-all;margin:0}
        .badge{display:inline-block;padding:0 .5em;border-radius:.7em;background:#e0e0e0;font-size:12px}
        .gate-review .badge{background:#fcf0c3}.gate-opt-in .badge{background:#d7e8fb}.gate-auto .badge{background:#d9f2dd}
        .severity-critical .badge{background:#f8d0d0}.severity-error .badge{background:#fbe0c8}
        details summary{cursor:pointer;color:#50575e;font-size:12px}
        """
}

/// An HTML document being written, with every text escaped on the way in.
private struct HTMLPage {
    private(set) var markup = ""

    /// Markup written as is; only ever literals of this file.
    mutating func raw(_ html: String) { markup += html }

    /// Text, escaped.
    mutating func text(_ content: String) {
        for character in content.unicodeScalars {
            switch character {
            case "&": markup += "&amp;"
            case "<": markup += "&lt;"
            case ">": markup += "&gt;"
            case "\"": markup += "&quot;"
            case "'": markup += "&#39;"
            default: markup.unicodeScalars.append(character)
            }
        }
    }

    mutating func element(_ name: String, _ content: String) {
        raw("<\(name)>")
        text(content)
        raw("</\(name)>\n")
    }

    mutating func cell(_ content: String, code: Bool = false, pre: Bool = false, badge: Bool = false) {
        let (open, close) =
            code
            ? ("<code>", "</code>")
            : pre ? ("<pre>", "</pre>") : badge ? ("<span class=\"badge\">", "</span>") : ("", "")
        raw("<td>\(open)")
        text(content)
        raw("\(close)</td>")
    }
}
