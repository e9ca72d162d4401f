import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `runbook` binary inside a private tmux server (`tmux -S <scratch>/tmux.sock -f /dev/null`):
/// `send-keys`, `capture-pane -p`, `resize-window`. tmux is run through `posix_spawn` with its output
/// going to a file, never through a pipe: the tmux server inherits the client's descriptors, so
/// waiting on a pipe can hang (see the platform notes).
final class TmuxDriver {
    let socket: String
    let session = "play"
    private let scratch: URL

    /// True when tmux is installed (the tests skip cleanly otherwise).
    static var available: Bool { which("tmux") != nil }

    /// Starts `command` in a detached session of `cols` x `rows`.
    init(command: String, cols: Int, rows: Int, scratch: URL) throws {
        self.socket = scratch.appendingPathComponent("tmux-\(UUID().uuidString.prefix(8)).sock").path
        self.scratch = scratch
        try tmux(["new-session", "-d", "-s", session, "-x", "\(cols)", "-y", "\(rows)", command])
        // Keep the pane after the program exits, so its last screen can still be read.
        try? tmux(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// Sends keys the way `tmux send-keys` names them ("j", "Enter", "Space", "C-c", "Tab").
    func send(_ keys: String...) throws {
        for key in keys { try tmux(["send-keys", "-t", session, key]) }
    }

    /// Sends literal text.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
    }

    /// The visible screen as text lines.
    func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session])
    }

    func resize(cols: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// True once the program in the pane has exited.
    func paneDead() throws -> Bool {
        try tmux(["display-message", "-p", "-t", session, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// Waits (up to `timeout` seconds) until `condition` holds for the captured screen; returns the
    /// last capture. Throws with that capture when it never holds.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        throw TmuxError("timed out waiting for \(what); screen was:\n\(screen)")
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(text: String, timeout: Double = 15) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Runs one tmux command and returns what it printed.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = scratch.appendingPathComponent("tmux-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let status = try Self.spawn(["tmux", "-S", socket, "-f", "/dev/null"] + arguments, outputPath: output.path)
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        if status != 0 { throw TmuxError("tmux \(arguments.joined(separator: " ")) failed (\(status)): \(text)") }
        return text
    }

    /// posix_spawn with stdin from /dev/null and stdout+stderr into a file; waits for the exit status.
    private static func spawn(_ argv: [String], outputPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Start tmux with no signal blocked and default dispositions: the test runner's threads block
        // some, and the tmux server (and so the program in its pane) would inherit that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnv.forEach { free($0) } }
        guard let executable = which(argv[0]) else { throw TmuxError("\(argv[0]) not found") }
        let rc = posix_spawn(&pid, executable, &actions, &attributes, cArgs, cEnv)
        if rc != 0 { throw TmuxError("cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    private static func which(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }
}

extension TmuxDriver {
    /// The shell command that starts the built `runbook` with `arguments` in a UTF-8, 256-colour terminal.
    static func runbook(_ arguments: String) -> String {
        "env TERM=tmux-256color LANG=C.UTF-8 '\(BinaryRunner.binary.path)' \(arguments)"
    }

    /// A one-section runbook whose command prints tick-1 ... tick-N, one every `delay` seconds.
    static func tickingRunbook(in dir: URL, ticks: Int, delay: Double) throws -> URL {
        let file = dir.appendingPathComponent("ticks.md")
        try """
            # Slow

            ## 1. Tick

            ```bash
            for i in $(seq 1 \(ticks)); do echo "tick-$i"; sleep \(delay); done
            ```
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
