import RunbookModel

extension SectionLayout {
    /// Narrowest a column may be squeezed to before the table is drawn as records instead.
    static let minimumColumnWidth = 4

    /// A table in a grid of line characters, header bold, columns sized to their content and narrowed
    /// (widest first) with cells wrapped when the table is wider than the pane. A decision table gets
    /// a "◆ decision" tag. Too narrow for a grid, each row becomes a small record.
    mutating func addTable(_ table: Table) {
        let columnCount = max(table.header.count, table.rows.map(\.count).max() ?? 0)
        guard columnCount > 0 else { return }
        if table.isDecision {
            add([StyledSpan("◆ decision", .strong), StyledSpan(" · find the row that matches", .muted)])
        }
        let header = Self.padded(table.header, to: columnCount)
        let rows = table.rows.map { Self.padded($0, to: columnCount) }
        let room = width - (3 * columnCount + 1)
        guard room >= Self.minimumColumnWidth * columnCount else {
            addTableRecords(header: header, rows: rows)
            return
        }
        var widths = (0..<columnCount).map { column in
            max(1, ([header] + rows).reduce(0) { max($0, Self.cellWidth($1[column])) })
        }
        Self.shrink(&widths, toFit: room)

        add(border("┌", "┬", "┐", widths))
        addRow(header, widths: widths, role: .tableHeader)
        add(border("├", "┼", "┤", widths))
        let cells = rows.map { row in row.indices.map { wrapCell(row[$0], width: widths[$0], role: .prose) } }
        let tall = cells.contains { row in row.contains { $0.count > 1 } }
        for (index, row) in cells.enumerated() {
            if tall && index > 0 { add(border("├", "┼", "┤", widths)) }
            addRow(wrapped: row, widths: widths)
        }
        add(border("└", "┴", "┘", widths))
    }

    /// Narrows the widest column one column at a time until the widths sum to `room` or less.
    static func shrink(_ widths: inout [Int], toFit room: Int) {
        var total = widths.reduce(0, +)
        while total > room {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[widest] > minimumColumnWidth else { break }
            // Take as much as is needed in one step, but not below the next widest column.
            let next = widths.enumerated().filter { $0.offset != widest }.map(\.element).max() ?? minimumColumnWidth
            let step = max(1, min(total - room, widths[widest] - max(next, minimumColumnWidth)))
            widths[widest] -= step
            total -= step
        }
    }

    private static func padded(_ row: [String], to count: Int) -> [String] {
        row.count >= count ? Array(row.prefix(count)) : row + Array(repeating: "", count: count - row.count)
    }

    private static func cellWidth(_ text: String) -> Int {
        text.split(separator: "\n").reduce(0) { max($0, $1.displayWidth) }
    }

    private func wrapCell(_ text: String, width: Int, role: ThemeRole) -> [StyledLine] {
        let spans = role == .prose ? InlineSpans.highlightBlanks(text, role) : [StyledSpan(text, role)]
        return TextWrapper.wrap(spans, mode: .prose, width: width)
    }

    private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> StyledLine {
        let text = left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
        return StyledLine([StyledSpan(text, .tableBorder)])
    }

    private mutating func addRow(_ row: [String], widths: [Int], role: ThemeRole) {
        addRow(wrapped: row.indices.map { wrapCell(row[$0], width: widths[$0], role: role) }, widths: widths)
    }

    private mutating func addRow(wrapped cells: [[StyledLine]], widths: [Int]) {
        let height = cells.map(\.count).max() ?? 1
        for index in 0..<height {
            var line = StyledLine([StyledSpan("│", .tableBorder)])
            for (column, cell) in cells.enumerated() {
                line.append(" ", .normal)
                let start = line.width
                if index < cell.count { line.append(contentsOf: cell[index]) }
                line.pad(to: start + widths[column])
                line.append(" │", .tableBorder)
            }
            add(line)
        }
    }

    /// A table too wide to draw as a grid: each row as "• first cell" and "  Header: cell" lines.
    private mutating func addTableRecords(header: [String], rows: [[String]]) {
        for row in rows {
            addWrapped(
                [StyledSpan("• ", .muted), StyledSpan(row.first ?? "", .strong)], mode: .prose, soft: .blank(2))
            for column in row.indices.dropFirst() where !row[column].isEmpty {
                let label = header[column].isEmpty ? "" : header[column] + ": "
                addWrapped(
                    [StyledSpan(label, .tableHeader), StyledSpan(row[column], .prose)], mode: .prose,
                    first: .blank(2), soft: .blank(4))
            }
        }
    }
}
