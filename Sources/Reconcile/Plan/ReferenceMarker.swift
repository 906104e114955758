/// The reference line every comment and ticket created by `apply` ends with, e.g.
/// `Support Fusion ref: act_771 (sfr1-0f3a…)`.
///
/// It names the partner record and the operation key, so a created record can be found in Syncro itself when
/// the journal is lost or a write's answer never arrived. Drift comparison strips it before hashing a Syncro
/// comment, so a restored comment matches the snapshot comment it restores.
package struct ReferenceMarker: Sendable, Hashable {
    package static let prefix = "Support Fusion ref: "

    package var partnerID: String
    package var opKey: String

    package init(partnerID: String, opKey: String) {
        self.partnerID = partnerID
        self.opKey = opKey
    }

    /// The line itself.
    package var line: String { "\(Self.prefix)\(partnerID) (\(opKey))" }

    /// `body` with the marker as its last line, after a blank line.
    package func appended(to body: String) -> String {
        let trimmed = body.hasSuffix("\n") ? String(body.dropLast()) : body
        return trimmed + "\n\n" + line
    }

    /// The marker that ends `body`, if any (trailing white space ignored).
    package static func find(in body: String) -> ReferenceMarker? {
        let text = body.trimmingTrailingWhitespace
        let lastLine = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let line = lastLine.hasSuffix("\r") ? String(lastLine.dropLast()) : lastLine
        guard line.hasPrefix(prefix), line.hasSuffix(")"), let open = line.lastIndex(of: "(") else { return nil }
        let key = line[line.index(after: open)..<line.index(before: line.endIndex)]
        let partner = line[line.index(line.startIndex, offsetBy: prefix.count)..<open]
        guard OperationKey.isKey(key), partner.hasSuffix(" ") else { return nil }
        return ReferenceMarker(partnerID: String(partner.dropLast()), opKey: String(key))
    }

    /// `body` without a trailing marker line (and the blank line before it); unchanged when it has none.
    package static func stripped(_ body: String) -> String {
        guard find(in: body) != nil else { return body }
        let text = body.trimmingTrailingWhitespace
        guard let newline = text.lastIndex(of: "\n") else { return "" }
        return String(text[..<newline]).trimmingTrailingWhitespace
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var end = endIndex
        while end > startIndex, let last = self[index(before: end)].unicodeScalars.first,
            last.properties.isWhitespace
        {
            end = index(before: end)
        }
        return String(self[..<end])
    }
}
