/// Fills in what a section says about itself: its time budget, countdowns and warnings, and marks
/// every command under a warning (in the section or an ancestor) as dangerous with that reason.
enum SectionAnalyzer {
    static func analyze(_ runbook: inout Runbook) {
        runbook.sections = runbook.sections.map { analyze($0, inheritedWarning: nil) }
    }

    private static func analyze(_ section: Section, inheritedWarning: String?) -> Section {
        var section = section
        let prose = proseLines(section.blocks)
        section.budget = TimeBudgetParser.budget(inHeading: section.title)
        for line in prose {
            guard let budget = TimeBudgetParser.budget(inLine: line) else { continue }
            if budget.kind == .countdown {
                section.countdowns.append(budget)
            } else if section.budget == nil {
                section.budget = budget
            }
        }
        section.warning = DangerDetector.warning(inProse: section.title)
            ?? prose.lazy.compactMap { DangerDetector.warning(inProse: $0) }.first
        let warning = section.warning ?? inheritedWarning
        if let warning {
            let reason = DangerReason(pattern: "section warning", reason: "section warns: \(warning)")
            section.blocks = section.blocks.map { block in
                guard case .code(var code) = block, !code.commands.isEmpty else { return block }
                for index in code.commands.indices where !code.commands[index].dangers.contains(reason) {
                    code.commands[index].dangers.append(reason)
                }
                return .code(code)
            }
        }
        section.children = section.children.map { analyze($0, inheritedWarning: warning) }
        return section
    }

    /// The section's own prose, one entry per source line: paragraphs and list items (not code, not tables).
    static func proseLines(_ blocks: [Block]) -> [String] {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let paragraph): lines += RunLines.plainLines(paragraph.runs)
            case .list(let list): lines += list.items.flatMap { RunLines.plainLines($0.runs) }
            case .table, .code: break
            }
        }
        return lines
    }
}
