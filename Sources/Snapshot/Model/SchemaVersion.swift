/// A snapshot's `schema_version`, `MAJOR.MINOR`. Readers accept unknown fields of a known major version and refuse
/// an unknown major version.
package struct SchemaVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var major: Int
    package var minor: Int

    /// The version this build reads and writes.
    package static let current = SchemaVersion(major: 1, minor: 1)
    /// The value of the `schema` field every snapshot carries.
    package static let schemaName = "sf-syncro-snapshot"

    package init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// `"1.0"` → 1.0; nil for anything that is not two non-negative integers joined by a dot.
    package init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && !$0.hasPrefix("+") })
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// True when this build can read a snapshot of this version.
    package var isReadable: Bool { major == Self.current.major }

    package var description: String { "\(major).\(minor)" }

    package static func < (lhs: SchemaVersion, rhs: SchemaVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
