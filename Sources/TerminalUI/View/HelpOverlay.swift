/// The `?` screen: generated from `ActionTable`, so it always says what the keys really do.
public enum HelpOverlay {
    /// The help text for `mode`, one line per binding.
    public static func lines(for mode: DisplayMode) -> [(keys: String, help: String)] {
        ActionTable.bindings(for: mode).map { ($0.keyLabel, $0.help) }
    }

    public static func render(into grid: inout CellGrid, screen: Rect, scroll: Int, mode: DisplayMode, theme: Theme) {
        let lines = lines(for: mode)
        let wanted = lines.count + 2
        let width = min(screen.cols - 4, 78)
        let height = min(screen.rows - 2, wanted)
        guard width > 20, height > 4 else { return }
        let rect = Rect(row: screen.row + (screen.rows - height) / 2, col: screen.col + (screen.cols - width) / 2,
                        rows: height, cols: width)
        let fits = lines.count <= height - 2
        let inner = PaneFrame.draw(into: &grid, rect: rect, title: "Keys", focused: true, theme: theme,
                                   footer: fits ? "Esc or ? closes" : "j/k scroll · Esc closes")
        let keyColumn = min(18, lines.map { $0.keys.displayWidth }.max() ?? 10) + 2
        for (offset, line) in lines.dropFirst(scroll).prefix(inner.rows).enumerated() {
            let row = inner.row + offset
            grid.put(line.keys, row: row, col: inner.col + 1, style: theme.style(.strong), limit: inner.col + keyColumn)
            grid.put(line.help, row: row, col: inner.col + 1 + keyColumn, style: theme.style(.normal), limit: inner.right)
        }
    }
}
