extension SectionDocument {
    /// Draws lines [scroll, scroll+rect.rows) into rect; the selected item gets a selection bar (role
    /// selection when focused, selectionUnfocused otherwise) across the whole width of `rect`.
    public func render(
        into grid: inout CellGrid, rect: Rect, scroll: Int, selectedItem: Int?, focused: Bool, theme: Theme
    ) {
        grid.fill(rect, style: theme.style(.normal))
        guard !rect.isEmpty else { return }
        let selected = selectedItem.flatMap { itemLines.indices.contains($0) ? itemLines[$0] : nil }
        let bar = theme.style(focused ? .selection : .selectionUnfocused)
        for row in 0..<rect.rows {
            let index = scroll + row
            guard index >= 0, index < lines.count else { continue }
            var column = rect.col
            for span in lines[index].spans {
                column = grid.put(span.text, row: rect.row + row, col: column, style: theme.style(span.role), limit: rect.right)
                if column >= rect.right { break }
            }
            if let selected, selected.contains(index) {
                grid.restyle(Rect(row: rect.row + row, col: rect.col, rows: 1, cols: rect.cols)) { Self.merge($0, bar) }
            }
        }
    }

    /// A cell's style under a selection bar: the bar's colours where it sets them, both attributes.
    static func merge(_ cell: UIStyle, _ bar: UIStyle) -> UIStyle {
        UIStyle(
            foreground: bar.foreground == .default ? cell.foreground : bar.foreground,
            background: bar.background == .default ? cell.background : bar.background,
            attributes: cell.attributes.union(bar.attributes))
    }
}
