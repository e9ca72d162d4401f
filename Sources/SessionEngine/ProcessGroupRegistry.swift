import CPTY
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Every process group the player started and has not reaped yet, so they can all be ended when
/// the player exits or is told to stop (SIGHUP, SIGTERM, a SIGINT from outside).
///
/// `PTYProcess.spawn` registers each child and `PTYProcess.close()` unregisters it just before
/// reaping, so a registered id always belongs to one of our children (running or zombie) and can
/// never have been reused by an unrelated process. The list lives in C so the signal handlers can
/// read it safely.
public enum ProcessGroupRegistry {
    /// Adds a process group. Registering more than 256 at once is ignored (the group still works,
    /// it just is not ended by `terminateAll`).
    public static func register(_ pgid: Int32) {
        _ = rb_registry_add(pgid)
    }

    /// Removes a process group (call it before reaping the group leader).
    public static func unregister(_ pgid: Int32) {
        rb_registry_remove(pgid)
    }

    /// Whether `pgid` is registered now.
    public static func contains(_ pgid: Int32) -> Bool { rb_registry_contains(pgid) != 0 }

    /// How many groups are registered now.
    public static var count: Int { Int(rb_registry_count()) }

    /// Sends SIGHUP, SIGTERM and SIGCONT to every registered group, waits up to `grace` for them
    /// to end, then SIGKILLs what is left. Blocks for at most about `grace`. Does not reap: each
    /// `PTYProcess` still reports its termination and reaps on `close()`.
    public static func terminateAll(grace: Duration = .milliseconds(500)) {
        let ms = grace.components.seconds * 1000 + grace.components.attoseconds / 1_000_000_000_000_000
        _ = rb_registry_terminate_all(Int32(clamping: ms))
    }

    /// Installs the player's handlers for SIGHUP, SIGTERM, SIGQUIT and SIGINT, and an atexit hook.
    ///
    /// On SIGHUP/SIGTERM/SIGQUIT (and SIGINT when no interrupt trigger is set) the handler ends
    /// every registered group (`terminateAll` with 500 ms grace), restores the terminal saved with
    /// `restoreTerminalOnFatalSignal(fd:)`, and re-raises the signal with its default action, so
    /// the player dies of it and its parent shell sees 128+signal. The atexit hook ends every
    /// group still registered when the player calls `exit`.
    ///
    /// - Parameter interruptTrigger: when given, SIGINT (the user pressing Ctrl-C in the player's
    ///   own terminal outside raw mode, e.g. in `runbook run`) only fires this trigger, so the
    ///   loop running the current command can interrupt it instead of the player dying.
    public static func installSignalHandlers(interruptTrigger: InterruptTrigger? = nil) throws {
        rb_signals_set_interrupt_fd(interruptTrigger?.writeFD ?? -1)
        interruptTrigger?.markForwarding()
        if rb_signals_install() != 0 {
            let code = errno
            throw SessionError(.spawnFailed, "cannot install signal handlers: \(errorText(code))", errorNumber: code)
        }
    }

    /// Changes where SIGINT goes after `installSignalHandlers`: to `trigger`, or (nil) to the
    /// fatal path that ends every group and the player.
    public static func forwardInterrupts(to trigger: InterruptTrigger?) {
        rb_signals_set_interrupt_fd(trigger?.writeFD ?? -1)
        trigger?.markForwarding()
    }

    /// Remembers the current termios of `fd` (the player's terminal, before switching to raw
    /// mode) so a fatal signal restores it before the player dies. Pass nil to forget it.
    public static func restoreTerminalOnFatalSignal(fd: Int32?) {
        _ = rb_signals_save_terminal(fd ?? -1)
    }
}

/// A thread- and signal-safe "please interrupt" button for a `poll(2)` loop: `fire()` writes a
/// byte to a non-blocking pipe whose read end (`fd`) the loop polls. Each `fire()` counts as one
/// press, so two quick presses give SIGINT then SIGKILL in `runToCompletion`.
public final class InterruptTrigger: Sendable {
    /// Read end: poll it for POLLIN.
    public let fd: Int32
    /// Write end (also what the SIGINT handler writes to).
    let writeFD: Int32
    private let forwarding = Atomic<Bool>(false)

    /// A new trigger. Throws if no pipe can be created.
    public init() throws {
        var fds: [Int32] = [-1, -1]
        if rb_pipe_nonblocking(&fds) != 0 {
            let code = errno
            throw SessionError(.spawnFailed, "cannot create a pipe: \(errorText(code))", errorNumber: code)
        }
        fd = fds[0]
        writeFD = fds[1]
    }

    deinit {
        if forwarding.load(ordering: .relaxed) { rb_signals_set_interrupt_fd(-1) }
        Glibc.close(fd)
        Glibc.close(writeFD)
    }

    fileprivate func markForwarding() { forwarding.store(true, ordering: .relaxed) }

    /// Records one press. Safe from any thread.
    public func fire() {
        var byte: UInt8 = 0x69
        _ = Glibc.write(writeFD, &byte, 1)
    }

    /// Takes the pending presses and returns how many there were (0 if none).
    public func consume() -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n > 0 { total += n; continue }
            if n < 0 && errno == EINTR { continue }
            return total
        }
    }
}
