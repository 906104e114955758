import Foundation
import Reconcile
import Snapshot
import Testing

@Suite("Drift codes against the documentation")
struct DriftCodeTests {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The rows of the drift table in a Markdown file (`| `CODE` / `CODE` | drift | write | gate |`): code → gate.
    static func codeTable(at path: String) throws -> [String: String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var codes: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            for code in cells[0].split(separator: "/") {
                let name = code.trimmingCharacters(in: CharacterSet(charactersIn: "` "))
                codes[name] = cells[3]
            }
        }
        return codes
    }

    /// The project's own documentation of the codes, which the README points to.
    private func documentedCodes() throws -> [String: String] {
        try Self.codeTable(at: Self.repositoryRoot.appendingPathComponent("docs/drift-codes.md").path)
    }

    @Test("every documented code exists, and no other")
    func sameCodes() throws {
        let documented = try documentedCodes()
        #expect(documented.count == 25)
        #expect(Set(documented.keys) == Set(DriftCode.allCases.map(\.rawValue)))
    }

    @Test("each code's default gate is the documented one")
    func gates() throws {
        for (name, gate) in try documentedCodes() {
            let code = try #require(DriftCode(rawValue: name))
            #expect(gate.hasPrefix(code.defaultGate.rawValue), "\(name): the documentation says \(gate)")
        }
    }

    /// Where the project's workspace keeps the contract, beside the repository (absent in a user's clone).
    private static let contractPath: String = ["..", "shared", "spec", "reconcile-v1.md"]
        .reduce(repositoryRoot) { $0.appendingPathComponent($1) }.standardized.path

    @Test(
        "the documentation names the contract's codes with the contract's gates",
        .enabled(
            if: FileManager.default.fileExists(atPath: contractPath),
            "the reconciliation contract is not beside this clone; the project's documentation stands")
    )
    func documentationFollowsContract() throws {
        let contract = try Self.codeTable(at: Self.contractPath)
        let documented = try documentedCodes()
        #expect(Set(documented.keys) == Set(contract.keys))
        for (name, gate) in contract {
            let first = gate.prefix { $0 != " " && $0 != ";" && $0 != "," }
            #expect(documented[name]?.hasPrefix(first) == true, "\(name): the contract says \(gate)")
        }
    }

    @Test("the visibility leak is the one critical finding and sorts first")
    func severity() {
        #expect(DriftCode.allCases.filter { $0.severity == .critical } == [.commentVisibilityLeak])
        #expect([Severity.info, .critical, .warning, .error].sorted() == [.critical, .error, .warning, .info])
    }

    @Test("schema versions: known major readable, unknown major refused, malformed rejected")
    func schemaVersions() {
        #expect(SchemaVersion("1.0")?.isReadable == true)
        #expect(SchemaVersion("1.7")?.isReadable == true)
        #expect(SchemaVersion("2.0")?.isReadable == false)
        for bad in ["1", "1.0.0", "a.b", "", "1.", "-1.0", "+1.0"] { #expect(SchemaVersion(bad) == nil, "\(bad)") }
        #expect(SchemaVersion(major: 1, minor: 2) > SchemaVersion(major: 1, minor: 0))
    }

    @Test("a managed field distinguishes absent, null and a value")
    func managed() {
        var values = TicketValues()
        #expect(!values.status.isManaged)
        values.userID = .null
        values.status = .value("In Progress")
        #expect(values.userID.isManaged && values.userID.value == nil)
        #expect(values.status.value == "In Progress")
    }
}
