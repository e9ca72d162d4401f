import Foundation
import IncidentLog
import RunbookModel

/// A command the session started with `Session.begin`, driven by the caller's own event loop.
///
/// The loop polls `pollDescriptors` for POLLIN (together with its own fds: keys, resize, a timer)
/// with a timeout up to `nextDeadline`, then calls `service()` — whether or not anything was ready —
/// and feeds the returned bytes to its terminal emulator. Once `isFinished`, it calls
/// `Session.finish(_:)`, which records the command's end. Read `pollDescriptors` again before every
/// poll: the set changes as the command moves on (and the numbers are closed and may be reused once
/// it is finished).
///
/// The stepping logic (quiet period after the exit, ending background leftovers, final drain,
/// time limit) is the same code `runToCompletion` and `Session.run` use. Not thread-safe: use it
/// from the thread that runs the loop.
public final class ActiveCommand {
    /// Stable id of the runbook command ("L39"), as in the `command-start` event.
    public let commandID: String
    /// The command text as it was run (placeholders filled in).
    public let text: String
    /// When `begin` started it (monotonic clock).
    public let startedAt: ContinuousClock.Instant

    /// Bytes read per `service()` call at most, so a flood cannot starve the caller's loop.
    public static let serviceBudget = 256 << 10
    /// How often buffered log output is flushed while output keeps coming.
    static let flushTick: Duration = .milliseconds(50)

    /// The driver; nil when the shell could not even be started.
    let stepper: CommandStepper?
    /// Output not yet returned by `service` (the could-not-start message).
    private var pending: [UInt8]
    /// When the shell failed to start (for the duration of that failure).
    private let failedAt: ContinuousClock.Instant?
    private weak var session: Session?
    private var nextFlush: ContinuousClock.Instant?
    /// The end recorded by `Session.finish`, once it has been.
    var recordedEnd: CommandEnd?
    /// Set when `Session.finish(_:abandon:)` killed it while it was still running.
    private(set) var abandoned = false

    init(session: Session, commandID: String, text: String, startedAt: ContinuousClock.Instant,
         stepper: CommandStepper?, startFailure: [UInt8] = []) {
        self.session = session
        self.commandID = commandID
        self.text = text
        self.startedAt = startedAt
        self.stepper = stepper
        self.pending = startFailure
        self.failedAt = stepper == nil ? .now : nil
    }

    /// File descriptors to poll for POLLIN — the pty master and the process-exit fd, whichever are
    /// open right now. Empty once the command is finished (or never started).
    public var pollDescriptors: [Int32] { stepper?.descriptors ?? [] }

    /// When the caller must call `service()` at the latest even if no descriptor is ready: time-limit
    /// enforcement, the quiet period after the exit, the final drain, the log-flush tick, or "now" when
    /// output is waiting to be returned. nil: only when a descriptor is ready.
    public var nextDeadline: ContinuousClock.Instant? {
        if !pending.isEmpty { return .now }
        guard let stepper, !stepper.isDone else { return nil }
        guard let flush = nextFlush else { return stepper.nextWake }
        return earliest(stepper.nextWake, flush)
    }

    /// True once the command has ended completely (exited, output drained, leftovers ended, reaped)
    /// and everything it printed has been returned by `service()`. Then call `Session.finish(_:)`.
    public var isFinished: Bool { pending.isEmpty && (stepper?.isDone ?? true) }

    /// True once the shell's exit has been noticed (output may still be draining).
    public var hasExited: Bool { stepper.map { $0.exitSeenAt != nil || $0.isDone } ?? true }

    /// Does whatever is due without waiting: reads the output that is ready (at most
    /// `serviceBudget` bytes), enforces the time limit, notices the exit and moves on through the
    /// quiet period and the final drain. The output goes to the incident log (buffered, flushed on
    /// a tick) and to the session state, and is returned so the UI can feed its terminal emulator.
    /// Blocks only while ending background processes the command left behind (at most about 1 s,
    /// and only when there are some).
    /// `maxBytes` bounds the output taken in one call, so a front can keep its frames short.
    @discardableResult
    public func service(maxBytes: Int = ActiveCommand.serviceBudget) -> [UInt8] {
        var collected: [UInt8] = []
        service(budget: maxBytes) { collected += $0 }
        return collected
    }

    /// `service()` with a custom budget, handing over output chunk by chunk.
    func service(budget: Int, onOutput: ([UInt8]) -> Void) {
        if !pending.isEmpty {
            let bytes = pending
            pending = []
            onOutput(bytes)  // already in the log: recorded by begin
        }
        guard let stepper else { return }
        let id = commandID
        stepper.step(budget: budget) { bytes in
            session?.appendOutput(commandID: id, bytes: bytes)
            onOutput(bytes)
        }
        tickFlush()
    }

    /// Flushes buffered log output when due and schedules the next check while some is waiting.
    private func tickFlush() {
        guard let session else { nextFlush = nil; return }
        _ = try? session.writer.flushIfDue()
        nextFlush = session.writer.bufferedOutputBytes > 0 ? ContinuousClock.now.advanced(by: ActiveCommand.flushTick) : nil
    }

    /// Ctrl-C for the command: the first call sends SIGINT to its process group (SIGCONT too), later
    /// calls SIGKILL, as in `runbook run`. Ignored once the command has exited.
    public func interrupt() {
        guard let stepper, !hasExited else { return }
        stepper.running.interrupt()
    }

    /// Sends keystrokes to the command: its stdin is the pty, so they pass the line discipline
    /// ("\r" is Enter, 0x03 Ctrl-C, 0x04 Ctrl-D at the start of a line). May wait up to 2 s when the
    /// command does not read its input. Throws `SessionError` (`.writeFailed`) when the command is
    /// gone or never started.
    public func write(_ bytes: [UInt8]) throws {
        guard let stepper else {
            throw SessionError(.writeFailed, "cannot send input: the command did not start")
        }
        try stepper.running.process.write(bytes)
    }

    /// Sets the size of the command's terminal (the kernel sends SIGWINCH to its foreground group).
    /// Does nothing once the command is finished.
    public func resize(_ size: TerminalSize) {
        stepper?.running.process.resize(size)
    }

    /// How the command ended, once finished (nil while running or when it never started).
    public var result: CommandResult? { stepper?.result }

    /// Ends the command now (SIGKILL to its group), logging what it had already written.
    func abandon() {
        guard let stepper, !stepper.isDone else { pending = []; return }
        // Once the shell has exited on its own, its end is what it was; only a live command is "interrupted".
        abandoned = stepper.exitSeenAt == nil
        let id = commandID
        stepper.abandon { [weak session] bytes in session?.appendOutput(commandID: id, bytes: bytes) }
        pending = []
    }

    /// The `command-end` event for a finished (or abandoned) command.
    func makeEnd() -> CommandEnd {
        guard let stepper, let result = stepper.result else {
            // The shell could not even start: the command failed, and said why in its output.
            return CommandEnd(commandID: commandID, exitCode: 127, signal: nil,
                              durationSeconds: ((failedAt ?? .now) - startedAt).inSeconds)
        }
        let (exitCode, signal): (Int32?, Int32?) = switch result.termination {
        case .exited(let code): (code, nil)
        case .signaled(let number): (nil, number)
        }
        return CommandEnd(
            commandID: commandID, exitCode: exitCode, signal: signal, durationSeconds: result.duration.inSeconds,
            timedOut: result.timedOut, interrupted: result.interrupted || abandoned)
    }
}

extension Session {
    /// Starts `command` without waiting for it, for a front with its own event loop. Placeholder
    /// values are filled in exactly as `run` does, `command-start` is recorded with the text actually
    /// run, and the command starts on a pty of `currentSize`. Drive the returned handle with
    /// `ActiveCommand.service()` until `isFinished`, then call `finish(_:)`.
    ///
    /// If the shell cannot be started, the handle is already ended: its only output (returned by the
    /// first `service()`, and logged) is "runbook: <why>", and `finish` records exit 127.
    ///
    /// Throws `SessionError` `.closed` in a drill (nothing is executed), `.busy` while another command
    /// of this session is active (until it is `finish`ed), and log-write errors.
    public func begin(_ command: Command, sectionID: String?, values: PlaceholderValues, timeout: Duration? = nil) throws -> ActiveCommand {
        try begin(command, sectionID: sectionID, values: values, timeout: timeout, interrupt: nil)
    }

    /// `begin` with an interrupt trigger whose presses are passed on while the command runs.
    func begin(_ command: Command, sectionID: String?, values: PlaceholderValues, timeout: Duration?,
               interrupt: InterruptTrigger?) throws -> ActiveCommand {
        guard let shell else { throw SessionError(.closed, "this is a drill: commands are not executed") }
        let id = Session.commandID(command)
        if let active = activeCommand {
            throw SessionError(.busy, "cannot start \(id): command \(active.commandID) is still running (finish it first)")
        }
        let text = values.fill(command)
        try record(.commandStart(CommandStart(commandID: id, sectionID: sectionID, line: command.line, label: command.label, text: text)))
        let started = ContinuousClock.now
        let active: ActiveCommand
        do {
            let running = try shell.start(text, size: currentSize, timeout: timeout, environment: values.environment(for: command))
            let stepper = CommandStepper(running, timeout: timeout, trigger: interrupt)
            active = ActiveCommand(session: self, commandID: id, text: text, startedAt: started, stepper: stepper)
        } catch {
            let message = Array("runbook: \(error)\r\n".utf8)
            appendOutput(commandID: id, bytes: message)
            active = ActiveCommand(session: self, commandID: id, text: text, startedAt: started, stepper: nil, startFailure: message)
        }
        activeCommand = active
        return active
    }

    /// Records the `command-end` of `active` (once; later calls return the same end) and returns it.
    /// Call it after `active.isFinished`. With `abandon: true` it may be called while the command
    /// still runs: the group is killed (SIGKILL), what it already wrote is logged, and the end is
    /// recorded as interrupted — for "quit while running". Without it, an unfinished command throws
    /// `SessionError` `.busy`.
    @discardableResult
    public func finish(_ active: ActiveCommand, abandon: Bool = false) throws -> CommandEnd {
        if let end = active.recordedEnd { return end }
        guard activeCommand === active else {
            throw SessionError(.closed, "command \(active.commandID) does not belong to this session or was already finished")
        }
        if !active.isFinished {
            guard abandon else {
                throw SessionError(.busy, "command \(active.commandID) is still running: service it until isFinished, or abandon it")
            }
            active.abandon()
        }
        let end = active.makeEnd()
        activeCommand = nil
        try record(.commandEnd(end))
        active.recordedEnd = end
        return end
    }

    /// Records `section-enter` for section `id` unless it is already the current section. Returns
    /// whether an event was recorded.
    @discardableResult
    public func recordEnterSection(id: String, title: String) throws -> Bool {
        if state.currentSectionID == id { return false }
        try record(.sectionEnter(sectionID: id, title: title))
        return true
    }

    /// Ticks checklist `item` if it is unticked in the session state, unticks it otherwise, and
    /// records `check` / `uncheck`. Returns whether the item is ticked now.
    @discardableResult
    public func toggleCheck(_ item: ListItem) throws -> Bool {
        let id = Session.itemID(item)
        if state.checked.contains(id) {
            try record(.uncheck(itemID: id))
            return false
        }
        try record(.check(itemID: id, text: item.text))
        return true
    }
}
