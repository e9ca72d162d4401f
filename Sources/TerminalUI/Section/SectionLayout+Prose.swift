import RunbookModel
import SessionEngine

extension SectionLayout {
    /// A paragraph, wrapped, inline styles kept.
    /// A paragraph that opens with a warning sign or word ("⚠️ **DANGEROUS - ...**") is drawn as danger.
    mutating func addParagraph(_ paragraph: Paragraph) {
        var spans = ParagraphBreaks.reflow(InlineSpans.spans(paragraph.runs))
        if Self.isWarning(paragraph.text) {
            spans = spans.map { $0.role == .code || $0.role == .placeholder ? $0 : StyledSpan($0.text, .danger) }
        }
        for line in Self.splitLines(spans) {
            addWrapped(line, mode: .prose, soft: .blank(Self.hangingIndent(line)))
        }
    }

    /// `spans` cut at each `"\n"`, one array per line.
    static func splitLines(_ spans: [StyledSpan]) -> [[StyledSpan]] {
        var lines: [[StyledSpan]] = [[]]
        for span in spans {
            let parts = span.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, part) in parts.enumerated() {
                if index > 0 { lines.append([]) }
                if !part.isEmpty { lines[lines.count - 1].append(StyledSpan(String(part), span.role)) }
            }
        }
        return lines
    }

    /// For a line that opens with a symbol and a blank ("→ next", "✅ done", "- item"), the width of
    /// that opening, so wrapped pieces line up under the text; 0 otherwise.
    static func hangingIndent(_ spans: [StyledSpan]) -> Int {
        guard let text = spans.first?.text, let first = text.first, !first.isLetter, !first.isNumber,
              !"\"'([`*_$<".contains(first) else { return 0 }
        let rest = text.dropFirst()
        guard rest.first == " " else { return 0 }
        return min(DisplayWidth.of(first) + 1, 4)
    }

    /// True for prose that opens with ⚠ 🛑 ⛔ ☠, "WARNING" or "DANGER".
    static func isWarning(_ text: String) -> Bool {
        let trimmed = text.drop(while: { $0 == " " })
        if let scalar = trimmed.unicodeScalars.first, [0x26A0, 0x1F6D1, 0x26D4, 0x2620].contains(scalar.value) {
            return true
        }
        return trimmed.hasPrefix("WARNING") || trimmed.hasPrefix("DANGER")
    }

    /// A list: bullets or numbers indented by depth; task items are checkboxes and selectable.
    mutating func addList(_ list: ListBlock) {
        var numbers: [Int] = []
        for item in list.items {
            let depth = max(0, item.depth)
            if numbers.count > depth + 1 { numbers.removeLast(numbers.count - depth - 1) }
            while numbers.count < depth + 1 { numbers.append(0) }
            numbers[depth] += 1
            let marker: StyledSpan
            if item.isTask {
                marker = checkbox(for: item)
            } else if list.ordered && depth == 0 {
                marker = StyledSpan("\(numbers[depth]). ", .prose)
            } else {
                marker = StyledSpan(["• ", "◦ ", "▪ "][min(depth, 2)], .muted)
            }
            addListItem(item, marker: marker, indent: min(2 * depth, width / 3))
        }
    }

    /// The `[ ]` / `[x]` box of a task item, from the session's ticks.
    func checkbox(for item: ListItem) -> StyledSpan {
        isChecked(item) ? StyledSpan("[x] ", .checked) : StyledSpan("[ ] ", .checkbox)
    }

    /// Whether the operator ticked `item` in this session. The `[x]` written in the runbook is not
    /// used: a runbook is read fresh for every incident, so a box ticked in the file says nothing about
    /// this one.
    func isChecked(_ item: ListItem) -> Bool {
        state.checked.contains(Session.itemID(item))
    }

    /// One item with its marker; a task item becomes a `.checkItem`. Its budget (a checklist group
    /// heading) follows the text.
    mutating func addListItem(_ item: ListItem, marker: StyledSpan, indent: Int) {
        let start = nextLine
        var first = StyledLine.blank(indent)
        first.append(marker.text, marker.role)
        let textRole: ThemeRole = item.isTask && isChecked(item) ? .muted : .prose
        var spans = ParagraphBreaks.reflow(InlineSpans.spans(item.runs, base: textRole))
        if let budget = item.budget { spans.append(StyledSpan("  ⏱ " + budget.compactText, .budget)) }
        addWrapped(spans, mode: .prose, first: first, soft: .blank(first.width))
        if item.isTask { addItem(.checkItem(sectionID: sectionID, item: item), from: start) }
    }
}
