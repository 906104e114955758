import Snapshot
import Testing

@Suite("Snapshot model")
struct SnapshotModelTests {
    @Test("the current schema version is the one the specification defines")
    func currentVersion() {
        #expect(SchemaVersion.current.description == "1.0")
        #expect(SchemaVersion.schemaName == "sf-syncro-snapshot")
    }
}
