#if os(Linux)
    import CMalloc
#endif

/// The process's heap as the system sees it.
package enum ProcessMemory {
    /// Hands the heap's free memory back to the system.
    ///
    /// glibc keeps what is freed for later allocations, so a phase that allocated and freed a lot (reading buffers,
    /// a second thread's arena, arrays that grew by copying) leaves the process that much larger for the rest of
    /// its run. Call it between such a phase and a long one that allocates more. Does nothing off Linux.
    package static func releaseFree() {
        #if os(Linux)
            _ = malloc_trim(0)
        #endif
    }
}
