import Foundation
import IncidentLog
import RunbookModel
import SessionEngine
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// The player's one event loop: polls the keyboard, the running command's terminal and a 1 Hz clock
/// together (no busy loop), turns keys into intents through the `PlayerController`, carries the
/// intents out through the `Session` (which logs them first), and redraws at most ~30 times a second.
final class PlayLoop {
    private let session: Session
    private let controller: PlayerController
    private let terminal: PlayerTerminal
    private var values: PlaceholderValues
    private let timeout: Duration?
    private var active: ActiveCommand?
    /// Commands of a block still to run after the active one, and their section.
    private var queue: [Command] = []
    private var queueSectionID: String?
    private var quitting = false
    private var nextSecondMark = ContinuousClock.now + .seconds(1)

    init(session: Session, values: PlaceholderValues, theme: Theme, timeout: Double?, warnings: [String]) throws {
        self.session = session
        self.values = values
        self.timeout = timeout.map { .milliseconds(Int64($0 * 1000)) }
        terminal = try PlayerTerminal(theme: theme)
        let size = terminal.screen.size
        controller = PlayerController(runbook: session.runbook, mode: .live, logPath: session.logPath, theme: theme,
                                      rows: size.rows, cols: size.cols)
        controller.update(state: session.state)
        session.currentSize = TerminalSize(rows: UInt16(clamping: controller.outputSize.rows),
                                           cols: UInt16(clamping: controller.outputSize.cols))
        try session.recordValues(values)
        controller.update(state: session.state)
        let logPath = session.logPath
        var index: LogIndex?
        controller.outputLoader = { id in
            // A pane dropped to save memory: its command's last output, read back from the log.
            if index == nil { index = try? LogIndex.build(path: logPath) } else { _ = try? index?.refresh() }
            guard let index else { return nil }
            return (try? OutputTails.collect(index, before: index.entries.count, commands: [id]))?[id]
        }
        if session.state.resumes > 0 { restoreOutputs() }
        if let warning = warnings.first { controller.show(warning, isError: true) }
        else if !session.runbook.hasCommands { controller.show("This runbook has no runnable commands: checklists and notes only.") }
    }

    /// A resumed session: the view on the section that was being worked in and the last command run;
    /// each command's last output comes back from the log (through `outputLoader`) when it is shown.
    private func restoreOutputs() {
        let state = session.state
        let last = state.commands.values.filter { $0.startedAt != nil }.max { ($0.startedAt ?? 0) < ($1.startedAt ?? 0) }
        controller.followPlayHead(sectionID: state.currentSectionID, commandID: last?.id)
        let done = state.commands.values.filter { $0.status == .succeeded }.count
        controller.show("Resumed: \(done) command\(done == 1 ? "" : "s") done, \(state.checked.count) ticked. "
            + "A command that was running when the player stopped shows as abandoned.")
    }

    /// Runs until the operator quits. Returns the exit status.
    func run() throws -> Int32 {
        defer { terminal.end() }
        while !quitting {
            try step()
        }
        if let active {
            active.interrupt()
            active.interrupt()
            _ = try? session.finish(active, abandon: true)
            self.active = nil
        }
        try session.end(reason: "quit")
        terminal.end()
        return 0
    }

    /// One turn of the loop: wait for something, handle it, maybe draw.
    private func step() throws {
        var deadline = nextSecondMark
        if let next = active?.nextDeadline { deadline = min(deadline, next) }
        let wake = terminal.wait(descriptors: active?.pollDescriptors ?? [], until: deadline,
                                 redrawPending: controller.needsRedraw)
        if wake.resized { applyResize() }
        // Keys first: a flood of output never delays a key press.
        for key in wake.keys { try handle(key) }
        if let active {
            if wake.ready.contains(true) || (active.nextDeadline.map { $0 <= .now } ?? false) {
                // Small slices: the next key press is never more than one slice away.
                let bytes = active.service(maxBytes: 32 << 10)
                controller.output(bytes, commandID: active.commandID)
            }
            if active.isFinished { try finishActive() }
        }
        session.tick()
        if ContinuousClock.now >= nextSecondMark {
            nextSecondMark = ContinuousClock.now + .seconds(1)
            controller.needsRedraw = true
        }
        if terminal.frameDue(controller) { draw() }
    }

    private func draw() {
        let now = session.clockNow
        let clock = PlayerTerminal.clock(state: session.state, runbook: session.runbook,
                                         incident: Date().timeIntervalSince(session.header.startedAt), now: now)
        terminal.draw(controller, clock: clock, now: now)
    }

    // MARK: - Keys and intents

    private func handle(_ key: Key) throws {
        if key == .resize {
            applyResize()
            return
        }
        let before = controller.view.fullOutput
        for intent in controller.handle(key) { try perform(intent) }
        if controller.view.fullOutput != before { resizeCommandTerminal() }
    }

    /// The terminal changed size: lay out again and redraw at once.
    private func applyResize() {
        let size = terminal.refreshSize()
        controller.resize(rows: size.rows, cols: size.cols)
        resizeCommandTerminal()
        draw()
    }

    private func resizeCommandTerminal() {
        let size = TerminalSize(rows: UInt16(clamping: controller.outputSize.rows), cols: UInt16(clamping: controller.outputSize.cols))
        session.currentSize = size
        active?.resize(size)
    }

    private func perform(_ intent: PlayerIntent) throws {
        switch intent {
        case .run(let commands, let sectionID, let confirmed):
            try startRun(commands, sectionID: sectionID, confirmed: confirmed, intent: intent)
        case .toggleCheck(let item, let sectionID):
            try enter(sectionID)
            try session.toggleCheck(item)
        case .enterSection(let id, let title):
            try session.recordEnterSection(id: id, title: title)
        case .toggleCountdown(let timerID, let seconds, let sectionID):
            if let timer = session.state.timers[timerID], timer.stoppedAt == nil {
                try session.record(.timerStop(timerID: timerID))
                controller.show("Countdown stopped.")
            } else {
                try enter(sectionID)
                try session.record(.timerStart(timerID: timerID, kind: "countdown", seconds: seconds))
                controller.show("Countdown started: \(ClockText.clock(Double(seconds))). t again stops it.")
            }
        case .interrupt:
            guard let active else { break }
            active.interrupt()
            controller.show("Interrupt sent to \(active.commandID) (c again kills it).")
        case .note(let text):
            try session.record(.note(text: text))
            controller.show("Note logged.")
        case .setVariable(let name, let value):
            values.values[name] = value
            try session.recordValues(PlaceholderValues([name: value]))
        case .sendInput(let bytes):
            try? active?.write(bytes)
        case .decide(let groupID, let sectionID, let choice, let rationale):
            try enter(sectionID)
            try session.record(.decision(groupID: groupID, choice: choice, rationale: rationale))
            controller.show("Decision logged: \(choice).")
        case .replayControl:
            break   // only a replay has a play head
        case .quit(let force):
            if active != nil && !force {
                controller.ask(Prompt(kind: .confirm(then: .quit(force: true)),
                                      label: "A command is running. Interrupt it and quit? (y/N)"))
            } else {
                quitting = true
            }
        }
        controller.update(state: session.state)
    }

    private func enter(_ sectionID: String?) throws {
        guard let sectionID, let section = OutlineTree.section(sectionID, in: session.runbook) else { return }
        try session.recordEnterSection(id: sectionID, title: section.title)
    }

    private func startRun(_ commands: [Command], sectionID: String?, confirmed: Bool, intent: PlayerIntent) throws {
        guard active == nil else {
            controller.show("A command is running: wait for it, or interrupt it with c.", isError: true)
            return
        }
        guard let first = commands.first else { return }
        let environment = ProcessInfo.processInfo.environment
        for command in commands {
            if let missing = values.missing(in: command, environment: environment).first {
                controller.ask(Prompt(kind: .value(name: missing.name, then: intent),
                                      label: "Value for \(missing.token) (line \(command.line)):"))
                return
            }
        }
        if !confirmed, let dangerous = commands.first(where: { !$0.dangers.isEmpty }) {
            let reason = dangerous.dangers.first?.reason ?? "dangerous"
            let which = commands.count > 1 ? "line \(dangerous.line) is dangerous" : "dangerous"
            controller.ask(Prompt(kind: .confirm(then: .run(commands, sectionID: sectionID, confirmed: true)),
                                  label: "⚠ \(which): \(reason). Run it? (y/N)"))
            return
        }
        try enter(sectionID)
        queue = Array(commands.dropFirst())
        queueSectionID = sectionID
        controller.blockStarted(commands)
        try begin(first, sectionID: sectionID)
    }

    private func begin(_ command: Command, sectionID: String?) throws {
        do {
            let started = try session.begin(command, sectionID: sectionID, values: values, timeout: timeout)
            active = started
            controller.commandStarted(started.commandID)
        } catch {
            queue = []
            controller.blockFinished()
            controller.show("Could not start line \(command.line): \(error)", isError: true)
        }
        controller.update(state: session.state)
    }

    private func finishActive() throws {
        guard let finished = active else { return }
        let end = try session.finish(finished)
        active = nil
        controller.update(state: session.state)
        if end.succeeded, let next = queue.first {
            queue.removeFirst()
            try begin(next, sectionID: queueSectionID)
            return
        }
        controller.blockFinished()
        if !end.succeeded {
            let left = queue.count
            queue = []
            let why = end.interrupted ? "was interrupted" : end.timedOut ? "timed out"
                : "failed: " + (end.signal.map { "killed by signal \($0)" } ?? Self.describe(exitCode: end.exitCode ?? -1))
            controller.show("Line \(finished.commandID.dropFirst()) \(why)" + (left > 0 ? "; \(left) more of the block not run." : "."),
                            isError: true)
        }
    }

    /// "exit 127 (command not found)": the shell's own statuses explained.
    static func describe(exitCode code: Int32) -> String {
        switch code {
        case 126: "exit 126 (not executable)"
        case 127: "exit 127 (command not found)"
        case 128...192: "exit \(code) (signal \(code - 128))"
        default: "exit \(code)"
        }
    }
}
