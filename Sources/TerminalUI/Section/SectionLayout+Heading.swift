import RunbookModel

extension SectionLayout {
    /// The section's heading, its warning, its blocks, then its sub-sections (headings drawn).
    /// `inheritedWarning` is the nearest ancestor's warning: shown under the selected section's heading
    /// (the ancestor is not drawn), not repeated under each sub-section. A warning the section's title
    /// or own prose already says is not repeated either.
    mutating func addSection(_ section: Section, inheritedWarning: String? = nil, isTop: Bool = true) {
        sectionID = section.id
        blank()
        addHeading(section)
        let warning = isTop ? section.warning ?? inheritedWarning : section.warning
        if let warning, isTop || warning != inheritedWarning, !section.title.contains(warning),
           !Self.blocks(section.blocks, mention: warning) {
            addWrapped([StyledSpan("⚠ " + warning, .danger)], mode: .prose, soft: .blank(2))
            blank()
        }
        addAlternatives(of: section)
        addBlocks(section.blocks)
        for child in section.children {
            addSection(child, inheritedWarning: section.warning ?? inheritedWarning, isTop: false)
        }
    }

    /// "◇ Follow one of: 2.1 Kubernetes · 2.2 Docker Compose" when the sub-sections are alternatives.
    mutating func addAlternatives(of section: Section) {
        guard let ids = alternatives[section.id], !ids.isEmpty else { return }
        let names = section.children.filter { ids.contains($0.id) }.map { child in
            // "Option A: Blue-Green Rollback (1-5 minutes)" without its parenthesis, to keep the line short.
            var title = Substring(child.title)
            if title.hasSuffix(")"), let open = title.lastIndex(of: "("), open > title.startIndex,
               title[title.index(before: open)] == " " {
                title = title[..<title.index(before: open)]
            }
            return Self.isNumbered(child.title) ? String(title) : child.id + " " + title
        }
        guard names.count >= 2 else { return }
        addWrapped(
            [StyledSpan("◇ Follow one of: ", .strong), StyledSpan(names.joined(separator: " · "), .muted)],
            mode: .prose, soft: .blank(2))
        blank()
    }

    /// "2.1 Verify the backup  ⏱ 2m–5m · countdown 10m", wrapped under the title. The id is left out
    /// when the title carries its own number ("1.1 Assess Severity").
    mutating func addHeading(_ section: Section) {
        let number = Self.isNumbered(section.title) ? "" : section.id + " "
        addWrapped(
            [StyledSpan(number, .heading), StyledSpan(section.title, .heading)], mode: .prose,
            soft: .blank(min(number.displayWidth, width / 3)))
        var facts: [String] = []
        // A budget the title already spells out ("(2-5 minutes)") is not repeated.
        if let budget = section.budget, !section.title.contains(budget.text) { facts.append("⏱ " + budget.compactText) }
        for countdown in section.countdowns where countdown != section.budget { facts.append(countdown.compactText) }
        if !facts.isEmpty { addTrailing(facts.joined(separator: " · "), .budget, indent: number.displayWidth) }
        blank()
    }

    /// True for a title that starts with its own number: "1.", "2.3", "4.1.2 ".
    static func isNumbered(_ title: String) -> Bool {
        let digits = title.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
        guard let first = digits.first, first.isNumber else { return false }
        let rest = title.dropFirst(digits.count)
        return rest.first == " " && digits.contains(".")
    }

    /// The runbook's title, metadata and budget, then the blocks before the first section.
    mutating func addPreamble(of runbook: Runbook) {
        sectionID = nil
        addWrapped([StyledSpan(runbook.title ?? runbook.path ?? "Untitled runbook", .heading)], mode: .prose)
        blank()
        // Bold "**Key:** value" lines stay in the preamble's prose; only front matter is listed here.
        for entry in runbook.metadata where entry.origin == .frontMatter {
            addWrapped(
                [StyledSpan(entry.key + ": ", .muted), StyledSpan(entry.value, .prose)], mode: .prose, soft: .blank(2))
        }
        if let budget = runbook.budget, !Self.blocks(runbook.preamble, mention: budget.text) {
            addWrapped([StyledSpan("Budget: ", .muted), StyledSpan("⏱ " + budget.compactText, .budget)], mode: .prose)
        }
        blank()
        addBlocks(runbook.preamble)
    }

    /// A note for an id that names no section.
    mutating func addMissing(_ id: String) {
        addWrapped([StyledSpan("No section \(id) in this runbook.", .muted)], mode: .prose)
    }

    /// Lays out blocks in order, one blank line between them.
    mutating func addBlocks(_ blocks: [Block]) {
        for block in blocks {
            blank()
            switch block {
            case .paragraph(let paragraph): addParagraph(paragraph)
            case .list(let list): addList(list)
            case .table(let table): addTable(table)
            case .code(let code):
                if code.role == .runnable && !(code.commands.isEmpty && code.manualSteps.isEmpty) {
                    addRunnable(code)
                } else {
                    addTemplate(code)
                }
            }
        }
    }

    /// True when a paragraph of `blocks` already says `warning`. The model's warning is cleaned (emoji
    /// and emphasis gone, blanks collapsed) and may be cut with "…", so its first words are compared
    /// with the paragraph's text, blanks collapsed.
    static func blocks(_ blocks: [Block], mention warning: String) -> Bool {
        var key = Substring(warning)
        if key.hasSuffix("…") { key = key.dropLast() }
        let wanted = String(collapsed(key).prefix(48))
        guard !wanted.isEmpty else { return false }
        return blocks.contains { block in
            if case .paragraph(let paragraph) = block { return collapsed(paragraph.text[...]).contains(wanted) }
            return false
        }
    }

    /// `text` with every run of blanks and newlines made one space.
    private static func collapsed(_ text: Substring) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}
