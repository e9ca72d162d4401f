#if canImport(Glibc)
import Glibc
#endif

/// The one implementation of "drive a started command to its end", shared by `runToCompletion`
/// (blocking, for `runbook run` and the tests) and `ActiveCommand` (driven by the player's own
/// event loop). It never sleeps: the caller polls `descriptors` until `nextWake` and then calls
/// `step`.
///
/// Phases:
/// 1. Running: output is read as it comes (bounded per step, so timeouts and interrupts stay
///    responsive in a flood), the time limit is enforced, presses of the interrupt trigger are
///    passed on, and the exit is noticed (pidfd, or every 20 ms without one).
/// 2. After the shell exits, output still in flight is read until the terminal reports end of
///    file; if background processes keep it open, for at most 100 ms of silence (1 s in all).
/// 3. Then the leftovers are ended (`PTYProcess.endLeftovers`, which blocks briefly — up to about
///    1.1 s — only when there are leftovers) and what they wrote is drained, for at most 500 ms.
/// 4. `RunningCommand.finish()`: reaped, fds closed, shell state reloaded; `result` is set.
final class CommandStepper {
    let running: RunningCommand
    let trigger: InterruptTrigger?
    private var masterOpen = true
    /// When the exit of the shell was first noticed.
    private(set) var exitSeenAt: ContinuousClock.Instant?
    private var quietUntil: ContinuousClock.Instant?
    private var drainUntil: ContinuousClock.Instant?
    /// When `step` must run at the latest even if no descriptor is ready (nil: only on readiness).
    private(set) var nextWake: ContinuousClock.Instant?
    /// Set once the command is completely finished.
    private(set) var result: CommandResult?

    /// Default read budget per step for the blocking loop (what it always used: 64 reads of 64 KiB).
    static let blockingBudget = 64 * 65536

    init(_ running: RunningCommand, timeout: Duration?, trigger: InterruptTrigger?) {
        self.running = running
        self.trigger = trigger
        if let timeout { running.timeout = timeout }
        advance(now: .now)
    }

    var isDone: Bool { result != nil }

    /// The descriptors to poll for POLLIN right now (none once done).
    var descriptors: [Int32] {
        guard result == nil else { return [] }
        var fds: [Int32] = []
        if masterOpen { fds.append(running.process.masterFD) }
        if exitSeenAt == nil {
            if running.process.exitFD >= 0 { fds.append(running.process.exitFD) }
            if let trigger { fds.append(trigger.fd) }
        }
        return fds
    }

    /// Does what is due now: reads up to `budget` bytes of output (handing each chunk to
    /// `onOutput`), passes on interrupt presses, notices the exit, enforces the time limit and
    /// moves through the phases. Never waits for anything but `endLeftovers` (see above).
    func step(budget: Int, onOutput: ([UInt8]) -> Void) {
        guard result == nil else { return }
        let process = running.process
        var remaining = max(budget, 1)

        /// Reads what is there now, within the budget.
        func drain() -> Bool {
            var got = false
            while masterOpen && remaining > 0 {
                switch process.read(maxBytes: min(65536, remaining)) {
                case .data(let bytes):
                    remaining -= bytes.count
                    onOutput(bytes)
                    got = true
                case .wouldBlock:
                    return got
                case .endOfFile:
                    masterOpen = false
                    return got
                }
            }
            return got
        }

        var gotData = drain()
        if exitSeenAt == nil, let trigger {
            for _ in 0..<trigger.consume() { running.interrupt() }
        }
        if exitSeenAt == nil && process.pollExit() != nil {
            exitSeenAt = .now
            // Whatever the shell wrote before exiting is already in the pty buffer.
            gotData = drain() || gotData
        }
        if exitSeenAt != nil && drainUntil == nil && (gotData || quietUntil == nil) {
            quietUntil = ContinuousClock.now.advanced(by: .milliseconds(100))
        }
        advance(now: .now)
    }

    /// Applies the clock: time limit, end of the quiet period, end of the final drain.
    private func advance(now: ContinuousClock.Instant) {
        if let drainUntil {
            if !masterOpen || now >= drainUntil {
                complete()
            } else {
                nextWake = drainUntil
            }
            return
        }
        var wake = running.enforceTimeout(now: now)
        if let exitSeenAt {
            let hardStop = exitSeenAt.advanced(by: .seconds(1))
            if !masterOpen || (quietUntil.map { now >= $0 } ?? false) || now >= hardStop {
                // End background leftovers (they may hold the terminal open), then take what they wrote.
                running.process.endLeftovers()
                let end = ContinuousClock.now.advanced(by: .milliseconds(500))
                drainUntil = end
                if !masterOpen {
                    complete()
                } else {
                    nextWake = end
                }
                return
            }
            wake = earliest(wake, min(quietUntil ?? hardStop, hardStop))
        } else if running.process.exitFD < 0 {
            wake = earliest(wake, now.advanced(by: .milliseconds(20)))
        }
        nextWake = wake
    }

    /// Ends the command now: SIGKILL to the group, a last bounded read of what is already there,
    /// then `finish`. For abandoning a running command.
    func abandon(onOutput: ([UInt8]) -> Void) {
        guard result == nil else { return }
        running.process.kill()
        _ = running.process.waitExit()
        var remaining = 1 << 20
        while masterOpen && remaining > 0 {
            switch running.process.read(maxBytes: min(65536, remaining)) {
            case .data(let bytes):
                remaining -= bytes.count
                onOutput(bytes)
            case .wouldBlock, .endOfFile:
                masterOpen = false
            }
        }
        complete()
    }

    private func complete() {
        nextWake = nil
        result = running.finish()
    }
}

/// Sleeps in `poll(2)` until one of `descriptors` is readable or `deadline` has passed (nil: no
/// deadline). Interruptions by signals just return early.
func waitForActivity(_ descriptors: [Int32], until deadline: ContinuousClock.Instant?) {
    let now = ContinuousClock.now
    let timeoutMs = deadline.map { milliseconds(until: $0, from: now) } ?? -1
    if descriptors.isEmpty {
        // Nothing to poll: sleep until the deadline (never forever; the caller re-checks).
        let ms = timeoutMs < 0 ? 10 : timeoutMs
        if ms > 0 { usleep(UInt32(ms) * 1000) }
        return
    }
    var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    let ready = poll(&fds, nfds_t(fds.count), timeoutMs)
    if ready < 0 && errno != EINTR { usleep(1000) }
}

/// Runs a started command to the end, streaming its output to `onOutput` chunk by chunk, exactly
/// as the terminal produced it. Used by `runbook run` and the tests; the player drives the same
/// stepping logic from its own loop through `Session.begin` / `ActiveCommand`.
///
/// Sleeps in `poll(2)` on the pty master, the process's pidfd and the trigger (no busy loop).
/// - `timeout` overrides the command's own time limit (nil keeps it). When it runs out the group
///   gets SIGINT, and SIGKILL `RunningCommand.timeoutKillGrace` (2 s) later.
/// - Each press of `interrupt` counts once: the first sends SIGINT, later ones SIGKILL.
/// - After the shell exits, output still in flight is read until the terminal reports end of
///   file; if background processes keep it open, for at most 100 ms of silence (1 s in all),
///   then they are ended and the rest is drained.
/// - With `tickInterval`, `onTick` is called at least that often while the command runs, output or
///   not (the session flushes buffered log output from it).
public func runToCompletion(
    _ running: RunningCommand,
    timeout: Duration? = nil,
    interrupt: InterruptTrigger? = nil,
    tickInterval: Duration? = nil,
    onTick: () -> Void = {},
    onOutput: ([UInt8]) -> Void
) -> CommandResult {
    let stepper = CommandStepper(running, timeout: timeout, trigger: interrupt)
    var nextTick = tickInterval.map { ContinuousClock.now.advanced(by: $0) }
    while !stepper.isDone {
        var wake = stepper.nextWake
        if let tick = nextTick, let interval = tickInterval {
            let now = ContinuousClock.now
            var due = tick
            if now >= tick {
                onTick()
                due = now.advanced(by: interval)
                nextTick = due
            }
            wake = earliest(wake, due)
        }
        waitForActivity(stepper.descriptors, until: wake)
        stepper.step(budget: CommandStepper.blockingBudget, onOutput: onOutput)
    }
    return stepper.result!
}

func earliest(_ a: ContinuousClock.Instant?, _ b: ContinuousClock.Instant) -> ContinuousClock.Instant {
    guard let a else { return b }
    return min(a, b)
}

/// Whole milliseconds from `now` to `instant`, rounded up, at least 0.
func milliseconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32 {
    (instant - now).pollTimeout
}
