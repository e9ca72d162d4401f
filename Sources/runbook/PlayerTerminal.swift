import CPTY
import Foundation
import RunbookModel
import SessionEngine
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The terminal side that `play` and `replay` share: the curses screen (mono under NO_COLOR or the
/// mono theme), the signal handlers that restore the terminal and end every process group, a SIGWINCH
/// pipe so a resize wakes the loop wherever it is, one `poll(2)` over the keyboard, that pipe and the
/// caller's descriptors, and frame pacing (at most ~30 redraws a second).
final class PlayerTerminal {
    let screen: CursesScreen
    private let resizeFD: Int32
    private(set) var lastDraw = ContinuousClock.now - .seconds(1)
    static let frameInterval: Duration = .milliseconds(33)

    /// What one wait brought.
    struct Wake {
        var keys: [Key] = []
        var resized = false
        /// `revents != 0` for each of the caller's descriptors, in order.
        var ready: [Bool] = []
    }

    init(theme: Theme) throws {
        try ProcessGroupRegistry.installSignalHandlers()
        ProcessGroupRegistry.restoreTerminalOnFatalSignal(fd: STDIN_FILENO)
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty || theme.name == "mono"
        screen = try CursesScreen(colorMode: noColor ? .none : .auto)
        resizeFD = rb_winch_watch()
    }

    deinit { screen.end() }

    /// Sleeps in poll(2) until a key, a resize, one of `descriptors` or `deadline` (and no later than the
    /// next frame when `redrawPending`), then reads what arrived. Keys come first in the caller's loop,
    /// so output never delays them.
    func wait(descriptors: [Int32], until deadline: ContinuousClock.Instant, redrawPending: Bool) -> Wake {
        let now = ContinuousClock.now
        var wake = deadline
        if redrawPending { wake = min(wake, lastDraw + Self.frameInterval) }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: resizeFD, events: Int16(POLLIN), revents: 0)]
        fds += descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), (wake - now).pollTimeout)
        if ready < 0 && errno != EINTR { usleep(1000) }
        var result = Wake()
        if fds[1].revents != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(resizeFD, &buffer, buffer.count) > 0 {}
            result.resized = true
        }
        if ready < 0 || fds[0].revents != 0 { result.keys = screen.readKeys() }
        result.ready = fds.dropFirst(2).map { $0.revents != 0 }
        return result
    }

    /// The terminal's new size, after a resize.
    func refreshSize() -> (rows: Int, cols: Int) { screen.refreshSize() }

    /// Draws the controller's screen now.
    func draw(_ controller: PlayerController, clock: ClockReading, now: Double) {
        screen.present(controller.render(clock: clock, now: now))
        controller.needsRedraw = false
        lastDraw = .now
    }

    /// True when a redraw is wanted and the last frame is old enough.
    func frameDue(_ controller: PlayerController) -> Bool {
        controller.needsRedraw && ContinuousClock.now - lastDraw >= Self.frameInterval
    }

    /// Gives the terminal back (idempotent).
    func end() { screen.end() }

    /// Before a screen is opened: refuses (exit 2, naming `otherwise`) when stdin or stdout is not a
    /// terminal, then loads the theme `name` (NO_COLOR forces mono) with its warnings.
    static func prepare(command: String, theme name: String?, otherwise: String) -> (Theme, [String]) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            CLI.fail(command, "needs a terminal (stdin and stdout must be a tty); \(otherwise)")
        }
        let environment = ProcessInfo.processInfo.environment
        return ThemeLoader.load(name: name, environment: environment, searchPaths: themeSearchPaths(environment: environment))
    }

    /// Where themes are looked for: next to the source tree of a development build, the working
    /// directory, the user's config, the system share directory.
    static func themeSearchPaths(environment: [String: String]) -> [String] {
        var paths: [String] = []
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        // .build/debug/runbook → the checkout's themes/
        paths.append(executable.deletingLastPathComponent().appendingPathComponent("../../themes").standardized.path)
        paths.append(executable.deletingLastPathComponent().appendingPathComponent("../share/runbook/themes").standardized.path)
        paths.append(FileManager.default.currentDirectoryPath + "/themes")
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.config" } ?? "")
        if !config.isEmpty { paths.append(config + "/runbook/themes") }
        paths.append("/usr/share/runbook/themes")
        return paths
    }

    /// Title-bar clocks for a state at session time `now` (the log's `mono` scale).
    static func clock(state: SessionState, runbook: Runbook, incident: Double, now: Double) -> ClockReading {
        let sectionID = state.currentSectionID
        return ClockReading(
            incident: incident,
            sectionID: sectionID,
            sectionElapsed: sectionID.map { state.timeSpent(inSection: $0, now: now) } ?? 0,
            sectionBudget: sectionID.flatMap { OutlineTree.section($0, in: runbook)?.budget },
            countdownRemaining: ClockReading.countdownRemaining(state, now: now))
    }
}
