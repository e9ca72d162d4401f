import Foundation
import IncidentLog

/// `logtool generate PATH MEGABYTES [SEED]`: writes a realistic incident log of about that size through the
/// real `IncidentLogWriter` (fake clock, so it takes seconds, not hours): sections, commands with mixed
/// output sizes (mostly small pty reads, some screens, a few big dumps), checks, notes and variables.
enum BenchLog {
    static func generate(path: String, megabytes: Int, seed: UInt64) throws {
        let clock = SteppedClock()
        let header = LogHeader(
            toolVersion: "0.1.0", sessionID: "bench0", mode: "live", runbookPath: "bench.md",
            sourceBytes: Array("# Bench\n\n## Step\n\n```sh\nyes\n```\n".utf8), terminal: LogTerminalSize(rows: 40, cols: 120),
            startedAt: Date(timeIntervalSince1970: 1_795_634_435), host: "bench", user: "bench")
        let writer = try IncidentLogWriter.create(at: path, header: header, clock: clock.logClock)
        var random = SplitMix64(seed: seed)
        var pool = [UInt8](repeating: 0, count: 1 << 20)
        for index in pool.indices { pool[index] = UInt8(truncatingIfNeeded: random.next() % 95 + 32) }
        for index in stride(from: 0, to: pool.count, by: 81) { pool[index] = 0x0A }
        let target = megabytes << 20
        var command = 0
        try writer.append(type: "session-start", payload: ["mode": "live", "runbook_title": "Bench", "front": "bench"])
        while fileSize(path) < target {
            if command % 50 == 0 {
                try writer.append(type: "section-enter", payload: ["section": .string("\(command / 50 + 1)"), "title": .string("Section \(command / 50 + 1)")])
            }
            command += 1
            let id = "c\(command)"
            try writer.append(type: "command-start", payload: [
                "command": .string(id), "section": .string("\(command / 50 + 1)"), "line": .int(Int64(command)),
                "label": nil, "text": .string("kubectl logs deploy/api-\(command) --tail=200"),
            ])
            for _ in 0..<Int(1 + random.next() % 20) {
                clock.advance(0.1 + Double(random.next() % 400) / 1000)
                let roll = random.next() % 100
                let size = roll < 70 ? Int(40 + random.next() % 360) : roll < 95 ? Int(1024 + random.next() % 7168) : Int(32768 + random.next() % 32768)
                let start = Int(random.next() % UInt64(pool.count - size))
                writer.appendOutput(command: id, bytes: pool[start..<(start + size)])
                try writer.flushIfDue()
            }
            clock.advance(0.05)
            try writer.append(type: "command-end", payload: [
                "command": .string(id), "exit_code": 0, "signal": nil, "duration": 1.5, "timed_out": false, "interrupted": false,
            ])
            if command % 7 == 0 { try writer.append(type: "check", payload: ["item": .string("k\(command)"), "text": "Pods are ready"]) }
            if command % 23 == 0 { try writer.append(type: "note", payload: ["text": "error rate back below 1%"]) }
            if command % 31 == 0 { try writer.append(type: "variable-set", payload: ["name": "REVISION", "value": .string("\(command)"), "secret": false]) }
        }
        try writer.append(type: "session-end", payload: ["reason": "completed"])
        try writer.close()
    }

    /// `logtool index-bench PATH [RUNS]`: best-of-RUNS wall time of `wc -l PATH` and of `LogIndex.build`,
    /// their ratio, then the worst of many random `event(i)` reads and `lastIndex` lookups.
    static func indexBench(path: String, runs: Int) throws {
        let wc = (0..<runs).map { _ in time { runWordCount(path) } }.min() ?? 0
        var index: LogIndex?
        let build = try (0..<runs).map { _ in try time { index = try LogIndex.build(path: path) } }.min() ?? 0
        guard let index, !index.entries.isEmpty else { throw BenchError.empty }
        var random = SplitMix64(seed: 7)
        var eventTimes: [Double] = []
        var worstOutputBytes = 0
        let samples = 10_000
        for _ in 0..<samples {
            let i = Int(random.next() % UInt64(index.entries.count))
            let seconds = try time { _ = try index.event(i) }
            if seconds > (eventTimes.max() ?? 0) { worstOutputBytes = Int(index.entries[i].length) }
            eventTimes.append(seconds)
        }
        eventTimes.sort()
        let largest = index.entries.indices.max { index.entries[$0].length < index.entries[$1].length } ?? 0
        let largestTime = try (0..<5).map { _ in try time { _ = try index.event(largest) } }.min() ?? 0
        let lastMono = index.entries.last?.mono ?? 0
        var lookupTimes: [Double] = []
        for _ in 0..<100_000 {
            let t = Double(random.next() % 1_000_000) / 1_000_000 * (lastMono + 1) - 0.5
            lookupTimes.append(time { _ = index.lastIndex(atOrBefore: t) })
        }
        lookupTimes.sort()
        let megabytes = Double(fileSize(path)) / 1_048_576
        print(String(format: "log                     %8.1f MB, %d events (%d output), %d step boundaries", megabytes,
                     index.entries.count, index.entries.filter { $0.kind == .output }.count, index.boundaries.count))
        print(String(format: "wc -l (baseline)        %8.1f ms", wc * 1000))
        print(String(format: "LogIndex.build          %8.1f ms   ratio %.2fx wc -l", build * 1000, build / wc))
        print(String(format: "event(i), %d random    worst %.3f ms (a %d-byte line), p99.9 %.3f ms, p99 %.3f ms, median %.3f ms",
                     samples, eventTimes[samples - 1] * 1000, worstOutputBytes, eventTimes[samples * 999 / 1000] * 1000,
                     eventTimes[samples * 99 / 100] * 1000, eventTimes[samples / 2] * 1000))
        print(String(format: "event(i), largest line  %.3f ms (%d bytes)", largestTime * 1000, Int(index.entries[largest].length)))
        print(String(format: "lastIndex(atOrBefore:)  worst %.4f ms, p99.9 %.4f ms over 100000 lookups",
                     lookupTimes[lookupTimes.count - 1] * 1000, lookupTimes[lookupTimes.count * 999 / 1000] * 1000))
    }

    private static func runWordCount(_ path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wc")
        process.arguments = ["-l", path]
        process.standardOutput = FileHandle.nullDevice
        try? process.run()
        process.waitUntilExit()
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    enum BenchError: Error, CustomStringConvertible {
        case empty
        var description: String { "the log has no events to seek to" }
    }
}

/// A clock that moves only when told: wall and monotonic time together.
final class SteppedClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 1000.0

    func advance(_ seconds: Double) {
        lock.lock()
        now += seconds
        lock.unlock()
    }

    var logClock: LogClock {
        LogClock(
            wall: { [self] in lock.lock(); defer { lock.unlock() }; return Date(timeIntervalSince1970: 1_795_634_435 - 1000 + now) },
            monotonic: { [self] in lock.lock(); defer { lock.unlock() }; return now })
    }
}
