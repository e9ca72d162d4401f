import Foundation
@testable import IncidentLog

/// A clock the test moves by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var wallNow: Date
    private var monoNow: Double

    init(wall: Date = Date(timeIntervalSince1970: 1_795_634_435.123), mono: Double = 1000) {
        wallNow = wall
        monoNow = mono
    }

    /// Moves both clocks forward by `seconds`.
    func advance(_ seconds: Double) {
        lock.lock()
        wallNow = wallNow.addingTimeInterval(seconds)
        monoNow += seconds
        lock.unlock()
    }

    var mono: Double {
        lock.lock()
        defer { lock.unlock() }
        return monoNow
    }

    var logClock: LogClock {
        LogClock(
            wall: { [self] in lock.lock(); defer { lock.unlock() }; return wallNow },
            monotonic: { [self] in mono })
    }
}

/// Directories made by `TestFiles.directory()`, removed when the test process exits.
private final class CreatedDirectories: @unchecked Sendable {
    static let shared = CreatedDirectories()
    private let lock = NSLock()
    private var paths: [String] = []
    private var registered = false

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
        if !registered {
            registered = true
            atexit { CreatedDirectories.shared.removeAll() }
        }
    }

    func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        paths = []
    }
}

enum TestFiles {
    /// A fresh empty directory under the system temporary directory (removed at exit).
    static func directory() -> String {
        let path = NSTemporaryDirectory() + "incidentlog-tests-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        CreatedDirectories.shared.add(path)
        return path
    }

    static func bytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func write(_ text: String, to path: String) {
        write(Array(text.utf8), to: path)
    }

    /// The file's lines (without newlines; a last line without newline included).
    static func lines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last == [] { lines.removeLast() }
        return lines
    }

    static func joined(_ lines: [[UInt8]]) -> [UInt8] {
        lines.flatMap { $0 + [0x0A] }
    }

    static func mode(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return -1 }
        return Int(info.st_mode & 0o777)
    }
}

enum Samples {
    static let source = "# Demo — déploiement\n\n## Step 1\n\n```bash\necho \"hi\"\\\n```\n\t\u{1}\n"

    static func header(sessionID: String = "k3j9x2", startedAt: Date = Date(timeIntervalSince1970: 1_795_634_435.123)) -> LogHeader {
        LogHeader(
            toolVersion: "0.1.0", sessionID: sessionID, mode: "live", runbookPath: "playbooks/demo.md",
            sourceBytes: Array(source.utf8), terminal: LogTerminalSize(rows: 24, cols: 80), startedAt: startedAt,
            host: "host-1", user: "alice", extra: ["term": "xterm-256color", "pid": 4242])
    }

    /// Creates a log with a mix of state and output events; returns its path.
    @discardableResult
    static func log(at path: String, clock: ManualClock = ManualClock(), events: Int = 6) throws -> String {
        let writer = try IncidentLogWriter.create(at: path, header: header(), clock: clock.logClock)
        for index in 0..<events {
            clock.advance(0.05)
            if index % 2 == 1 {
                writer.appendOutput(command: "c\(index)", bytes: [0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x0D, 0x0A, 0xFF, 0xFE] + Array("line \(index)\n".utf8))
                try writer.flush()
            } else {
                try writer.append(type: "section-enter", payload: ["section": .string("\(index)"), "title": .string("Étape \"\(index)\"")])
            }
        }
        try writer.close()
        return path
    }
}

extension Array where Element == UInt8 {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
