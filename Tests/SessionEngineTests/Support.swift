import Foundation
import SessionEngine
#if canImport(Glibc)
import Glibc
#endif

/// What one command gave: its result and every byte the terminal produced.
struct Ran {
    var result: CommandResult
    var bytes: [UInt8]
    var text: String { String(decoding: bytes, as: UTF8.self) }
    var termination: Termination { result.termination }
}

/// The environment the tests give a session: small and predictable.
let testEnvironment: [String: String] = [
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
]

func makeSession(directory: String = "/", term: String? = "xterm-256color") throws -> ShellSession {
    try ShellSession(environment: testEnvironment, directory: directory, term: term)
}

/// Runs one command to completion, optionally typing `input` first.
func run(
    _ session: ShellSession,
    _ command: String,
    size: TerminalSize = .standard,
    timeout: Duration? = nil,
    interrupt: InterruptTrigger? = nil,
    input: String? = nil
) throws -> Ran {
    let running = try session.start(command, size: size, timeout: timeout)
    if let input { try running.process.write(Array(input.utf8)) }
    var bytes: [UInt8] = []
    let result = runToCompletion(running, interrupt: interrupt) { bytes += $0 }
    return Ran(result: result, bytes: bytes)
}

/// Seconds elapsed while running `body`.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// Calls `body` on another thread after `delay` seconds (Dispatch, not the test's task pool,
/// which blocking tests may be holding).
func after(_ delay: Double, _ body: @escaping @Sendable () -> Void) {
    DispatchQueue.global().asyncAfter(deadline: .now() + delay, execute: body)
}

/// One process as /proc shows it.
struct ProcInfo {
    var pid: Int32
    var state: Character
    var pgrp: Int32
    var session: Int32
    var commandLine: [String]
}

/// Every process on the machine (racy by nature: processes may vanish while reading).
func allProcesses() -> [ProcInfo] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    var found: [ProcInfo] = []
    for name in names {
        guard let pid = Int32(name),
              let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 3, let state = fields[0].first, let pgrp = Int32(fields[2]), let session = Int32(fields[3]) else { continue }
        let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(name)/cmdline"))) ?? Data()
        let commandLine = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        found.append(ProcInfo(pid: pid, state: state, pgrp: pgrp, session: session, commandLine: commandLine))
    }
    return found
}

/// Live (not zombie) processes whose group or session is `id`.
func liveMembers(of id: Int32) -> [ProcInfo] {
    allProcesses().filter { ($0.pgrp == id || $0.session == id) && $0.state != "Z" }
}

/// Live processes whose command line is exactly `words`.
func liveProcesses(running words: [String]) -> [ProcInfo] {
    allProcesses().filter { $0.commandLine == words && $0.state != "Z" }
}

/// The `pty-harness` test helper next to the test bundle, if it was built.
let harnessPath: String? = {
    guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
    var directory = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("pty-harness").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return nil
}()

/// Reads from `process` until `marker` appears or `seconds` pass.
func readUntil(_ process: PTYProcess, contains marker: String, seconds: Double) -> String {
    var bytes: [UInt8] = []
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        var entry = pollfd(fd: process.masterFD, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, 50)
        switch process.read() {
        case .data(let chunk): bytes += chunk
        case .endOfFile: return String(decoding: bytes, as: UTF8.self)
        case .wouldBlock: break
        }
        if String(decoding: bytes, as: UTF8.self).contains(marker) { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}
