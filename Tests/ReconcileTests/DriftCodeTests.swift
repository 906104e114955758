import Foundation
import Reconcile
import Snapshot
import Testing

@Suite("Drift codes against the specification")
struct DriftCodeTests {
    /// The rows of the drift table in `spec/reconcile-v1.md`: code → gate text.
    private func specifiedCodes() throws -> [String: String] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/spec/reconcile-v1.md"
            ).path
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

    @Test("every specified code exists, and no other")
    func sameCodes() throws {
        let specified = try specifiedCodes()
        #expect(specified.count == 23)
        #expect(Set(specified.keys) == Set(DriftCode.allCases.map(\.rawValue)))
    }

    @Test("each code's default gate is the specified one")
    func gates() throws {
        for (name, gate) in try specifiedCodes() {
            let code = try #require(DriftCode(rawValue: name))
            #expect(gate.hasPrefix(code.defaultGate.rawValue), "\(name): spec says \(gate)")
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
