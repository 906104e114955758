import Foundation

/// The rate limiter's schedule shared by consecutive runs against one host, in a small file.
///
/// Syncro counts requests per IP address over a rolling minute, while each process's limiter starts fresh: a
/// run started right after another (cron jobs back to back, the demo's commands) would send its first requests on
/// top of the last minute of the one before. The file holds the wall-clock time of the next free slot; a new
/// limiter starts no earlier, so consecutive runs together keep the even spacing of one. A running process writes
/// it at most once a second, one second ahead (a process killed in between has handed out no slot beyond it),
/// and exactly at the end.
///
/// The file is one line, `NEXT_SLOT_EPOCH_SECONDS`; a missing or unreadable file means no earlier run.
package struct SharedRateSchedule: Sendable {
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// The file for `host` under `directory`: `rate-HOST` with the characters a file name cannot hold replaced.
    package static func forHost(_ host: String, in directory: String) -> SharedRateSchedule {
        let name = host.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
        return SharedRateSchedule(path: directory + "/rate-" + String(name))
    }

    /// `$XDG_STATE_HOME/syncro-fusion`, else `~/.local/state/syncro-fusion`.
    package static func defaultDirectory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/syncro-fusion" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/syncro-fusion"
    }

    /// The next free slot an earlier run left, if it is still ahead of now.
    package func read() -> Date? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return nil }
        let slot = Date(timeIntervalSince1970: seconds)
        return slot > Date() ? slot : nil
    }

    /// Writes the next free slot (through a temporary file and a rename, so a reader never sees half a number).
    package func write(_ slot: Date) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = path + ".\(getpid())"
        guard
            (try? String(format: "%.3f\n", slot.timeIntervalSince1970).write(
                toFile: temporary, atomically: false, encoding: .utf8)) != nil
        else { return }
        if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
