#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file in large chunks (1 MiB by default), so readers scan bytes without a system call per byte and
/// without holding the file in memory.
///
/// It can also serve bytes already in memory, which keeps the format readers testable without files. Not
/// `Sendable`: keep it inside one task.
package final class BufferedFileReader {
    /// The file's path, or the name given to in-memory bytes; used in messages.
    package let path: String

    private var descriptor: Int32?
    private let chunkSize: Int
    private let memory: [UInt8]?
    private var memoryOffset = 0
    /// The current chunk, and the read position in it for `nextLine()`.
    private var chunk: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    /// Whether `readTextChunk(into:)` has yet to read the first chunk.
    private var atTextStart = true
    /// 1-based number of the line `nextLine()` returns next.
    package private(set) var lineNumber = 1

    /// Opens `path` for reading.
    package init(path: String, chunkSize: Int = 1 << 20) throws(FileIOError) {
        self.path = path
        self.chunkSize = max(chunkSize, 1)
        memory = nil
        descriptor = try POSIX.open(path, flags: O_RDONLY)
    }

    /// Serves `bytes` as if they were a file named `name`, in chunks of `chunkSize`.
    package init(bytes: [UInt8], name: String = "<memory>", chunkSize: Int = 1 << 20) {
        path = name
        self.chunkSize = max(chunkSize, 1)
        memory = bytes
    }

    deinit {
        if let descriptor { POSIX.close(descriptor) }
    }

    /// Reads the next chunk into `buffer` (replacing its contents); returns false at end of file.
    ///
    /// Reusing one buffer keeps allocation flat over a large file.
    package func readChunk(into buffer: inout [UInt8]) throws(FileIOError) -> Bool {
        if let memory {
            buffer.removeAll(keepingCapacity: true)
            guard memoryOffset < memory.count else { return false }
            let end = min(memoryOffset + chunkSize, memory.count)
            buffer.append(contentsOf: memory[memoryOffset..<end])
            memoryOffset = end
            return true
        }
        guard let descriptor else {
            buffer.removeAll(keepingCapacity: true)
            return false
        }
        var count = 0
        var failure: FileIOError?
        buffer = [UInt8](unsafeUninitializedCapacity: chunkSize) { raw, initialized in
            do throws(FileIOError) {
                count = try POSIX.read(descriptor, into: UnsafeMutableRawBufferPointer(raw), path: path)
            } catch {
                failure = error
            }
            initialized = count
        }
        if let failure { throw failure }
        if count == 0 {
            POSIX.close(descriptor)
            self.descriptor = nil
            return false
        }
        return true
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
