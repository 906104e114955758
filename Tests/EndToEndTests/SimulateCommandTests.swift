import Foundation
import RecordFormats
import TestSupport
import Testing

/// `syncro-fusion simulate` as scripts use it: read the first line, talk to it, stop it with a signal.
@Suite("simulate, end to end")
struct SimulateCommandTests {
    @Test("the first stdout line is the URL, the API answers there, and SIGTERM stops it cleanly")
    func firstLineAndSignal() async throws {
        let dataset = SimulatedAccount.repositoryRoot + "/samples/dataset.json"
        let running = try CommandRunner().start(["simulate", "--port", "0", "--dataset", dataset])
        // Poll the log file of the running process is not possible through a pipe without reading it to the end, so
        // find the port by asking the kernel: the process listens on exactly one loopback TCP port.
        var port: Int?
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            port = Self.listeningPort(of: running.processIdentifier)
        }
        let found = try #require(port)
        let account = SimulatedAccount(baseURL: "http://127.0.0.1:\(found)/api/v1")
        let me = try await account.withClient { client in try await client.me() }
        #expect(me.subdomain == "demo")
        running.signal(SIGTERM)
        let outcome = await running.wait()
        #expect(outcome.status == 0, "\(outcome.all)")
        let first = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        #expect(first == "listening on http://127.0.0.1:\(found)/api/v1")
    }

    @Test("a bad fault spec is one sentence and exit 1; a bad latency range is usage")
    func badOptions() async throws {
        let faults = try await CommandRunner().run(["simulate", "--faults", "500=2"])
        #expect(faults.status == 1)
        #expect(faults.stderr.split(separator: "\n").count == 1)
        let latency = try await CommandRunner().run(["simulate", "--latency-ms", "600..200"])
        #expect(latency.status == 64)
    }

    @Test("--without accepts only ticket_comments; any other value is usage naming the accepted values")
    func withoutOption() async throws {
        let outcome = try await CommandRunner().run(["simulate", "--without", "ticket_comments,tickets"])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("\"tickets\""), "\(outcome.all)")
        #expect(outcome.stderr.contains("the accepted values are ticket_comments"), "\(outcome.all)")
        let help = try await CommandRunner().run(["simulate", "--help"])
        #expect(help.stdout.contains("--without <endpoint>"), "\(help.stdout)")
    }

    /// The loopback TCP port a process listens on, from /proc (inode of its sockets against /proc/net/tcp).
    static func listeningPort(of pid: Int32) -> Int? {
        let fdDirectory = "/proc/\(pid)/fd"
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: fdDirectory) else { return nil }
        var inodes = Set<String>()
        for fd in fds {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(fd)"),
                target.hasPrefix("socket:[")
            {
                inodes.insert(String(target.dropFirst(8).dropLast()))
            }
        }
        guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return nil }
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])) else { continue }
            let local = fields[1].split(separator: ":")
            if local.count == 2, let port = Int(local[1], radix: 16) { return port }
        }
        return nil
    }
}
