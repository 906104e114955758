import Foundation

/// Runs the built `syncro-fusion` binary as a user would (or another program a test drives, such as a headless
/// browser), capturing its exit code, stdout and stderr.
package struct CommandRunner: Sendable {
    package struct Outcome: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        /// Both streams, for "appears nowhere" checks.
        package var all: String { stdout + stderr }
    }

    /// The binary: `$SYNCRO_FUSION_BIN`, else the debug build beside the test bundle or under `.build/debug`.
    package static var binary: String {
        if let path = ProcessInfo.processInfo.environment["SYNCRO_FUSION_BIN"] { return path }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("syncro-fusion").path,
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent(
                "syncro-fusion"
            ).path,
            SimulatedAccount.repositoryRoot + "/.build/debug/syncro-fusion",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[candidates.count - 1]
    }

    package var environment: [String: String]

    /// A state directory for the children of this test process (their shared rate schedules).
    static let stateDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("syncro-fusion-test-state-\(getpid())").path

    /// A runner with a clean environment: PATH and HOME only, plus `environment`.
    package init(environment: [String: String] = [:]) {
        var base = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        base["HOME"] = ProcessInfo.processInfo.environment["HOME"] ?? "/tmp"
        // The rate schedules the binary shares between runs stay with this test process, not in the user's home.
        base["XDG_STATE_HOME"] = Self.stateDirectory
        self.environment = base.merging(environment) { $1 }
    }

    /// Runs the binary (or `executable`) with `arguments` and waits for it to exit.
    package func run(_ arguments: [String], executable: String = binary) async throws -> Outcome {
        try await start(arguments, executable: executable).wait()
    }

    /// A started process, to be signalled or awaited.
    package struct Running: Sendable {
        private let process: SendableProcess
        private let exited: AsyncStream<Int32>
        private let stdout: Pipe
        private let stderr: Pipe

        fileprivate init(process: Process, exited: AsyncStream<Int32>, stdout: Pipe, stderr: Pipe) {
            self.process = SendableProcess(process: process)
            self.exited = exited
            self.stdout = stdout
            self.stderr = stderr
        }

        package var processIdentifier: Int32 { process.process.processIdentifier }

        /// Sends a signal (SIGKILL, SIGTERM, ...).
        package func signal(_ number: Int32) {
            kill(process.process.processIdentifier, number)
        }

        /// Waits for the exit, reading both pipes meanwhile.
        package func wait() async -> Outcome {
            async let out = CommandRunner.readToEnd(stdout.fileHandleForReading)
            async let err = CommandRunner.readToEnd(stderr.fileHandleForReading)
            var status: Int32 = -1
            for await code in exited { status = code }
            return Outcome(status: status, stdout: await out, stderr: await err)
        }
    }

    /// Starts the binary (or `executable`) with `arguments` without waiting for it.
    package func start(_ arguments: [String], executable: String = binary) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        // Never block a thread of the concurrency pool: the simulator under test runs on it too. Pipes are read on
        // threads of their own, drained while the process runs, and the exit arrives through the termination handler.
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { process in
                continuation.yield(process.terminationStatus)
                continuation.finish()
            }
        }
        try process.run()
        return Running(process: process, exited: exited, stdout: outPipe, stderr: errPipe)
    }

    fileprivate static func readToEnd(_ handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            // A thread of its own, not a Dispatch worker: on Linux Swift's concurrency runs on Dispatch's global
            // queue, so a dozen children's blocking reads there left no thread for the simulator under test (every
            // request then waited for a time-out). read(2) directly: Foundation's readDataToEndOfFile traps when a
            // signal interrupts the read (EINTR), which a busy machine running child processes meets now and then.
            Thread.detachNewThread {
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                    if count > 0 {
                        bytes.append(contentsOf: buffer[..<count])
                    } else if count < 0, errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
    }
}

/// `Process` is not `Sendable`; the runner only reads its identifier and signals it after launch.
private struct SendableProcess: @unchecked Sendable {
    let process: Process
}
