import Foundation

/// When a snapshot's key indexes are sized once instead of grown step by step (`SnapshotRecordDecoder`): for a file
/// of at least `fileSize` bytes, once a thirty-second of it, and at least `minimumRead` bytes, have been read (so that
/// a reader's read-ahead chunk is a small part of what the estimate rests on).
package struct KeySizing: Sendable {
    package var fileSize: Int
    package var minimumRead: Int

    package init(fileSize: Int, minimumRead: Int) {
        self.fileSize = fileSize
        self.minimumRead = minimumRead
    }

    /// 64 MiB files and up, from 8 MiB read; tests lower both to compare the two ways on small files.
    package static let standard = KeySizing(fileSize: 64 << 20, minimumRead: 8 << 20)

    /// Whether a file (or part of one) of `total` bytes is sized at all.
    func applies(to total: Int) -> Bool { total >= fileSize }

    /// The share of `total` that `read` bytes are, once that is enough to size from; nil before.
    func share(read: Int, of total: Int) -> Double? {
        guard total > 0, read >= max(minimumRead, total / 32) else { return nil }
        return Double(read) / Double(total)
    }
}

/// The size of the file at `path` in bytes; 0 when it cannot be read.
func byteSize(ofFile path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}
