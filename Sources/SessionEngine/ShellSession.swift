import CPTY
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A bash that keeps shell state across commands the way an SRE's terminal does.
///
/// Each command runs in a fresh `bash --noprofile --norc -c WRAPPER` on its own pseudo-terminal
/// (see `shellWrapperScript`). The wrapper restores what the previous command left: the working
/// directory, every variable (exported or not, arrays too), functions, aliases, `umask`,
/// `set -o` options (pipefail, errexit, nounset, xtrace, noclobber, ...) and common `shopt`s,
/// then `eval`s the command text byte for byte at top level, and saves the state again when it
/// finishes or exits. Nothing is added to the command's output.
///
/// Not carried over: traps, the directory stack (`pushd`), `$?` of the previous command, and
/// background jobs (they are ended by `RunningCommand.finish()`). A command that replaces the
/// EXIT trap and then calls `exit` mid-way keeps the state of the command before it.
///
/// One command at a time. The state lives in a private 0700 directory that `close()` (or
/// deinit) removes.
public final class ShellSession: Sendable {
    /// The shell program (resolved path).
    public let shell: String
    /// The private directory holding the state files.
    public let stateDirectory: String
    /// The directory the session started in.
    public let initialDirectory: String

    private struct State {
        var directory: String
        var exported: [String: String]
        var variables: [String: String]
        var attributes: [String: String]
        var functions: [String]
        var running: PTYProcess?
        var busy = false
        var closed = false
        var commandsRun = 0
        var lastTermination: Termination?
    }
    private let state: Mutex<State>

    /// Variables never passed to the shell from the environment: bash computes them itself, or
    /// they would change how the wrapper runs.
    static let environmentDropped: Set<String> = ["COLUMNS", "LINES", "SHLVL", "SHELLOPTS", "BASHOPTS", "PWD", "OLDPWD", "_", "BASH_ENV"]

    /// A session that starts in `directory` with `environment` (what `export` would show) and
    /// TERM set to `term` (nil keeps the environment's TERM). COLUMNS/LINES are dropped: the
    /// pty's real size is what programs see. State files go to a new 0700 directory inside
    /// `temporaryDirectory` (default: $XDG_RUNTIME_DIR, /dev/shm, $TMPDIR or /tmp, the first usable).
    ///
    /// Throws `SessionError` when the shell is missing or not executable (`.programNotFound`),
    /// the directory is unusable (`.directoryUnusable`), or the state directory cannot be
    /// created (`.stateDirectory`).
    public init(
        shell: String = "/bin/bash",
        environment: [String: String],
        directory: String,
        term: String? = "xterm-256color",
        temporaryDirectory: String? = nil
    ) throws {
        self.shell = try PTYProcess.resolveExecutable(shell, path: environment["PATH"])
        let absolute = directory.hasPrefix("/") ? directory : FileManager.default.currentDirectoryPath + "/" + directory
        if let problem = ShellSession.directoryProblem(absolute) {
            throw SessionError(.directoryUnusable, "cannot use directory \(directory): \(problem)")
        }
        initialDirectory = absolute

        let parent = temporaryDirectory ?? ShellSession.defaultStateParent()
        var template = Array((parent.hasSuffix("/") ? parent : parent + "/") .utf8CString.dropLast()) + Array("runbook-shell.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            let code = errno
            throw SessionError(.stateDirectory, "cannot create a private directory in \(parent): \(errorText(code))", errorNumber: code)
        }
        stateDirectory = String(cString: made)
        _ = rb_cleanup_dir_add(stateDirectory)  // deleted by the signal handlers / atexit hook if close() never runs

        var base = environment
        for name in ShellSession.environmentDropped where name != "BASH_ENV" { base[name] = nil }
        if let term { base["TERM"] = term }
        state = Mutex(State(directory: absolute, exported: base, variables: base, attributes: base.mapValues { _ in "x" }, functions: []))
    }

    deinit {
        close()
    }

    /// Where state directories go by default: a memory file system when there is a usable one
    /// ($XDG_RUNTIME_DIR, then /dev/shm), else $TMPDIR or /tmp. The state files are rewritten
    /// after every command; on a disk file system mounted with `discard` each rewrite costs
    /// milliseconds (measured: ~3 ms per truncated file on this machine's ext4, 20 µs on tmpfs).
    static func defaultStateParent() -> String {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { candidates.append(runtime) }
        candidates.append("/dev/shm")
        for candidate in candidates {
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, access(candidate, W_OK | X_OK) == 0 {
                return candidate
            }
        }
        if let tmp = environment["TMPDIR"], !tmp.isEmpty { return tmp }
        return "/tmp"
    }

    /// Why `path` cannot be a working directory, or nil if it can.
    static func directoryProblem(_ path: String) -> String? {
        var info = stat()
        if stat(path, &info) != 0 { return errorText(errno) }
        if (info.st_mode & S_IFMT) != S_IFDIR { return errorText(ENOTDIR) }
        if access(path, X_OK) != 0 { return errorText(errno) }
        return nil
    }

    // MARK: - State read back after each command

    /// The working directory the last finished command left (logical path, as `pwd` prints it).
    public var currentDirectory: String { state.withLock { $0.directory } }

    /// The exported variables: the environment the next command's programs will get.
    public var exportedVariables: [String: String] { state.withLock { $0.exported } }

    /// Every variable the next command will see, exported or not (bash's own dynamic variables
    /// such as RANDOM or BASHPID excluded). Arrays appear in `declare` syntax: `([0]="a" [1]="b")`.
    public var shellVariables: [String: String] { state.withLock { $0.variables } }

    /// bash attribute letters of each variable in `shellVariables` ("x" exported, "r" read-only,
    /// "a"/"A" arrays, "i" integer; "" plain).
    public var variableAttributes: [String: String] { state.withLock { $0.attributes } }

    /// Names of the shell functions defined so far.
    public var functionNames: [String] { state.withLock { $0.functions } }

    /// How the last finished command ended.
    public var lastTermination: Termination? { state.withLock { $0.lastTermination } }

    /// How many commands have been started.
    public var commandsRun: Int { state.withLock { $0.commandsRun } }

    /// True while a command is running (between `start` and `finish`).
    public var isBusy: Bool { state.withLock { $0.busy } }

    // MARK: - Running

    /// Starts one command; the caller polls `process.masterFD` (and `process.exitFD`), reads
    /// output, and calls `finish()` when the process has exited and the output has drained
    /// (`runToCompletion` does all of that). `timeout` is recorded in the returned command and
    /// enforced by `RunningCommand.enforceTimeout` / `runToCompletion`.
    ///
    /// Throws `.busy` while another command of this session runs, `.closed` after `close()`,
    /// `.programNotFound` if the shell has disappeared, `.stateDirectory` if the command cannot
    /// be written to the private directory.
    /// `environment` adds to (and overrides) the exported variables the previous commands left, for
    /// values the operator supplies for placeholders.
    public func start(
        _ command: String, size: TerminalSize = .standard, timeout: Duration? = nil, environment extra: [String: String] = [:]
    ) throws -> RunningCommand {
        let snapshot = try state.withLock { s -> State in
            if s.closed { throw SessionError(.closed, "the shell session has been closed") }
            if s.busy { throw SessionError(.busy, "a command is already running in this shell session") }
            s.busy = true
            s.commandsRun += 1
            return s
        }
        do {
            for name in ["state.new", "vars.new", "functions.new"] { unlink(stateDirectory + "/" + name) }
            try writePrivateFile(stateDirectory + "/prologue.sh", Array(shellPrologueScript.utf8))
            try writePrivateFile(stateDirectory + "/command", Array(command.utf8))

            var warnings: [String] = []
            var directory = snapshot.directory
            if let problem = ShellSession.directoryProblem(directory) {
                let fallback = ShellSession.directoryProblem(initialDirectory) == nil ? initialDirectory : "/"
                warnings.append("cannot return to \(directory) (\(problem)); running in \(fallback)")
                directory = fallback
            }
            var environment = snapshot.exported.merging(extra) { _, supplied in supplied }
            for name in ShellSession.environmentDropped { environment[name] = nil }
            environment["PWD"] = directory
            let bashEnv = snapshot.exported["BASH_ENV"].map { "=" + $0 } ?? ""
            let process = try PTYProcess.spawn(
                executable: shell,
                arguments: ["--noprofile", "--norc", "-c", shellWrapperScript, "bash", stateDirectory, bashEnv],
                environment: environment,
                directory: directory,
                size: size,
                argv0: (shell as NSString).lastPathComponent
            )
            state.withLock { $0.running = process }
            return RunningCommand(session: self, process: process, command: command, timeout: timeout, warnings: warnings)
        } catch {
            state.withLock { $0.busy = false }
            throw error
        }
    }

    private func writePrivateFile(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd < 0 {
            let code = errno
            throw SessionError(.stateDirectory, "cannot write \(path): \(errorText(code))", errorNumber: code)
        }
        defer { Glibc.close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                throw SessionError(.stateDirectory, "cannot write \(path): \(errorText(code))", errorNumber: code)
            }
            offset += n
        }
    }

    /// Called by `RunningCommand.finish()` after the process is reaped: takes the saved state if
    /// it is complete. Returns whether it was.
    func commandFinished(_ termination: Termination) -> Bool {
        let saved = loadSavedState()
        state.withLock { s in
            if let saved {
                s.directory = saved.directory ?? s.directory
                s.exported = saved.exported
                s.variables = saved.variables
                s.attributes = saved.attributes
                s.functions = saved.functions
            }
            s.lastTermination = termination
            s.running = nil
            s.busy = false
        }
        return saved != nil
    }

    private struct SavedState: Equatable {
        var directory: String?
        var exported: [String: String] = [:]
        var variables: [String: String] = [:]
        var attributes: [String: String] = [:]
        var functions: [String] = []
    }

    private func loadSavedState() -> SavedState? {
        let dir = stateDirectory + "/"
        defer { for name in ["state.new", "vars.new", "functions.new"] { unlink(dir + name) } }
        guard let script = FileManager.default.contents(atPath: dir + "state.new"),
              let vars = FileManager.default.contents(atPath: dir + "vars.new"),
              let functions = FileManager.default.contents(atPath: dir + "functions.new"),
              script.suffix(20) == Data("# runbook-state-end\n".utf8),
              vars.suffix(7) == Data("end\0\0\0\0".utf8)
        else { return nil }
        guard rename(dir + "state.new", dir + "state.sh") == 0 else { return nil }

        var saved = SavedState()
        let fields = vars.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        var index = 0
        while index + 3 < fields.count {
            let (kind, attributes, name, value) = (fields[index], fields[index + 1], fields[index + 2], fields[index + 3])
            index += 4
            switch kind {
            case "pwd": saved.directory = value
            case "var":
                var value = value
                if attributes.contains("a") || attributes.contains("A"), let equals = value.firstIndex(of: "=") {
                    value = String(value[value.index(after: equals)...])
                }
                saved.variables[name] = value
                saved.attributes[name] = attributes
                if attributes.contains("x") && !attributes.contains("a") && !attributes.contains("A") {
                    saved.exported[name] = value
                }
            default: break
            }
        }
        for line in String(decoding: functions, as: UTF8.self).split(separator: "\n") {
            guard let name = line.split(separator: " ").last, !name.hasPrefix("__rb_") else { continue }
            saved.functions.append(String(name))
        }
        return saved
    }

    /// Ends a running command (SIGKILL to its group) and removes the state directory. Later
    /// `start` calls throw `.closed`. Idempotent; also done by deinit.
    public func close() {
        let running = state.withLock { s -> PTYProcess? in
            if s.closed { return nil }
            s.closed = true
            return s.running
        }
        running?.kill()
        try? FileManager.default.removeItem(atPath: stateDirectory)
        rb_cleanup_dir_remove(stateDirectory)
    }
}

/// One command started by `ShellSession.start`, running on its own pseudo-terminal.
public final class RunningCommand: Sendable {
    /// The bash process running the command (its pid is the process-group id).
    public let process: PTYProcess
    /// The command text exactly as given.
    public let command: String
    /// When it was started (monotonic clock, for durations).
    public let startedAt: ContinuousClock.Instant
    /// When it was started (wall clock, for logs and transcripts).
    public let startedAtDate: Date
    /// Notes for the user that did not belong in the output, e.g. that the previous directory
    /// no longer exists.
    public let warnings: [String]

    private let session: ShellSession
    private struct State {
        var timeout: Duration?
        var timedOut = false
        var killAt: ContinuousClock.Instant?
        var result: CommandResult?
    }
    private let state: Mutex<State>

    /// How long SIGINT gets after a timeout before SIGKILL.
    public static let timeoutKillGrace: Duration = .seconds(2)

    init(session: ShellSession, process: PTYProcess, command: String, timeout: Duration?, warnings: [String]) {
        self.session = session
        self.process = process
        self.command = command
        self.startedAt = .now
        self.startedAtDate = Date()
        self.warnings = warnings
        self.state = Mutex(State(timeout: timeout))
    }

    deinit {
        if state.withLock({ $0.result }) == nil {
            if process.pollExit() == nil { process.kill() }
            _ = finish()
        }
    }

    /// The time limit (nil: none).
    public var timeout: Duration? {
        get { state.withLock { $0.timeout } }
        set { state.withLock { $0.timeout = newValue } }
    }

    /// When the time limit runs out, or nil.
    public var deadline: ContinuousClock.Instant? { timeout.map { startedAt.advanced(by: $0) } }

    /// True once the time limit has run out.
    public var timedOut: Bool { state.withLock { $0.timedOut } }

    /// Ctrl-C for this command: the first call sends SIGINT to its process group, later calls SIGKILL.
    public func interrupt() {
        process.interrupt()
    }

    /// Applies the time limit: past the deadline it sends SIGINT to the group (recording a
    /// timeout), and `timeoutKillGrace` later SIGKILL if the command is still running. Call it
    /// whenever the loop wakes up; it returns when it next needs to be called (nil: not again).
    @discardableResult
    public func enforceTimeout(now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        guard let deadline else { return nil }
        if process.pollExit() != nil { return nil }
        enum Action { case none, interrupt, kill }
        let (action, next) = state.withLock { s -> (Action, ContinuousClock.Instant?) in
            if !s.timedOut {
                if now < deadline { return (.none, deadline) }
                s.timedOut = true
                s.killAt = now.advanced(by: RunningCommand.timeoutKillGrace)
                return (.interrupt, s.killAt)
            }
            guard let killAt = s.killAt else { return (.none, nil) }
            if now < killAt { return (.none, killAt) }
            s.killAt = nil
            return (.kill, nil)
        }
        switch action {
        case .interrupt:
            process.signalGroup(SIGINT)
            process.signalGroup(SIGCONT)
        case .kill:
            process.kill()
        case .none:
            break
        }
        return next
    }

    /// Waits for the process to exit, ends whatever it left running in its process group,
    /// reaps it, and reloads the shell state it saved. Call it after the output has drained
    /// (bytes still unread are discarded). Only the first call acts; later calls return the
    /// same result.
    @discardableResult
    public func finish() -> CommandResult {
        if let done = state.withLock({ $0.result }) { return done }
        let termination = process.waitExit()
        let ended = process.exitedAt ?? .now
        let leftovers = process.endLeftovers()
        let interrupted = process.interruptCount > 0
        process.close()
        let saved = session.commandFinished(termination)
        return state.withLock { s in
            if let done = s.result { return done }
            let result = CommandResult(
                termination: termination,
                duration: ended - startedAt,
                timedOut: s.timedOut,
                interrupted: interrupted,
                leftoverProcessesKilled: leftovers,
                stateSaved: saved,
                startedAt: startedAtDate,
                warnings: warnings
            )
            s.result = result
            return result
        }
    }
}

/// How one command went.
public struct CommandResult: Equatable, Sendable {
    /// How the shell running the command ended.
    public var termination: Termination
    /// From start to the moment the exit was noticed.
    public var duration: Duration
    /// The time limit ran out (the command then got SIGINT, and SIGKILL 2 s later).
    public var timedOut: Bool
    /// The user interrupted it at least once.
    public var interrupted: Bool
    /// How many processes it left behind in its group that had to be ended (nil: /proc unreadable).
    public var leftoverProcessesKilled: Int?
    /// Whether the shell state (directory, variables, functions) was saved; false when the shell
    /// was killed with SIGKILL or replaced itself with `exec`: the next command then sees the
    /// state from before this one.
    public var stateSaved: Bool
    /// Wall-clock start.
    public var startedAt: Date
    /// Notes for the user (see `RunningCommand.warnings`).
    public var warnings: [String]

    /// Shorthand for `termination.succeeded`.
    public var succeeded: Bool { termination.succeeded }
}
