import RunbookModel

/// Draws the outline: one row per visible section with its status glyph, a fold marker, the title
/// and the budget on the right; the selected row highlighted.
public enum OutlinePane {
    public static func render(
        into grid: inout CellGrid, rect: Rect, entries: [OutlineEntry], progress: SectionProgressResolver,
        selected: Int, scroll: Int, focused: Bool, theme: Theme
    ) {
        let footer = entries.isEmpty ? nil : "\(selected + 1)/\(entries.count)"
        let inner = PaneFrame.draw(into: &grid, rect: rect, title: "Outline", focused: focused, theme: theme, footer: footer)
        guard !inner.isEmpty else { return }
        for (offset, entry) in entries.dropFirst(scroll).prefix(inner.rows).enumerated() {
            let row = inner.row + offset
            let index = scroll + offset
            let status = entry.sectionID.map { progress.status($0) } ?? .notStarted
            var col = inner.col + min(entry.depth, 6) * 2
            let marker = entry.hasChildren ? (entry.isCollapsed ? "▸" : "▾") : " "
            col = grid.put(marker, row: row, col: col, style: theme.style(.muted), limit: inner.right)
            col = grid.put(entry.sectionID == nil ? "≡" : status.glyph, row: row, col: col,
                           style: theme.style(entry.sectionID == nil ? .muted : status.role), limit: inner.right)
            col = grid.put(" ", row: row, col: col, style: theme.style(.normal), limit: inner.right)
            let budget = entry.budget.map(\.compactText)
            let budgetWidth = budget.map { $0.displayWidth + 1 } ?? 0
            let room = inner.right - col - (inner.right - col > budgetWidth + 8 ? budgetWidth : 0)
            let titleRole: ThemeRole = status == .skipped ? .muted : (entry.depth == 0 ? .strong : .normal)
            grid.put(PaneFrame.truncate(entry.title, to: room), row: row, col: col, style: theme.style(titleRole), limit: inner.right)
            if let budget, inner.right - col > budgetWidth + 8 {
                grid.put(budget, row: row, col: inner.right - budget.displayWidth, style: theme.style(.budget), limit: inner.right)
            }
            if index == selected {
                let bar = theme.style(focused ? .selection : .selectionUnfocused)
                grid.restyle(Rect(row: row, col: inner.col, rows: 1, cols: inner.cols)) { old in
                    Self.selectionStyle(old, bar: bar)
                }
            }
        }
    }

    /// A selection bar keeps the text's attributes but takes the bar's colours (or its reverse video).
    static func selectionStyle(_ old: UIStyle, bar: UIStyle) -> UIStyle {
        if bar.background == .default && bar.foreground == .default {
            return old.adding(bar.attributes)
        }
        return UIStyle(foreground: bar.foreground, background: bar.background,
                       attributes: old.attributes.subtracting(.dim).union(bar.attributes))
    }

    /// The scroll offset that keeps `selected` visible in `height` rows.
    public static func scroll(toShow selected: Int, from scroll: Int, height: Int) -> Int {
        guard height > 0 else { return 0 }
        if selected < scroll { return selected }
        if selected >= scroll + height { return selected - height + 1 }
        return scroll
    }
}
