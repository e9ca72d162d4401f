/// Fills in what a section says about itself: its time budget, countdowns and warnings, and marks
/// every command under a warning (in the section or an ancestor) as dangerous with that reason.
/// Works on the tree in place; a prose line becomes a `String` only when a cheap byte test says it
/// may hold a duration or a warning.
enum SectionAnalyzer {
    static func analyze(_ runbook: inout Runbook) {
        // Top-level sections share nothing: all cores analyse ranges of them, in place.
        runbook.sections.withUnsafeMutableBufferPointer { sections in
            nonisolated(unsafe) let sections = sections
            ParallelRanges.forEach(sections.count) { range in
                var scratch: [UInt8] = []
                for index in range { analyze(&sections[index], inheritedWarning: nil, scratch: &scratch) }
            }
        }
    }

    private static func analyze(_ section: inout Section, inheritedWarning: String?, scratch: inout [UInt8]) {
        section.budget = TimeBudgetParser.budget(inHeading: section.title)
        var proseWarning: String?
        forEachProseLine(section.blocks, scratch: &scratch) { line in
            if TimeBudgetParser.mayContainDuration(bytes: line),
               let budget = TimeBudgetParser.budget(inLine: String(decoding: line, as: UTF8.self)) {
                if budget.kind == .countdown {
                    section.countdowns.append(budget)
                } else if section.budget == nil {
                    section.budget = budget
                }
            }
            if proseWarning == nil, DangerDetector.isWarning(line) {
                proseWarning = DangerDetector.warning(inProse: String(decoding: line, as: UTF8.self))
            }
        }
        section.warning = DangerDetector.warning(inProse: section.title) ?? proseWarning
        let warning = section.warning ?? inheritedWarning
        if let warning {
            let reason = DangerReason(pattern: "section warning", reason: "section warns: \(warning)")
            for index in section.blocks.indices {
                section.blocks[index].updateCode { code in
                    for index in code.commands.indices where !code.commands[index].dangers.contains(reason) {
                        code.commands[index].dangers.append(reason)
                    }
                }
            }
        }
        for index in section.children.indices {
            analyze(&section.children[index], inheritedWarning: warning, scratch: &scratch)
        }
    }

    /// The section's own prose, one call per source line: paragraphs and list items (not code, not tables).
    private static func forEachProseLine(
        _ blocks: [Block], scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        for block in blocks {
            switch block {
            case .paragraph(let paragraph):
                RunLines.forEachPlainLine(paragraph.runs, scratch: &scratch, body)
            case .list(let list):
                for item in list.items { RunLines.forEachPlainLine(item.runs, scratch: &scratch, body) }
            case .table, .code:
                break
            }
        }
    }
}
