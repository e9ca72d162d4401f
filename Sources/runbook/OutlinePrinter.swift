import RunbookModel

/// Renders a `RunbookOutline` as an indented tree for `runbook check`.
struct OutlinePrinter {
    var showCommands: Bool

    func render(_ outline: RunbookOutline) -> String {
        var lines: [String] = []
        lines.append(outline.title ?? outline.path ?? "(untitled runbook)")
        if let budget = outline.budget { lines.append("  budget \(Self.describe(budget))") }
        for (key, value) in outline.metadata.sorted(by: { $0.key < $1.key }) where key.count < 40 {
            lines.append("  \(key): \(value)")
        }
        let alternativeIDs = Dictionary(
            outline.alternativeGroups.enumerated().flatMap { index, group in group.sectionIDs.map { ($0, index + 1) } },
            uniquingKeysWith: { first, _ in first })
        func visit(_ sections: [OutlineSection], prefix: String) {
            for (index, section) in sections.enumerated() {
                let last = index == sections.count - 1
                lines.append(prefix + (last ? "└─ " : "├─ ") + describe(section, alternative: alternativeIDs[section.id]))
                let childPrefix = prefix + (last ? "   " : "│  ")
                if showCommands {
                    for command in section.commands {
                        let flag = command.dangers.isEmpty ? "$" : "!"
                        let firstLine = command.script
                            ? "script " + (command.label ?? "")
                            : command.text.split(separator: "\n").first.map(String.init) ?? ""
                        let more = command.endLine > command.line ? " …(\(command.endLine - command.line + 1) lines)" : ""
                        lines.append(childPrefix + "  \(flag) \(firstLine)\(more)  :\(command.line)")
                    }
                }
                visit(section.children, prefix: childPrefix)
            }
        }
        visit(outline.sections, prefix: "")
        let stats = outline.stats
        lines.append("")
        let p = Self.plural
        lines.append([
            p(stats.sections, "section"),
            p(stats.commands, "command") + " in " + p(stats.runnableBlocks, "block")
                + (stats.scripts > 0 ? " (" + p(stats.scripts, "script") + ")" : ""),
            p(stats.checklistItems, "checklist item"),
            p(stats.templates, "template"),
            p(stats.tables, "table") + " (\(stats.decisionTables) decision)",
            p(stats.budgets, "budget"),
            p(stats.dangerousCommands, "dangerous command"),
            p(stats.alternativeGroups, "alternative group"),
        ].joined(separator: ", "))
        if !stats.placeholders.isEmpty {
            lines.append("placeholders: " + stats.placeholders.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private func describe(_ section: OutlineSection, alternative: Int?) -> String {
        var facts: [String] = []
        if let budget = section.budget { facts.append(Self.describe(budget)) }
        for countdown in section.countdowns { facts.append("countdown \(Self.duration(countdown.maxSeconds))") }
        if !section.commands.isEmpty { facts.append(Self.plural(section.commands.count, "command")) }
        let dangerous = section.commands.filter { !$0.dangers.isEmpty }.count
        if dangerous > 0 { facts.append("\(dangerous) dangerous") }
        if section.manualSteps > 0 { facts.append(Self.plural(section.manualSteps, "manual step")) }
        if section.checklistItems > 0 { facts.append("\(section.checklistItems) checklist") }
        if section.decisionTables > 0 { facts.append(Self.plural(section.decisionTables, "decision table")) }
        if section.tables > section.decisionTables { facts.append(Self.plural(section.tables - section.decisionTables, "table")) }
        if section.templates > 0 { facts.append(Self.plural(section.templates, "template")) }
        let placeholders = Set(section.commands.flatMap(\.placeholders))
        if !placeholders.isEmpty { facts.append(placeholders.sorted().joined(separator: " ")) }
        if let alternative { facts.append("alternative #\(alternative)") }
        if section.warning != nil { facts.append("warning") }
        return section.id + " " + section.title + (facts.isEmpty ? "" : "  [" + facts.joined(separator: " · ") + "]")
    }

    static func describe(_ budget: TimeBudget) -> String {
        let range = budget.minSeconds == budget.maxSeconds
            ? duration(budget.maxSeconds)
            : (budget.kind == .limit ? "< \(duration(budget.maxSeconds))" : "\(duration(budget.minSeconds))–\(duration(budget.maxSeconds))")
        return budget.kind == .countdown ? "countdown \(range)" : range
    }

    static func duration(_ seconds: Int) -> String {
        let hours = seconds / 3600, minutes = (seconds % 3600) / 60, rest = seconds % 60
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
