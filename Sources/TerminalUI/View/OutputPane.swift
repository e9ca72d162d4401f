import SessionEngine

/// Draws a command's terminal (a libvterm `TerminalEmulator`) into the output pane: the live screen, or
/// `scroll` lines back into its scrollback. Only cells are copied: nothing the command printed reaches
/// the real terminal as bytes.
public enum OutputPane {
    /// What the pane's title says about the command.
    public struct Heading: Equatable, Sendable {
        public var commandID: String?
        public var text: String
        public var status: ProgressStatus
        public var detail: String
        public init(commandID: String?, text: String, status: ProgressStatus, detail: String) {
            self.commandID = commandID
            self.text = text
            self.status = status
            self.detail = detail
        }
    }

    public static func render(
        into grid: inout CellGrid, rect: Rect, emulator: TerminalEmulator?, heading: Heading?, scroll: Int,
        focused: Bool, typingToCommand: Bool, theme: Theme
    ) {
        var title = "Output"
        if let heading {
            title = "\(heading.status.glyph) " + PaneFrame.truncate(heading.text, to: max(10, rect.cols / 2))
            if !heading.detail.isEmpty { title += "  " + heading.detail }
        }
        var footer: String?
        if scroll > 0 { footer = "↑ \(scroll) lines back · PgDn" }
        else if typingToCommand { footer = "typing goes to the command · Esc stops" }
        let inner = PaneFrame.draw(into: &grid, rect: rect, title: title, focused: focused, theme: theme, footer: footer)
        guard !inner.isEmpty else { return }
        guard let emulator else {
            let hint = heading == nil ? "Select a command and press Enter to run it." : "No output."
            grid.put(hint, row: inner.row, col: inner.col + 1, style: theme.style(.muted), limit: inner.right)
            return
        }
        let history = emulator.scrollbackCount
        let total = history + emulator.rows
        let back = min(scroll, history)
        let first = max(0, total - emulator.rows - back)
        for offset in 0..<min(inner.rows, emulator.rows) {
            let index = first + offset
            guard index < total else { break }
            let cells = index < history ? emulator.scrollbackLine(index) : emulator.line(index - history)
            draw(cells, into: &grid, row: inner.row + offset, col: inner.col, limit: inner.right)
        }
    }

    /// Copies one emulator line into the grid, cell by cell, keeping colours and wide characters.
    static func draw(_ cells: [TerminalCell], into grid: inout CellGrid, row: Int, col: Int, limit: Int) {
        var column = col
        for cell in cells {
            if column >= limit { break }
            if cell.isContinuation { continue }
            let style = UIStyle(cell)
            if cell.width == 2 && column + 1 >= limit { break }
            column = grid.put(cell.text.isEmpty ? " " : cell.text, row: row, col: column, style: style, limit: limit)
        }
    }

    /// The pane's heading for a command record: the same status and detail as the section pane shows,
    /// with a live clock while it runs.
    public static func heading(for record: CommandRecord?, commandID: String?, text: String, now: Double) -> Heading {
        let shown = record.map { $0.text.isEmpty ? text : $0.text } ?? text
        let firstLine = shown.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? shown
        let progress = CommandProgress(record: record, running: record?.status == .running)
        var detail = progress.detail ?? "not run yet"
        if progress.status == .running {
            detail = "running " + ClockText.clock(record?.startedAt.map { now - $0 } ?? 0)
        } else if progress.status == .done {
            detail = "exit 0 · " + detail
        }
        return Heading(commandID: record?.id ?? commandID, text: firstLine, status: progress.status, detail: detail)
    }
}
