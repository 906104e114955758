import Foundation
import Synchronization
import SyncroAPI
import SyncroExport

/// One self-overwriting progress line on stderr (only on a terminal): entity, phase, counts and an estimate of the
/// time left at the rate limit.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let requestInterval: Duration
    private let lastDraw = Mutex(ContinuousClock.now - .seconds(1))

    init(enabled: Bool, limiter: RateLimiter) {
        self.enabled = enabled
        self.requestInterval = limiter.interval
    }

    func show(_ progress: ExportProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDraw.withLock { last in
            guard now - last >= .milliseconds(100) || progress.done == progress.total else { return false }
            last = now
            return true
        }
        guard due else { return }
        var text = "\(progress.entity.rawValue): \(progress.phase.rawValue) \(progress.done)"
        if let total = progress.total {
            text += "/\(total)"
            let left = max(0, total - progress.done)
            if progress.phase != .writing, left > 0 {
                let seconds = Int((requestInterval * left).components.seconds)
                text += ", about \(seconds / 60) min \(seconds % 60) s left at the rate limit"
            }
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
