import Foundation
import IncidentLog
import SessionEngine

/// `runbook replay LOG --bench-seeks N` (hidden, for bench/replay.sh): opens the log as a replay would,
/// then jumps to N random places the way the replay keys do (fold to the play head + the output tail the
/// pane is redrawn from) and prints the open time and the worst and median jump.
enum SeekBench {
    static func run(_ replay: ReplaySession, seeks: Int, openTime: Duration) throws {
        var random = SplitMix64(seed: 2026)
        var times: [Double] = []
        let targets = [replay.count, 0, replay.count / 2] + (0..<max(0, seeks)).map { _ in
            Int(random.next() % UInt64(max(1, replay.count + 1)))
        }
        for target in targets {
            let started = ContinuousClock.now
            try replay.seek(to: target)
            _ = try replay.outputTail()
            times.append((ContinuousClock.now - started).inSeconds * 1000)
        }
        times.sort()
        print(String(format: "replay open (index + runbook): %.1f ms; %d events", openTime.inSeconds * 1000, replay.count))
        print(String(format: "jumps: %d, worst %.1f ms, median %.2f ms (fold to the play head + 256 KiB output tail)",
                     times.count, times.last ?? 0, times[times.count / 2]))
    }
}
