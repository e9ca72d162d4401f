import CPTY
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One child process on a pseudo-terminal, in its own session and process group (pgid == pid).
///
/// The caller drives it from its own `poll(2)` loop: `masterFD` (non-blocking) becomes readable
/// when there is output, `exitFD` (a pidfd, when the kernel has them) when the process has exited.
/// The process stays a zombie after it exits until `close()`, so its pid and process-group id
/// cannot be reused while leftover group members are being signalled; `close()` (or deinit)
/// reaps it. Every spawned group is registered with `ProcessGroupRegistry` until then.
///
/// Bytes come back exactly as the terminal produced them. The terminal's ONLCR flag is on, as in
/// any real terminal, so a "\n" written by the child arrives as "\r\n"; "\r" and escape
/// sequences pass through untouched.
public final class PTYProcess: Sendable {
    /// The child's pid, which is also its process-group and session id.
    public let pid: Int32
    /// The pty master: non-blocking, close-on-exec. Read output and write input here.
    public let masterFD: Int32
    /// A pidfd that polls readable once the child has exited, or -1 where the kernel has none
    /// (then poll with a timeout and call `pollExit()`).
    public let exitFD: Int32
    /// The program that was started (resolved path).
    public let executable: String

    private struct State {
        var interrupts = 0
        var termination: Termination?
        var reaped = false
        var closed = false
        var leftovers: Int?? = .none
        var exitedAt: ContinuousClock.Instant?
    }
    private let state = Mutex(State())

    private init(pid: Int32, masterFD: Int32, executable: String) {
        self.pid = pid
        self.masterFD = masterFD
        self.executable = executable
        self.exitFD = rb_pidfd_open(pid)
    }

    deinit {
        close()
    }

    /// Starts `executable` with `arguments` (not including argv[0], which is `argv0` or the
    /// executable's path) on a new pseudo-terminal of `size`, with exactly `environment` and in
    /// `directory` (or the current directory when nil).
    ///
    /// A name without "/" is searched in the PATH of `environment` (or the player's PATH).
    /// Throws `SessionError` with kind `.programNotFound`, `.directoryUnusable` or `.spawnFailed`
    /// and a message such as "cannot run /bin/nosuch: No such file or directory".
    public static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        directory: String? = nil,
        size: TerminalSize = .standard,
        argv0: String? = nil
    ) throws -> PTYProcess {
        let path = try resolveExecutable(executable, path: environment["PATH"])
        let argv = [argv0 ?? path] + arguments
        let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var master: Int32 = -1
        var stage: Int32 = 0
        let pid = withCStringArray(argv) { cArgv in
            withCStringArray(envp) { cEnvp in
                rb_pty_spawn(path, cArgv, cEnvp, directory, size.rows, size.cols, &master, &stage)
            }
        }
        if pid < 0 {
            let code = errno
            switch Int(stage) {
            case Int(RB_SPAWN_FAILED_CHDIR):
                throw SessionError(.directoryUnusable, "cannot change to directory \(directory ?? ""): \(errorText(code))", errorNumber: code)
            case Int(RB_SPAWN_FAILED_EXEC):
                throw SessionError(.programNotFound, "cannot run \(path): \(errorText(code))", errorNumber: code)
            case Int(RB_SPAWN_FAILED_PTY):
                throw SessionError(.spawnFailed, "cannot open a pseudo-terminal: \(errorText(code))", errorNumber: code)
            default:
                throw SessionError(.spawnFailed, "cannot start \(path): \(errorText(code))", errorNumber: code)
            }
        }
        let process = PTYProcess(pid: pid, masterFD: master, executable: path)
        ProcessGroupRegistry.register(pid)
        return process
    }

    /// Finds `name` the way a shell would: as given when it contains "/", else in `path`.
    static func resolveExecutable(_ name: String, path: String?) throws -> String {
        if name.isEmpty {
            throw SessionError(.programNotFound, "cannot run an empty program name")
        }
        if name.contains("/") {
            var info = stat()
            if stat(name, &info) != 0 {
                let code = errno
                throw SessionError(.programNotFound, "cannot run \(name): \(errorText(code))", errorNumber: code)
            }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw SessionError(.programNotFound, "cannot run \(name): Is a directory", errorNumber: EISDIR)
            }
            if access(name, X_OK) != 0 {
                let code = errno
                throw SessionError(.programNotFound, "cannot run \(name): \(errorText(code))", errorNumber: code)
            }
            return name
        }
        let searchPath = path ?? (getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin")
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw SessionError(.programNotFound, "cannot run \(name): not found in PATH", errorNumber: ENOENT)
    }

    // MARK: - Input and output

    /// One non-blocking read of at most `maxBytes` from the master.
    public func read(maxBytes: Int = 65536) -> ReadResult {
        if state.withLock({ $0.closed }) { return .endOfFile }
        var outcome = ReadResult.wouldBlock
        let bytes = [UInt8](unsafeUninitializedCapacity: max(maxBytes, 1)) { buffer, count in
            count = 0
            while true {
                let n = Glibc.read(masterFD, buffer.baseAddress, buffer.count)
                if n > 0 {
                    count = n
                    return
                }
                if n == 0 {
                    outcome = .endOfFile
                    return
                }
                switch errno {
                case EINTR: continue
                case EAGAIN: outcome = .wouldBlock
                default: outcome = .endOfFile  // EIO: the slave side is closed
                }
                return
            }
        }
        return bytes.isEmpty ? outcome : .data(bytes)
    }

    /// Writes keyboard input to the child (through the terminal's line discipline: with the
    /// default settings "\r" is Enter, 0x03 is Ctrl-C, 0x04 is Ctrl-D at the start of a line).
    /// Waits up to 2 s while the terminal's input buffer is full; throws `.writeFailed` after
    /// that, or when the child side is gone.
    public func write(_ bytes: [UInt8]) throws {
        if state.withLock({ $0.closed }) {
            throw SessionError(.writeFailed, "cannot send input: the process has been closed")
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(masterFD, raw.baseAddress! + offset, raw.count - offset)
            }
            if n > 0 {
                offset += n
                continue
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN {
                var entry = pollfd(fd: masterFD, events: Int16(POLLOUT), revents: 0)
                let ready = poll(&entry, 1, 2000)
                if ready == 0 {
                    throw SessionError(.writeFailed, "cannot send input: the command is not reading it")
                }
                continue
            }
            throw SessionError(.writeFailed, "cannot send input: \(errorText(code))", errorNumber: code)
        }
    }

    /// Sets the terminal size; the kernel sends SIGWINCH to the foreground process group.
    public func resize(_ size: TerminalSize) {
        if state.withLock({ $0.closed }) { return }
        _ = rb_pty_resize(masterFD, size.rows, size.cols)
    }

    /// The terminal's current size as the kernel sees it.
    public var size: TerminalSize? {
        if state.withLock({ $0.closed }) { return nil }
        var rows: UInt16 = 0, cols: UInt16 = 0
        guard rb_pty_get_size(masterFD, &rows, &cols) == 0 else { return nil }
        return TerminalSize(rows: rows, cols: cols)
    }

    // MARK: - Signals

    /// How many times `interrupt()` has been called.
    public var interruptCount: Int { state.withLock { $0.interrupts } }

    /// First call: SIGINT (then SIGCONT, in case something is stopped) to the process group, like
    /// Ctrl-C in a terminal but regardless of the terminal's mode. Later calls: SIGKILL to the
    /// group and to every other process of its session.
    public func interrupt() {
        state.withLock { s in
            guard !s.reaped else { return }
            s.interrupts += 1
            if s.interrupts == 1 {
                _ = rb_kill_group(pid, SIGINT)
                _ = rb_kill_group(pid, SIGCONT)
            } else {
                signalEverything(SIGKILL)
            }
        }
    }

    /// When this object first saw the process exited (by `pollExit`/`waitExit`), or nil.
    public var exitedAt: ContinuousClock.Instant? { state.withLock { $0.exitedAt } }

    /// Sends `signal` to the process group (not counted as an interrupt). Does nothing once reaped.
    public func signalGroup(_ signal: Int32) {
        state.withLock { s in
            guard !s.reaped else { return }
            _ = rb_kill_group(pid, signal)
        }
    }

    /// Sends SIGKILL to the whole group now (used when a timeout's grace period is over).
    public func kill() {
        state.withLock { s in
            guard !s.reaped else { return }
            signalEverything(SIGKILL)
        }
    }

    /// Sends SIGHUP, SIGTERM and SIGCONT to the group (and to other processes of its session),
    /// waits up to `grace` for all of them to end, then SIGKILLs whatever is left. Blocks for at
    /// most `grace` plus a little. Does not reap; call `close()` afterwards.
    public func terminateGroup(grace: Duration) {
        let sent = state.withLock { s -> Bool in
            guard !s.reaped else { return false }
            signalEverything(SIGHUP)
            signalEverything(SIGTERM)
            signalEverything(SIGCONT)
            return true
        }
        guard sent else { return }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: grace)
        while liveMembers().count > 0 && clock.now < deadline {
            usleep(10_000)
        }
        if liveMembers().count > 0 { kill() }
    }

    /// Signals the group, then each live process of the session that left the group. Caller holds the lock.
    private func signalEverything(_ signal: Int32) {
        _ = rb_kill_group(pid, signal)
        for member in liveMembers().pids where member != pid {
            Glibc.kill(member, signal)
        }
    }

    /// Live (not zombie) processes in this process group or session, leader included while it runs.
    /// `count` is -1 if /proc cannot be read.
    func liveMembers() -> (count: Int, pids: [Int32]) {
        var buffer = [pid_t](repeating: 0, count: 512)
        let total = Int(rb_list_group_members(pid, &buffer, Int32(buffer.count)))
        if total < 0 { return (-1, []) }
        return (total, Array(buffer.prefix(min(total, buffer.count))))
    }

    // MARK: - Exit

    /// The termination if the process has exited, without blocking. The process is not reaped.
    /// If something else in the player reaped it (e.g. SIGCHLD set to SIG_IGN), this reports
    /// `.exited(-1)`: status unknown.
    public func pollExit() -> Termination? {
        wait(blocking: false)
    }

    /// Blocks until the process has exited and returns how. The process is not reaped.
    public func waitExit() -> Termination {
        wait(blocking: true) ?? .exited(-1)
    }

    private func wait(blocking: Bool) -> Termination? {
        if let known = state.withLock({ $0.termination }) { return known }
        var exited: Int32 = 0, code: Int32 = 0, signal: Int32 = 0
        let flags = Int32(RB_WAIT_PEEK) | (blocking ? 0 : Int32(RB_WAIT_NOHANG))
        let result = rb_wait(pid, flags, &exited, &code, &signal)
        let termination: Termination
        switch result {
        case 1: termination = exited != 0 ? .exited(code) : .signaled(signal)
        case 0: return nil
        default: termination = .exited(-1)
        }
        let now = ContinuousClock.now
        return state.withLock { s in
            if s.termination == nil {
                s.termination = termination
                s.exitedAt = now
            }
            return s.termination
        }
    }

    /// After the process has exited: ends the processes it left behind in its group or session
    /// (background jobs, daemons that did not detach): SIGTERM + SIGCONT, up to 100 ms grace, then
    /// SIGKILL, and waits (up to 1 s) until they are gone. Returns how many there were (nil when
    /// /proc could not be read). Only the first call acts; later calls return the same count.
    /// Processes that called setsid() themselves (daemons, `setsid cmd &`) are out of reach.
    @discardableResult
    public func endLeftovers() -> Int? {
        if case .some(let known) = state.withLock({ $0.leftovers }) { return known }
        _ = waitExit()
        let found = liveMembers()
        var result: Int? = found.count < 0 ? nil : found.count
        if found.count != 0 {
            // Even when /proc is unreadable, signal the group: it is still reserved by the zombie leader.
            state.withLock { s in
                guard !s.reaped else { return }
                signalEverything(SIGTERM)
                signalEverything(SIGCONT)
            }
            let clock = ContinuousClock()
            let graceEnd = clock.now.advanced(by: .milliseconds(100))
            while liveMembers().count > 0 && clock.now < graceEnd { usleep(5_000) }
            if liveMembers().count != 0 { kill() }
            let goneBy = clock.now.advanced(by: .seconds(1))
            while liveMembers().count > 0 && clock.now < goneBy { usleep(2_000) }
            if found.count < 0 { result = nil }
        }
        return state.withLock { s in
            if case .none = s.leftovers { s.leftovers = .some(result) }
            return s.leftovers ?? nil
        }
    }

    /// Ends the process if it is still running (SIGKILL to the group), ends leftovers, unregisters
    /// the group, reaps the process and closes the fds. Idempotent; also done by deinit.
    public func close() {
        let first = state.withLock { s -> Bool in
            if s.closed { return false }
            s.closed = true
            return true
        }
        guard first else { return }
        if pollExit() == nil { kill() }
        _ = waitExit()
        endLeftovers()
        ProcessGroupRegistry.unregister(pid)
        state.withLock { s in
            if !s.reaped {
                var exited: Int32 = 0, code: Int32 = 0, signal: Int32 = 0
                _ = rb_wait(pid, 0, &exited, &code, &signal)
                s.reaped = true
            }
        }
        Glibc.close(masterFD)
        if exitFD >= 0 { Glibc.close(exitFD) }
    }

    /// True after `close()`.
    public var isClosed: Bool { state.withLock { $0.closed } }
}

/// Calls `body` with a NULL-terminated C array of copies of `strings`.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { for pointer in pointers { free(pointer) } }
    return body(pointers)
}
