import RunbookModel
import SessionEngine

/// The clocks the title bar shows, read by the play loop once a second (or at any redraw).
public struct ClockReading: Equatable, Sendable {
    /// Seconds since the incident session started.
    public var incident: Double
    /// The section the operator is working in, how long they have been in it, and its budget.
    public var sectionID: String?
    public var sectionElapsed: Double
    public var sectionBudget: TimeBudget?
    /// Seconds left on the running countdown (negative once it is over), if one runs.
    public var countdownRemaining: Double?

    public init(incident: Double, sectionID: String? = nil, sectionElapsed: Double = 0, sectionBudget: TimeBudget? = nil,
                countdownRemaining: Double? = nil) {
        self.incident = incident
        self.sectionID = sectionID
        self.sectionElapsed = sectionElapsed
        self.sectionBudget = sectionBudget
        self.countdownRemaining = countdownRemaining
    }

    /// The most recently started countdown that has not been stopped, read from the session state.
    public static func countdownRemaining(_ state: SessionState, now: Double) -> Double? {
        state.timers.values.filter { $0.kind == "countdown" && $0.stoppedAt == nil }
            .max { $0.startedAt < $1.startedAt }?.remaining(at: now)
    }

    /// Normal until the budget's low bound, warning past it, alarm past the high bound. A pure limit
    /// ("< 5 min") warns at 80 % of it.
    public var sectionTimerRole: ThemeRole {
        guard let budget = sectionBudget else { return .timerNormal }
        let elapsed = Int(sectionElapsed)
        if elapsed > budget.maxSeconds { return .timerAlarm }
        let warnAt = budget.kind == .limit || budget.minSeconds == 0 ? budget.maxSeconds * 4 / 5 : budget.minSeconds
        return elapsed >= warnAt ? .timerWarning : .timerNormal
    }
}

/// The title bar: mode badge, runbook title, incident clock, current section timer against its budget.
public enum TitleBar {
    public static func render(into grid: inout CellGrid, rect: Rect, title: String, mode: DisplayMode,
                              clock: ClockReading, theme: Theme) {
        let bar = theme.style(.titleBar)
        grid.fill(rect, style: bar)
        var col = grid.put(" \(mode.rawValue) ", row: rect.row, col: rect.col, style: theme.style(mode.badgeRole))
        col = grid.put(" ", row: rect.row, col: col, style: bar)
        var right: [(String, ThemeRole)] = [(" ⏱ " + ClockText.clock(clock.incident) + " ", .clock)]
        if let left = clock.countdownRemaining {
            let text = left > 0 ? " ⏳ " + ClockText.clock(left.rounded(.up)) + " left " : " ⏳ countdown over "
            right.insert((text, left > 0 ? .timerNormal : .timerAlarm), at: 0)
        }
        if let id = clock.sectionID {
            var text = " §\(id) " + ClockText.clock(clock.sectionElapsed)
            if let budget = clock.sectionBudget { text += " / " + budget.compactText }
            right.insert((text + " ", clock.sectionTimerRole), at: 0)
        }
        let rightWidth = right.reduce(0) { $0 + $1.0.displayWidth + 1 }
        let titleRoom = rect.right - col - rightWidth - 1
        if titleRoom > 3 {
            grid.put(PaneFrame.truncate(title, to: titleRoom), row: rect.row, col: col, style: bar)
        }
        var rightCol = max(col, rect.right - rightWidth)
        for (text, role) in right {
            rightCol = grid.put(text, row: rect.row, col: rightCol, style: theme.style(role), limit: rect.right)
            rightCol = grid.put(" ", row: rect.row, col: rightCol, style: bar, limit: rect.right)
        }
    }
}

/// The status bar: a prompt being typed, a message, or the key hints; the log path on the right.
public enum StatusBar {
    public static func render(into grid: inout CellGrid, rect: Rect, prompt: Prompt?, message: StatusMessage?,
                              hints: [String], logPath: String, theme: Theme) {
        let bar = theme.style(.statusBar)
        grid.fill(rect, style: bar)
        if let prompt {
            let style = theme.style(.prompt)
            grid.fill(rect, style: style)
            let col = grid.put(prompt.label + " ", row: rect.row, col: rect.col + 1, style: style)
            // A window of the line around the cursor, the cursor cell in reverse video.
            let room = max(1, rect.right - col - 1)
            let characters = prompt.editor.characters
            var start = 0
            while characters[start..<prompt.editor.cursor].reduce(0, { $0 + DisplayWidth.of($1) }) >= room { start += 1 }
            var column = col
            for index in start...characters.count {
                let character: Character = index < characters.count ? characters[index] : " "
                let width = max(1, DisplayWidth.of(character))
                if column + width > rect.right - 1 { break }
                column = grid.put(String(character), row: rect.row, col: column,
                                  style: index == prompt.editor.cursor ? style.adding(.reverse) : style)
            }
            return
        }
        let pathText = logPath.isEmpty ? "" : "log " + shortenPath(logPath, to: max(12, rect.cols / 4))
        let pathWidth = pathText.displayWidth
        let leftRoom = rect.cols - pathWidth - 3
        if let message {
            let style = theme.style(message.isError ? .error : .message)
            grid.put(" " + PaneFrame.truncate(message.text, to: leftRoom) + " ", row: rect.row, col: rect.col, style: style)
        } else {
            grid.put(" " + fitting(hints, into: leftRoom - 1), row: rect.row, col: rect.col, style: theme.style(.keyHint))
        }
        if !pathText.isEmpty, leftRoom > 10 {
            grid.put(pathText, row: rect.row, col: rect.right - pathWidth - 1, style: bar)
        }
    }

    /// As many hints as fit, joined with " · ": the first ones (most important) and the closing ones
    /// ("? help", "q quit" — or the last one) are kept; the least important in between go first.
    static func fitting(_ hints: [String], into width: Int) -> String {
        var kept = hints
        let separator = " · "
        let closing = hints.last == "q quit" ? 2 : 1
        while kept.count > closing + 1, kept.joined(separator: separator).displayWidth > width {
            kept.remove(at: kept.count - closing - 1)
        }
        return PaneFrame.truncate(kept.joined(separator: separator), to: width)
    }

    /// Keeps the end of a path (the file name matters most): "…/sessions/2026-11-25-x.jsonl".
    static func shortenPath(_ path: String, to width: Int) -> String {
        if path.displayWidth <= width { return path }
        var tail = ""
        for character in path.reversed() {
            if tail.displayWidth + 2 > width { break }
            tail.insert(character, at: tail.startIndex)
        }
        return "…" + tail
    }
}
