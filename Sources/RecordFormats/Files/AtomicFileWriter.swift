import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that it appears under its final name only when complete.
///
/// Bytes go to a hidden temporary file in the same directory (`.tickets.csv.partial-<pid>-<random>`), through a
/// 1 MiB buffer, so a killed export never leaves a partial file under the final name. `commit()` flushes, syncs,
/// renames and syncs the directory; `abandon()` (or dropping the writer without committing) deletes the
/// temporary file. A running SHA-256 of everything written is kept for the export manifest.
///
/// Full buffers are hashed and written on a serial queue of the file's own, so encoding the next megabyte overlaps
/// hashing and writing the last one (on two cores that halves the time of a JSON Lines export); at most four
/// buffers are in flight, so memory stays bounded.
///
/// The writer is not `Sendable`: keep it inside one task.
package final class AtomicFileWriter {
    /// Where the file appears after `commit()`.
    package let path: String
    /// The hidden temporary file that receives the bytes until `commit()`.
    package let temporaryPath: String
    /// How many bytes have been written so far (buffered or not).
    package private(set) var bytesWritten = 0
    /// The lower-case hexadecimal SHA-256 of the file; set by `commit()`.
    package private(set) var sha256Hex: String?

    private var descriptor: Int32?
    private var buffer: [UInt8] = []
    private let bufferSize: Int
    private var output: BackgroundOutput?
    private var committed = false

    /// Creates the temporary file next to `path`.
    ///
    /// - Parameter bufferSize: bytes gathered before each `write(2)`; 1 MiB by default.
    package init(path: String, bufferSize: Int = 1 << 20) throws(FileIOError) {
        self.path = path
        self.bufferSize = max(bufferSize, 4096)
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let token = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporaryPath = "\(directory).\(name).partial-\(POSIX.processID)-\(token)"
        let opened = try POSIX.open(temporaryPath, flags: O_WRONLY | O_CREAT | O_EXCL | O_TRUNC)
        descriptor = opened
        output = BackgroundOutput(descriptor: opened, path: temporaryPath)
        buffer.reserveCapacity(self.bufferSize)
    }

    deinit {
        if !committed { abandon() }
    }

    /// Whether `commit()` has completed.
    package var isCommitted: Bool { committed }

    /// Appends bytes.
    package func write(_ bytes: some Sequence<UInt8>) throws(FileIOError) {
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        bytesWritten += buffer.count - before
        if buffer.count >= bufferSize { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    package func write(_ text: String) throws(FileIOError) {
        try write(text.utf8)
    }

    /// Lets `body` append directly to the output buffer (no intermediate array), then flushes when it is full.
    ///
    /// `body` must only append; bytes already in the buffer belong to earlier writes.
    package func appendToBuffer(_ body: (inout [UInt8]) throws(FileIOError) -> Void) throws(FileIOError) {
        let before = buffer.count
        try body(&buffer)
        bytesWritten += buffer.count - before
        if buffer.count >= bufferSize { try flush() }
    }

    /// Hands the buffered bytes to the file's queue, which hashes and writes them; reports an earlier failure.
    package func flush() throws(FileIOError) {
        guard let output else { throw FileIOError(path: temporaryPath, operation: "write to", code: EBADF) }
        if let failure = output.failure { throw failure }
        guard !buffer.isEmpty else { return }
        var full: [UInt8] = []
        full.reserveCapacity(bufferSize)
        swap(&full, &buffer)
        output.submit(full)
    }

    /// Flushes, syncs and renames the temporary file to `path`, then syncs the directory so the rename survives a
    /// crash. Returns the file's summary.
    @discardableResult
    package func commit(records: Int = 0) throws(FileIOError) -> FileSummary {
        guard !committed else { return summary(records: records) }
        guard let descriptor else { throw FileIOError(path: temporaryPath, operation: "commit", code: EBADF) }
        do throws(FileIOError) {
            try flush()
            try output?.drain()
            try POSIX.sync(descriptor, path: temporaryPath)
            POSIX.close(descriptor)
            self.descriptor = nil
            try POSIX.rename(temporaryPath, to: path)
        } catch {
            abandon()
            throw error
        }
        committed = true
        sha256Hex = output.map { SHA256.hex(of: $0.digest.finalize()) }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? "."
        if let directoryDescriptor = try? POSIX.open(directory, flags: O_RDONLY | O_DIRECTORY) {
            defer { POSIX.close(directoryDescriptor) }
            try POSIX.sync(directoryDescriptor, path: directory)
        }
        return summary(records: records)
    }

    /// Writes `text` to `path` atomically: all of it under the final name, or nothing (a failure abandons the
    /// temporary file and leaves `path` as it was).
    package static func write(_ text: String, to path: String) throws(FileIOError) {
        let writer = try AtomicFileWriter(path: path)
        do {
            try writer.write(text)
            _ = try writer.commit()
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Closes and deletes the temporary file; the final path is left untouched. Safe to call more than once.
    package func abandon() {
        guard !committed else { return }
        try? output?.drain()
        if let descriptor {
            POSIX.close(descriptor)
            self.descriptor = nil
            POSIX.remove(temporaryPath)
        }
        buffer.removeAll()
    }

    private func summary(records: Int) -> FileSummary {
        FileSummary(path: path, records: records, bytes: bytesWritten, sha256: sha256Hex ?? "")
    }
}

/// Hashing and `write(2)` of full buffers on a serial queue.
///
/// `digest` is touched only on `queue`, or after `drain()` has waited for the queue, and the failure sits behind a
/// mutex, which is why the unchecked `Sendable` is sound.
private final class BackgroundOutput: @unchecked Sendable {
    private let queue = DispatchQueue(label: "syncro-fusion.atomic-file")
    private let slots = DispatchSemaphore(value: 4)
    private let descriptor: Int32
    private let path: String
    var digest = SHA256()
    private let storedFailure = Mutex<FileIOError?>(nil)

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// A write failure seen so far, without waiting (a later `drain()` reports any that is still pending).
    var failure: FileIOError? { storedFailure.withLock { $0 } }

    /// Queues one buffer; blocks while four are already in flight.
    func submit(_ chunk: [UInt8]) {
        slots.wait()
        queue.async {
            defer { self.slots.signal() }
            guard self.failure == nil else { return }
            chunk.withUnsafeBytes { raw in
                self.digest.update(raw)
                do throws(FileIOError) {
                    try POSIX.writeAll(self.descriptor, raw, path: self.path)
                } catch {
                    self.storedFailure.withLock { $0 = error }
                }
            }
        }
    }

    /// Waits until every queued buffer is written; throws the first failure.
    func drain() throws(FileIOError) {
        queue.sync {}
        if let failure { throw failure }
    }
}
