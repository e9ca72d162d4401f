import RunbookModel

extension SectionLayout {
    /// The section's heading, its warning, its blocks, then its sub-sections (headings drawn).
    /// `inheritedWarning` is the warning already shown for the parent, not repeated under each child.
    mutating func addSection(_ section: Section, inheritedWarning: String? = nil) {
        sectionID = section.id
        blank()
        addHeading(section)
        if let warning = section.warning, warning != inheritedWarning, !Self.blocks(section.blocks, mention: warning) {
            addWrapped([StyledSpan("⚠ " + warning, .danger)], mode: .prose, soft: .blank(2))
        }
        addBlocks(section.blocks)
        for child in section.children {
            addSection(child, inheritedWarning: section.warning ?? inheritedWarning)
        }
    }

    /// "2.1 Verify the backup  ⏱ 2m–5m  countdown 10m", wrapped under the title.
    mutating func addHeading(_ section: Section) {
        let number = section.id + " "
        var spans = [StyledSpan(number, .heading), StyledSpan(section.title, .heading)]
        var facts: [String] = []
        if let budget = section.budget { facts.append("⏱ " + budget.compactText) }
        for countdown in section.countdowns where countdown != section.budget { facts.append(countdown.compactText) }
        if !facts.isEmpty { spans.append(StyledSpan("  " + facts.joined(separator: " · "), .budget)) }
        addWrapped(spans, mode: .prose, soft: .blank(min(number.displayWidth, width / 3)))
        blank()
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

    /// True when a paragraph of `blocks` already says `warning`.
    static func blocks(_ blocks: [Block], mention warning: String) -> Bool {
        blocks.contains { block in
            if case .paragraph(let paragraph) = block { return paragraph.text.contains(warning) }
            return false
        }
    }
}
