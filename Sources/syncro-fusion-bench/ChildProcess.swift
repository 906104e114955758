import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and measures it the way the kernel accounts for it: wall time, and the peak
/// resident set size `wait4` reports for the child (`ru_maxrss`), which catches a peak in the last instant that
/// polling `/proc` would miss. Linux starts that peak at the spawning process's own peak, so the runner must stay
/// smaller than what it measures (`BenchMain` runs each group in a fresh process); a run that may show the
/// runner's peak is reported on standard error.
enum ChildProcess {
    struct Run {
        var seconds: Double
        /// Peak resident set size of the child, in MiB.
        var peakMegabytes: Double
        var exitStatus: Int32
    }

    struct SpawnError: LocalizedError {
        var program: String
        var code: Int32
        var errorDescription: String? {
            "Cannot start \(program) (\(String(cString: strerror(code)))); check that it is built and on PATH."
        }
    }

    /// Runs `arguments[0]` (looked up on PATH) with `arguments`, stdout to `stdoutPath` (or /dev/null), stderr
    /// inherited, and `environment` added to this process's environment.
    /// `inheritStdout`: the child writes to this process's stdout instead.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdoutPath: String? = nil,
        inheritStdout: Bool = false
    ) throws -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !inheritStdout {
            posix_spawn_file_actions_addopen(
                &actions, 1, stdoutPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let code = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
        guard code == 0 else { throw SpawnError(program: arguments[0], code: code) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1, errno == EINTR {}
        // Linux starts a spawned child's peak at this process's peak: a child that stayed smaller reports ours.
        var own = rusage()
        getrusage(RUSAGE_SELF.rawValue, &own)
        if usage.ru_maxrss <= own.ru_maxrss {
            FileHandle.standardError.write(
                Data(
                    ("bench: the peak RSS of \(arguments[0]) (\(usage.ru_maxrss / 1024) MB) is no more than the "
                        + "runner's own; it may be the runner's\n").utf8))
        }
        let elapsed = ContinuousClock.now - start
        let exited = status & 0x7f == 0
        return Run(
            seconds: elapsed.seconds, peakMegabytes: Double(usage.ru_maxrss) / 1024,
            exitStatus: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
    }
}
