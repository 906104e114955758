import Foundation
import Reconcile
import Synchronization
import SyncroAPI
import SyncroExport

/// One self-overwriting progress line on stderr, only on a terminal and not under `--quiet`, redrawn at most ten
/// times a second: a sync's or an export's records, requests and time left at the rate limit; a comparison's records,
/// findings and share of the snapshot read.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let lastDraw = Mutex(ContinuousClock.now - .seconds(1))
    /// When the line was made: a comparison's time left is estimated from the time it has taken so far.
    private let started = ContinuousClock.now

    /// A line that draws when `output` is not quiet and stderr is a terminal.
    convenience init(output: OutputOptions) {
        self.init(enabled: !output.quiet && isatty(STDERR_FILENO) == 1)
    }

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// An export's progress: fetching as a sync's line under `export`, then the file being written.
    func show(_ progress: ExportProgress, limiter: RateLimiter) {
        guard enabled else { return }
        switch progress {
        case .fetching(let fetched): draw(Self.text(fetched, command: "export", limiter: limiter))
        case .writing(let entity): draw("export: writing \(entity.rawValue)", force: true)
        }
    }

    /// A sync's progress: `sync: 12,400 records, 310 requests, about 2 min 40 s left at the rate limit`.
    func show(_ progress: MirrorProgress, limiter: RateLimiter) {
        guard enabled else { return }
        draw(Self.text(progress, command: "sync", limiter: limiter))
    }

    static func text(_ progress: MirrorProgress, command: String, limiter: RateLimiter) -> String {
        var text =
            "\(command): \(grouped(progress.records)) records, \(grouped(progress.requests)) requests"
        if progress.requestsLeft > 0 {
            let seconds = Int((limiter.interval * progress.requestsLeft).components.seconds)
            text += ", about \(seconds / 60) min \(seconds % 60) s left at the rate limit"
        }
        return text
    }

    /// A comparison's progress, under `command` (`diff`, `plan`).
    func show(_ progress: DriftProgress, command: String) {
        guard enabled else { return }
        draw(Self.text(progress, command: command, elapsed: ContinuousClock.now - started))
    }

    /// An export diff's progress.
    func show(_ progress: ExportDiff.Progress) {
        guard enabled else { return }
        draw(
            "diff: \(progress.entity.rawValue): \(Self.grouped(progress.recordsRead)) records read, "
                + "\(Self.grouped(progress.changed)) changed so far")
    }

    /// A phase with no counts yet (loading the export, say), drawn at once.
    func show(phase text: String) {
        guard enabled else { return }
        draw(text, force: true)
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// `diff: compared 412,000 snapshot records, 9,120 findings; 334 MB of 812 MB read (41 %), about 12 s left`.
    /// The time left is the time so far scaled by the share still to read, once a twentieth is read.
    static func text(_ progress: DriftProgress, command: String, elapsed: Duration) -> String {
        var text =
            "\(command): compared \(grouped(progress.records)) snapshot records, \(grouped(progress.findings)) findings"
        guard let fraction = progress.fractionRead else { return text }
        // Kilobytes below 10 MB, so that a small snapshot does not read as "0 of 0 MB".
        let size = { (bytes: Int) in
            progress.totalBytes < 10_000_000 ? "\(grouped(bytes / 1_000)) kB" : "\(grouped(bytes / 1_000_000)) MB"
        }
        text += "; \(size(progress.bytesRead)) of \(size(progress.totalBytes)) read (\(Int(fraction * 100)) %)"
        if fraction >= 0.05, fraction < 1 {
            let seconds = Double(elapsed.components.seconds) * (1 - fraction) / fraction
            let left = Int(seconds.rounded(.up))
            text += left >= 60 ? ", about \(left / 60) min \(left % 60) s left" : ", about \(left) s left"
        }
        return text
    }

    /// `1234567` as `1,234,567`, whatever the locale.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    private func draw(_ text: String, force: Bool = false) {
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            guard force || now - last >= .milliseconds(100) else { return false }
            last = now
            return true
        }
        guard due else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }
}
