import Foundation

/// A writer workload for crash tests: a helper process runs it and the test kills that process with
/// SIGKILL at random moments, then checks the log still reads and verifies (except a torn last line).
///
/// Hook it to any executable (`logtool crash-drill PATH SEED` in the development package, or a hidden
/// `runbook` subcommand) and point the crash test at it with `INCIDENTLOG_CRASH_HELPER`.
public enum LogCrashDrill {
    /// Creates the log at `path` (or reopens it, repairing a torn tail), then appends forever: bursts of
    /// random output bytes (escape sequences, `\r`, invalid UTF-8) through `appendOutput`/`flushIfDue`,
    /// interleaved with fsync'd state events. Prints `ready` on standard output once the log is open.
    /// Returns only by throwing; meant to be killed.
    public static func run(path: String, seed: UInt64) throws -> Never {
        var random = SplitMix64(seed: seed)
        // Random bytes (escape sequences, `\r`, invalid UTF-8 all included), sliced per burst.
        var pool = [UInt8](repeating: 0, count: 2 << 20)
        for index in stride(from: 0, to: pool.count, by: 8) {
            withUnsafeBytes(of: random.next().littleEndian) { word in
                for offset in 0..<8 { pool[index + offset] = word[offset] }
            }
        }
        let writer: IncidentLogWriter
        if let existing = try? IncidentLogWriter.reopen(at: path) {
            writer = existing.0
        } else {
            let header = LogHeader(
                toolVersion: "0.1.0", sessionID: "drill0", mode: "crash-drill", runbookPath: "drill.md",
                sourceBytes: Array("# Drill\n\n## Step\n\n```sh\nyes\n```\n".utf8), terminal: LogTerminalSize(rows: 24, cols: 80),
                startedAt: LogClock.system.wall(), host: "drill", user: "drill")
            writer = try IncidentLogWriter.create(at: path, header: header)
        }
        // Tell the test it can start the kill timer now.
        _ = "ready\n".withCString { write(1, $0, 6) }
        // Never outlive the test: stop when orphaned (the parent died) or after two minutes.
        let parent = getppid()
        let deadline = LogClock.system.monotonic() + 120
        var step: Int64 = 0
        while true {
            if getppid() != parent || LogClock.system.monotonic() > deadline { exit(3) }
            step += 1
            let command = "c\(random.next() % 4)"
            for _ in 0..<Int(random.next() % 8) {
                // Mostly pty-sized reads, sometimes more than one output event's worth (long writes).
                let roll = random.next() % 100
                let limit = roll == 0 ? 3 << 19 : (roll < 10 ? 64 << 10 : 4 << 10)
                let size = Int(random.next() % UInt64(limit))
                let start = Int(random.next() % UInt64(pool.count - size + 1))
                writer.appendOutput(command: command, bytes: pool[start..<(start + size)])
                try writer.flushIfDue()
            }
            if random.next() % 3 == 0 { try writer.flush() }
            try writer.append(type: "drill-step", payload: [
                "step": .int(step), "note": "état \u{1F680} \"quoted\" \\ \n\t\u{1}", "command": .string(command),
            ])
        }
    }
}

/// A small, fast, seedable generator (SplitMix64): the same sequence for the same seed, for crash
/// drills, generated benchmark logs and randomized tests that must be replayable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
