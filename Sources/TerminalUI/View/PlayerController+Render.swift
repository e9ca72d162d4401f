import RunbookModel
import SessionEngine

extension PlayerController {
    /// Draws the whole screen into a fresh grid. `now` is the session's monotonic clock (for a running
    /// command's elapsed time); `clock` the readings for the title bar.
    public func render(clock: ClockReading, now: Double) -> CellGrid {
        var grid = CellGrid(rows: layout.rows, cols: layout.cols, style: theme.style(.normal))
        if layout.tooSmall {
            renderTooSmall(into: &grid)
            return grid
        }
        TitleBar.render(into: &grid, rect: layout.titleBar, title: runbook.title ?? runbook.path ?? "runbook",
                        mode: mode, clock: clock, theme: theme)
        if let rect = layout.outline {
            OutlinePane.render(into: &grid, rect: rect, entries: entries, progress: progress,
                               selected: view.outlineSelected, scroll: view.outlineScroll,
                               focused: view.focus == .outline, theme: theme)
        }
        if let rect = layout.section {
            let title = selectedEntry.map { entry in
                entry.sectionID == nil ? (runbook.title ?? "Overview") : entry.title
            } ?? "Section"
            let inner = PaneFrame.draw(into: &grid, rect: rect, title: title, focused: view.focus == .section,
                                       theme: theme, footer: sectionFooter(height: rect.rows - 2))
            document.render(into: &grid, rect: inner, scroll: view.sectionScroll, selectedItem: view.sectionSelected,
                            focused: view.focus == .section, theme: theme)
        }
        let outputID = view.outputCommandID
        let heading = outputID.map { id in
            blockHeading(id)
                ?? OutputPane.heading(for: state.commands[id], commandID: id, text: commandTexts[id] ?? id, now: now)
        }
        OutputPane.render(into: &grid, rect: layout.output, emulator: outputID.flatMap { displayedEmulator($0) },
                          heading: heading, scroll: view.outputScroll, focused: view.focus == .output,
                          typingToCommand: typingToCommand, theme: theme)
        if let replay = replayStatus, view.prompt == nil, view.message == nil {
            ReplayProgressLine.render(into: &grid, rect: layout.statusBar, status: replay, theme: theme)
        } else {
            StatusBar.render(into: &grid, rect: layout.statusBar, prompt: view.prompt, message: view.message,
                             hints: hints, logPath: logPath, theme: theme)
        }
        if view.helpVisible {
            HelpOverlay.render(into: &grid, screen: Rect(row: 1, col: 0, rows: layout.rows - 2, cols: layout.cols),
                               scroll: view.helpScroll, mode: mode, theme: theme)
        }
        return grid
    }

    /// The key hints for the focused pane, most important first; "? help" and "q quit" always end it.
    var hints: [String] {
        func k(_ action: PlayerAction) -> String { ActionTable.keyLabel(action) }
        let tail = ["? help", "q quit"]
        if mode == .replay {
            return ["Space pause", "+/- speed", "]/[ step", ". event", "g/G start/end"] + tail
        }
        if typingToCommand {
            return ["typing goes to the command", "Ctrl-C interrupts", "PgUp/PgDn scroll", "Esc stops typing"]
        }
        switch view.focus {
        case .outline:
            return ["\(k(.activate)) open", "j/k move", "h/l fold", "\(k(.nextPane)) pane", "/ search", "n note", "d decide"] + tail
        case .section:
            return ["\(k(.activate)) run", "\(k(.toggleCheck)) tick", "c stop", "f output", "\(k(.nextPane)) pane",
                    "n note", "t timer", "j/k move"] + tail
        case .output:
            return ["PgUp/PgDn scroll", "f full screen", "i type into it", "c stop", "\(k(.nextPane)) pane"] + tail
        }
    }

    private func sectionFooter(height: Int) -> String? {
        let total = document.lines.count
        guard total > height, height > 0 else { return nil }
        let percent = min(100, (view.sectionScroll + height) * 100 / total)
        return "\(percent)%"
    }

    private func renderTooSmall(into grid: inout CellGrid) {
        let lines = [
            "Terminal too small: \(layout.cols)x\(layout.rows)",
            "runbook needs at least \(PlayerLayout.minimumCols)x\(PlayerLayout.minimumRows).",
            "Enlarge the window (q quits).",
        ]
        let top = max(0, (layout.rows - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let col = max(0, (layout.cols - line.displayWidth) / 2)
            grid.put(line, row: top + offset, col: col, style: theme.style(offset == 0 ? .strong : .normal))
        }
    }
}
