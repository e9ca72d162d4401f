#if canImport(Glibc)
import Glibc
#endif

/// Runs a started command to the end, streaming its output to `onOutput` chunk by chunk, exactly
/// as the terminal produced it. Used by `runbook run` and the tests; the TUI runs its own loop
/// with the same building blocks.
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
    var nextTick = tickInterval.map { ContinuousClock.now.advanced(by: $0) }
    if let timeout { running.timeout = timeout }
    let process = running.process
    var masterOpen = true
    var exitSeenAt: ContinuousClock.Instant?
    var quietUntil: ContinuousClock.Instant?

    /// Reads what is there now (bounded, so timeouts and interrupts stay responsive in a flood).
    func drain() -> Bool {
        var got = false
        for _ in 0..<64 {
            switch process.read() {
            case .data(let bytes):
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

    while true {
        let now = ContinuousClock.now
        var wake = running.enforceTimeout(now: now)
        if let exitSeenAt {
            if !masterOpen { break }
            let hardStop = exitSeenAt.advanced(by: .seconds(1))
            if let quietUntil, now >= quietUntil || now >= hardStop { break }
            wake = earliest(wake, min(quietUntil ?? hardStop, hardStop))
        } else if process.exitFD < 0 {
            wake = earliest(wake, now.advanced(by: .milliseconds(20)))
        }

        var fds: [pollfd] = []
        let masterIndex = masterOpen ? fds.count : -1
        if masterOpen { fds.append(pollfd(fd: process.masterFD, events: Int16(POLLIN), revents: 0)) }
        let exitIndex = exitSeenAt == nil && process.exitFD >= 0 ? fds.count : -1
        if exitIndex >= 0 { fds.append(pollfd(fd: process.exitFD, events: Int16(POLLIN), revents: 0)) }
        let triggerIndex = exitSeenAt == nil && interrupt != nil ? fds.count : -1
        if let interrupt, triggerIndex >= 0 { fds.append(pollfd(fd: interrupt.fd, events: Int16(POLLIN), revents: 0)) }

        if let tick = nextTick, let interval = tickInterval {
            if now >= tick {
                onTick()
                nextTick = now.advanced(by: interval)
            }
            wake = earliest(wake, nextTick!)
        }
        let timeoutMs = wake.map { milliseconds(until: $0, from: now) } ?? -1
        let ready = fds.isEmpty ? (timeoutMs > 0 ? Int32(usleep(UInt32(timeoutMs) * 1000)) : 0) : poll(&fds, nfds_t(fds.count), timeoutMs)
        if ready < 0 && errno != EINTR { usleep(1000) }

        var gotData = false
        if masterIndex >= 0 && fds[masterIndex].revents != 0 { gotData = drain() }
        if triggerIndex >= 0 && fds[triggerIndex].revents != 0, let interrupt {
            for _ in 0..<interrupt.consume() { running.interrupt() }
        }
        if exitSeenAt == nil && (exitIndex < 0 || fds[exitIndex].revents != 0) && process.pollExit() != nil {
            exitSeenAt = .now
            // Whatever the shell wrote before exiting is already in the pty buffer.
            if masterOpen { gotData = drain() || gotData }
        }
        if exitSeenAt != nil && (gotData || quietUntil == nil) {
            quietUntil = ContinuousClock.now.advanced(by: .milliseconds(100))
        }
    }

    // End background leftovers (they may hold the terminal open), then take what they wrote.
    process.endLeftovers()
    let drainEnd = ContinuousClock.now.advanced(by: .milliseconds(500))
    while masterOpen {
        let now = ContinuousClock.now
        if now >= drainEnd { break }
        var entry = pollfd(fd: process.masterFD, events: Int16(POLLIN), revents: 0)
        if poll(&entry, 1, milliseconds(until: drainEnd, from: now)) <= 0 { break }
        _ = drain()
    }
    return running.finish()
}

private func earliest(_ a: ContinuousClock.Instant?, _ b: ContinuousClock.Instant) -> ContinuousClock.Instant {
    guard let a else { return b }
    return min(a, b)
}

/// Whole milliseconds from `now` to `instant`, rounded up, at least 0.
func milliseconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32 {
    let remaining = instant - now
    if remaining <= .zero { return 0 }
    let (seconds, attoseconds) = remaining.components
    let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return Int32(clamping: ms)
}
