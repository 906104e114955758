#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in large chunks (1 MiB by default), so readers scan bytes without a system call per byte and
/// without holding the file in memory.
///
/// It can also serve bytes already in memory, which keeps the format readers testable without files. It can move
/// to any byte offset (`seek(to:)`), for readers that come back to records found earlier. Not `Sendable`: keep it
/// inside one task.
package final class BufferedFileReader {
    /// The file's path, or the name given to in-memory bytes; used in messages.
    package let path: String

    /// The smallest chunk, read right after a seek.
    private static let seekChunkSize = 4096

    private let descriptor: Int32?
    private let chunkSize: Int
    /// How many bytes the next chunk reads: `chunkSize`, except after a seek (see `seek(to:)`).
    private var window: Int
    private let memory: [UInt8]?
    /// The current chunk, and the read position in it for `nextLine()`.
    private var chunk: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    /// Whether `readTextChunk(into:)` has yet to read the first chunk.
    private var atTextStart = true
    /// 1-based number of the line `nextLine()` returns next.
    package private(set) var lineNumber = 1
    /// The byte offset from the start of the file where the next chunk starts.
    package private(set) var offset = 0

    /// Opens `path` for reading.
    package init(path: String, chunkSize: Int = 1 << 20) throws(FileIOError) {
        self.path = path
        self.chunkSize = max(chunkSize, 1)
        window = self.chunkSize
        memory = nil
        descriptor = try POSIX.open(path, flags: O_RDONLY)
    }

    /// Serves `bytes` as if they were a file named `name`, in chunks of `chunkSize`.
    package init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int = 1 << 20) {
        path = name
        self.chunkSize = max(chunkSize, 1)
        window = self.chunkSize
        memory = bytes
        descriptor = nil
    }

    deinit {
        if let descriptor { POSIX.close(descriptor) }
    }

    /// Reads the next chunk into `buffer` (replacing its contents); returns false at end of file.
    ///
    /// Reusing one buffer keeps allocation flat over a large file.
    package func readChunk(into buffer: inout [UInt8]) throws(FileIOError) -> Bool {
        let size = window
        window = min(window * 2, chunkSize)
        if let memory {
            buffer.removeAll(keepingCapacity: true)
            guard offset < memory.count else { return false }
            let end = min(offset + size, memory.count)
            buffer.append(contentsOf: memory[offset..<end])
            offset = end
            return true
        }
        guard let descriptor else {
            buffer.removeAll(keepingCapacity: true)
            return false
        }
        var count = 0
        var failure: FileIOError?
        buffer = [UInt8](unsafeUninitializedCapacity: size) { raw, initialized in
            do throws(FileIOError) {
                count = try POSIX.read(descriptor, into: UnsafeMutableRawBufferPointer(raw), path: path)
            } catch {
                failure = error
            }
            initialized = count
        }
        if let failure { throw failure }
        // The descriptor stays open at the end of the file: a seek may come back to an earlier record.
        offset += count
        return count > 0
    }

    /// Moves to `offset` bytes from the start of the file: the next chunk starts there, and `nextLine()` starts
    /// over there (its line count goes on from where it was).
    ///
    /// The first chunk after a seek is small (4 KiB) and each following one doubles up to `chunkSize`, so reads
    /// scattered over the file cost about a page each while a run of sequential reads soon reads whole chunks
    /// again (the read-ahead a kernel does for a file read in order).
    package func seek(to offset: Int) throws(FileIOError) {
        if let descriptor { try POSIX.seek(descriptor, to: offset, path: path) }
        self.offset = offset
        window = min(Self.seekChunkSize, chunkSize)
        atTextStart = offset == 0
        chunk.removeAll(keepingCapacity: true)
        position = 0
        reachedEnd = false
    }

    /// Reads the next chunk like `readChunk(into:)` and returns where the text starts in it: past a UTF-8
    /// byte-order mark at the very start of the file, else 0; nil at end of file.
    ///
    /// The first chunk is read on until it holds three bytes, so a mark split across tiny chunks is still seen whole.
    package func readTextChunk(into buffer: inout [UInt8]) throws(FileIOError) -> Int? {
        guard try readChunk(into: &buffer) else { return nil }
        guard atTextStart else { return 0 }
        atTextStart = false
        var more: [UInt8] = []
        while buffer.count < 3, try readChunk(into: &more) { buffer += more }
        return buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next line without its LF (a trailing CR is kept for the caller to judge), or nil at end of file.
    ///
    /// A last line without a final LF is returned too; an empty file has no lines.
    package func nextLine() throws(FileIOError) -> [UInt8]? {
        var line: [UInt8] = []
        while true {
            if position >= chunk.count {
                if reachedEnd { return nil }
                position = 0
                if try !readChunk(into: &chunk) {
                    reachedEnd = true
                    if line.isEmpty { return nil }
                    lineNumber += 1
                    return line
                }
            }
            if let newline = chunk[position...].firstIndex(of: 0x0A) {
                line.append(contentsOf: chunk[position..<newline])
                position = newline + 1
                lineNumber += 1
                return line
            }
            line.append(contentsOf: chunk[position...])
            position = chunk.count
        }
    }
}
