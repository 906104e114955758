#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the few system calls the file readers and writers use, retrying on EINTR.
///
/// They exist so that types with their own `read`/`write` methods can still reach the C functions, and so
/// that every failure becomes a `FileIOError` naming the path.
enum POSIX {
    /// Opens `path` and returns the descriptor.
    static func open(_ path: String, flags: Int32, mode: mode_t = 0o644) throws(FileIOError) -> Int32 {
        while true {
            #if canImport(Glibc)
                let descriptor = Glibc.open(path, flags | O_CLOEXEC, mode)
            #else
                let descriptor = Darwin.open(path, flags | O_CLOEXEC, mode)
            #endif
            if descriptor >= 0 { return descriptor }
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "open", code: errno)
        }
    }

    /// Writes all of `buffer`, looping over short writes.
    static func writeAll(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws(FileIOError) {
        guard var address = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            #if canImport(Glibc)
                let written = Glibc.write(descriptor, address, remaining)
            #else
                let written = Darwin.write(descriptor, address, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw FileIOError(path: path, operation: "write to", code: errno)
            }
            remaining -= written
            address += written
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(FileIOError)
        -> Int
    {
        guard let address = buffer.baseAddress else { return 0 }
        while true {
            #if canImport(Glibc)
                let count = Glibc.read(descriptor, address, buffer.count)
            #else
                let count = Darwin.read(descriptor, address, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw FileIOError(path: path, operation: "read", code: errno)
        }
    }

    /// Moves a descriptor's read position to `offset` bytes from the start of the file.
    static func seek(_ descriptor: Int32, to offset: Int, path: String) throws(FileIOError) {
        if lseek(descriptor, off_t(offset), SEEK_SET) < 0 {
            throw FileIOError(path: path, operation: "seek in", code: errno)
        }
    }

    /// Flushes a descriptor's data to stable storage.
    static func sync(_ descriptor: Int32, path: String) throws(FileIOError) {
        while fsync(descriptor) != 0 {
            if errno == EINTR { continue }
            // Some file systems (and /dev/null-like targets) cannot sync directories; that is not data loss.
            if errno == EINVAL || errno == ENOTSUP { return }
            throw FileIOError(path: path, operation: "sync", code: errno)
        }
    }

    /// Closes a descriptor, ignoring errors (the data was already synced or is being discarded).
    static func close(_ descriptor: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }

    /// Renames `source` to `destination`, replacing it atomically.
    static func rename(_ source: String, to destination: String) throws(FileIOError) {
        #if canImport(Glibc)
            let result = Glibc.rename(source, destination)
        #else
            let result = Darwin.rename(source, destination)
        #endif
        if result != 0 { throw FileIOError(path: destination, operation: "rename a temporary file to", code: errno) }
    }

    /// Removes a file, ignoring a missing one.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// The process id, for temporary file names.
    static var processID: Int32 { getpid() }
}
