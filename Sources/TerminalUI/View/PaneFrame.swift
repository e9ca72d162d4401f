/// The box around a pane: line characters, the title in the top edge, a brighter border on the focused
/// pane, and an optional note on the right of the bottom edge (scroll position, hints).
public enum PaneFrame {
    /// Draws the frame and returns the inside rectangle.
    @discardableResult
    public static func draw(
        into grid: inout CellGrid, rect: Rect, title: String, focused: Bool, theme: Theme, footer: String? = nil
    ) -> Rect {
        grid.fill(rect, style: theme.style(.normal))
        let border = theme.style(focused ? .paneBorderFocused : .paneBorder)
        grid.box(rect, style: border, title: title, titleStyle: theme.style(.paneTitle).adding(focused ? [.bold] : []))
        if let footer, !footer.isEmpty, rect.cols > 8 {
            let width = min(footer.displayWidth, rect.cols - 6)
            let col = rect.right - 3 - width
            grid.put(" ", row: rect.bottom - 1, col: col - 1, style: border)
            let end = grid.put(footer, row: rect.bottom - 1, col: col, style: theme.style(.muted), limit: rect.right - 2)
            grid.put(" ", row: rect.bottom - 1, col: end, style: border, limit: rect.right - 1)
        }
        return rect.inset()
    }

    /// `text` cut to `width` columns with "…" when it does not fit.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if text.displayWidth <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }
}
