import Foundation
import RecordFormats
import SyncroAPI

/// Renders a connection check as aligned text lines or as one JSON object.
struct CheckRenderer {
    let format: CheckCommand.Format
    let useColor: Bool
    /// `connection` for the permission checks, `entity` for `check --entities`.
    var subject = "connection"

    func render(_ report: ConnectionCheck.Report) -> String {
        switch format {
        case .json: return JSONValue.object(json(report)).serialized(pretty: true) + "\n"
        case .text: return text(report)
        }
    }

    private func text(_ report: ConnectionCheck.Report) -> String {
        var lines = ["Syncro \(subject) check: \(report.baseURL)\(report.subdomain.map { " (account \($0))" } ?? "")"]
        let width = report.results.map { label($0).count }.max() ?? 0
        var advised: Set<TroubleshootingAdvice> = []
        for result in report.results {
            let status: String
            switch result.status {
            case .ok: status = paint("OK    ", 32)
            case .failed: status = paint("FAILED", 31)
            case .notVerifiable: status = paint("--    ", 33)
            }
            let name = label(result).padding(toLength: width, withPad: " ", startingAt: 0)
            let request = result.method.isEmpty ? result.path : "\(result.method) \(result.path)"
            lines.append("  \(status)  \(name)  \(request): \(result.detail)")
            if let advice = result.advice {
                if advised.insert(advice).inserted {
                    lines.append("          \(advice.rawValue):")
                    for step in advice.steps { lines.append("            - \(step)") }
                } else {
                    lines.append("          \(advice.rawValue): see above")
                }
            }
        }
        let verifiable = report.results.filter { $0.status != .notVerifiable }
        let failed = verifiable.filter { $0.status == .failed }.count
        let skipped = report.results.count - verifiable.count
        let unit = subject == "entity" ? "entities can be exported" : "checks passed"
        var summary = "\(verifiable.count - failed) of \(verifiable.count) \(unit)"
        if failed > 0 { summary += ", \(failed) failed" }
        if skipped > 0 { summary += "; \(skipped) not verifiable read-only" }
        lines.append(report.passed ? "Result: OK, \(summary)." : "Result: FAILED, \(summary).")
        return lines.joined(separator: "\n") + "\n"
    }

    private func label(_ result: ConnectionCheck.Result) -> String {
        result.guideName.map { "\(result.name) (\($0))" } ?? result.name
    }

    private func paint(_ text: String, _ color: Int) -> String {
        useColor ? "\u{1B}[\(color)m\(text)\u{1B}[0m" : text
    }

    private func json(_ report: ConnectionCheck.Report) -> JSONObject {
        var object: JSONObject = ["base_url": .string(report.baseURL)]
        object["subdomain"] = report.subdomain.map(JSONValue.string) ?? .null
        object["ok"] = .bool(report.passed)
        object["checks"] = .array(
            report.results.map { result in
                var check: JSONObject = ["name": .string(result.name)]
                check["guide_name"] = result.guideName.map(JSONValue.string) ?? .null
                check["method"] = .string(result.method)
                check["path"] = .string(result.path)
                check["status"] = .string(result.status.rawValue)
                check["http_status"] = result.httpStatus.map(JSONValue.int) ?? .null
                check["detail"] = .string(result.detail)
                check["advice"] =
                    result.advice.map {
                        .object(["title": .string($0.rawValue), "steps": .array($0.steps.map(JSONValue.string))])
                    } ?? .null
                return .object(check)
            }
        )
        return object
    }

    /// The answer when the settings themselves are wrong: no request was sent. Only a subdomain problem gets the
    /// guide's advice; a base URL or token problem is said completely by its sentence (the guide's advice for
    /// those would send the reader to check the subdomain).
    func renderSettingsFailure(_ error: ConnectionSettingsError) -> String {
        let advice: TroubleshootingAdvice? =
            switch error {
            case .invalidSubdomain, .subdomainMissing: .invalidSubdomain
            case .invalidBaseURL, .tokenMissing, .tokenEmpty, .tokenFileUnreadable, .tokenFileNotText,
                .tokenContainsWhitespace, .tokenContainsInvalidCharacters:
                nil
            }
        let sentence = error.errorDescription ?? "\(error)"
        switch format {
        case .json:
            var object: JSONObject = ["ok": false, "error": .string(sentence)]
            object["advice"] =
                advice.map {
                    .object(["title": .string($0.rawValue), "steps": .array($0.steps.map(JSONValue.string))])
                } ?? .null
            object["checks"] = .array([])
            return JSONValue.object(object).serialized(pretty: true) + "\n"
        case .text:
            var lines = ["Syncro connection check: not started", "  \(paint("FAILED", 31))  \(sentence)"]
            if let advice {
                lines.append("          \(advice.rawValue):")
                for step in advice.steps { lines.append("            - \(step)") }
            }
            lines.append("Result: FAILED, no request was sent.")
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
