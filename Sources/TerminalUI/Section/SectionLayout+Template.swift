import RunbookModel

extension SectionLayout {
    /// Column of a template box's left edge (the same as a command's glyph).
    static let boxColumn = 2

    /// A template (a message, report or config to copy, never run) in a box titled with its language.
    /// Task items of a Markdown template are drawn as live checkboxes and are selectable.
    mutating func addTemplate(_ code: CodeBlock) {
        let indent = width >= 30 ? Self.boxColumn : 0
        // "│ " + text + " │"
        let inner = max(4, width - indent - 4)
        var tasks: [Int: ListItem] = [:]
        for item in code.embeddedChecklist where item.isTask { tasks[item.line] = item }

        // Lay the body out first, so the box can be as wide as its widest line.
        var rows: [(line: StyledLine, item: ListItem?)] = []
        var firstRowOfItem: [Int] = []
        let sourceLines = code.body.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, source) in sourceLines.enumerated() {
            let text = String(source)
            if let item = tasks[code.bodyLine + offset], let pieces = checklistRow(text, item: item, width: inner) {
                firstRowOfItem.append(rows.count)
                rows += pieces.map { ($0, item) }
            } else {
                let wrapped = TextWrapper.wrap(
                    InlineSpans.template(text), mode: .verbatim, first: inner, hard: inner, soft: inner - 2)
                for piece in wrapped {
                    var line = piece.kind == .softWrap ? StyledLine.blank(2) : StyledLine()
                    line.append(contentsOf: piece.line)
                    rows.append((line, nil))
                }
            }
        }
        while rows.last?.line.isEmpty == true && rows.last?.item == nil { rows.removeLast() }

        let title = code.fence.language ?? "text"
        let contentWidth = rows.reduce(0) { max($0, $1.line.width) }
        let boxInner = min(inner, max(contentWidth, title.displayWidth + 3))
        let pad = StyledLine.blank(indent)

        var top = pad
        top.append("┌─ ", .muted)
        top.append(title, .template)
        top.append(" " + String(repeating: "─", count: max(0, boxInner - title.displayWidth - 1)) + "┐", .muted)
        add(top)
        var start: Int?
        for (index, row) in rows.enumerated() {
            if firstRowOfItem.contains(index) { start = nextLine }
            var line = pad
            line.append("│ ", .muted)
            line.append(contentsOf: row.line)
            line.pad(to: indent + 2 + boxInner)
            line.append(" │", .muted)
            add(line)
            let itemEnds = index + 1 == rows.count || rows[index + 1].item != row.item
                || firstRowOfItem.contains(index + 1)
            if let item = row.item, let from = start, itemEnds {
                addItem(.checkItem(sectionID: sectionID, item: item), from: from)
                start = nil
            }
        }
        var bottom = pad
        bottom.append("└" + String(repeating: "─", count: boxInner + 2) + "┘", .muted)
        add(bottom)
    }

    /// A template line holding a task item ("  - [ ] Team notified"), its marker swapped for a live
    /// checkbox; nil when the line does not look like one.
    private func checklistRow(_ text: String, item: ListItem, width: Int) -> [StyledLine]? {
        let indentCount = text.prefix(while: { $0 == " " || $0 == "\t" }).count
        let rest = text.dropFirst(indentCount)
        guard let marker = rest.first, "-*+0123456789".contains(marker), rest.contains("[") else { return nil }
        let indent = min(indentCount, width / 3)
        var first = StyledLine.blank(indent)
        let box = checkbox(for: item)
        first.append(box.text, box.role)
        let role: ThemeRole = isChecked(item) ? .muted : .template
        let spans = InlineSpans.spans(item.runs, base: role)
        let wrapped = TextWrapper.wrap(spans, mode: .prose, first: width - first.width, hard: width - first.width,
                                       soft: width - first.width)
        return wrapped.enumerated().map { index, piece in
            var line = index == 0 ? first : StyledLine.blank(first.width)
            line.append(contentsOf: piece.line)
            return line
        }
    }
}
