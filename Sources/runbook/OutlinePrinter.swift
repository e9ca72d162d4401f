import Dispatch
import RunbookModel

/// Renders a runbook's outline (what `RunbookOutline` holds, in its text form) as an indented tree for
/// `runbook check`. Reads the `Runbook` directly and writes into one string, so a large runbook is not
/// copied into outline values first; the counts come from `SectionCounts` and `RunbookStats`, as in
/// the JSON form.
struct OutlinePrinter {
    var showCommands: Bool

    func render(_ runbook: Runbook) -> String {
        String(decoding: renderUTF8(runbook), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes: the text is built as bytes, which appends much faster than a `String`.
    func renderUTF8(_ runbook: Runbook) -> [UInt8] {
        var text: [UInt8] = []
        text.reserveCapacity(4096 + 128 * runbook.sections.count)
        text += runbook.title ?? runbook.path ?? "(untitled runbook)"
        if let budget = runbook.budget { text += "\n  budget " + Self.describe(budget) }
        for (key, value) in runbook.metadataByKey.sorted(by: { $0.key < $1.key }) where key.count < 40 {
            text += "\n  \(key): \(value)"
        }
        let (tree, stats) = renderTreeAndStats(runbook)
        tree.forEach { text.append(contentsOf: $0) }
        text += "\n\n"
        let p = Self.plural
        text += [
            p(stats.sections, "section"),
            p(stats.commands, "command") + " in " + p(stats.runnableBlocks, "block")
                + (stats.scripts > 0 ? " (" + p(stats.scripts, "script") + ")" : ""),
            p(stats.checklistItems, "checklist item"),
            p(stats.templates, "template"),
            p(stats.tables, "table") + " (\(stats.decisionTables) decision)",
            p(stats.budgets, "budget"),
            p(stats.dangerousCommands, "dangerous command"),
            p(stats.alternativeGroups, "alternative group"),
        ].joined(separator: ", ")
        if !stats.placeholders.isEmpty {
            text += "\nplaceholders: " + stats.placeholders.joined(separator: ", ")
        }
        return text
    }

    /// The section tree's lines (as consecutive pieces of text) and the stats, on all cores: top-level
    /// sections are rendered in ranges, and the stats are one more piece of work.
    private func renderTreeAndStats(_ runbook: Runbook) -> (tree: [[UInt8]], stats: RunbookStats) {
        let alternativeIDs = Dictionary(
            runbook.alternativeGroups.enumerated().flatMap { index, group in group.sectionIDs.map { ($0, index + 1) } },
            uniquingKeysWith: { first, _ in first })
        let sections = runbook.sections
        let pieces = sections.count < 64 ? 1 : 32
        var tree = [[UInt8]](repeating: [], count: pieces)
        var stats = [RunbookStats?](repeating: nil, count: 1)
        tree.withUnsafeMutableBufferPointer { treeBuffer in
            stats.withUnsafeMutableBufferPointer { statsBuffer in
                nonisolated(unsafe) let tree = treeBuffer, stats = statsBuffer
                DispatchQueue.concurrentPerform(iterations: pieces + 1) { piece in
                    guard piece < pieces else {
                        stats[0] = RunbookStats(runbook)
                        return
                    }
                    var text: [UInt8] = []
                    let range = (piece * sections.count / pieces)..<((piece + 1) * sections.count / pieces)
                    text.reserveCapacity(128 * range.count)
                    for index in range {
                        render(sections[index], last: index == sections.count - 1, prefix: "",
                               alternativeIDs: alternativeIDs, to: &text)
                    }
                    tree[piece] = text
                }
            }
        }
        return (tree, stats[0]!)
    }

    /// The section's line, its commands (`--commands`) and its sub-sections.
    private func render(
        _ section: Section, last: Bool, prefix: String, alternativeIDs: [String: Int], to text: inout [UInt8]
    ) {
        text += "\n"
        text += prefix
        text += last ? "└─ " : "├─ "
        describe(section, alternative: alternativeIDs.isEmpty ? nil : alternativeIDs[section.id], to: &text)
        let childPrefix = prefix + (last ? "   " : "│  ")
        if showCommands { listCommands(of: section, prefix: childPrefix, to: &text) }
        for index in section.children.indices {
            render(section.children[index], last: index == section.children.count - 1, prefix: childPrefix,
                   alternativeIDs: alternativeIDs, to: &text)
        }
    }

    /// One line per command of the section (`--commands`).
    private func listCommands(of section: Section, prefix: String, to text: inout [UInt8]) {
        for case .code(let code) in section.blocks {
            for command in code.commands.map({ OutlineCommand($0, isScript: code.isScript) }) {
                let flag = command.dangers.isEmpty ? "$" : "!"
                let firstLine = command.script
                    ? "script " + (command.label ?? "")
                    : command.text.split(separator: "\n").first.map(String.init) ?? ""
                let more = command.endLine > command.line ? " …(\(command.endLine - command.line + 1) lines)" : ""
                text += "\n" + prefix + "  \(flag) \(firstLine)\(more)  :\(command.line)"
            }
        }
    }

    /// The section's id, title and facts: `2.1 Title  [2m–5m · 3 commands · …]`.
    private func describe(_ section: Section, alternative: Int?, to text: inout [UInt8]) {
        let counts = SectionCounts(section.blocks)
        var facts: [String] = []
        if let budget = section.budget { facts.append(Self.describe(budget)) }
        for countdown in section.countdowns { facts.append("countdown \(Self.duration(countdown.maxSeconds))") }
        if counts.commands > 0 { facts.append(Self.plural(counts.commands, "command")) }
        if counts.dangerousCommands > 0 { facts.append("\(counts.dangerousCommands) dangerous") }
        if counts.manualSteps > 0 { facts.append(Self.plural(counts.manualSteps, "manual step")) }
        if counts.checklistItems > 0 { facts.append("\(counts.checklistItems) checklist") }
        if counts.decisionTables > 0 { facts.append(Self.plural(counts.decisionTables, "decision table")) }
        if counts.tables > counts.decisionTables {
            facts.append(Self.plural(counts.tables - counts.decisionTables, "table"))
        }
        if counts.templates > 0 { facts.append(Self.plural(counts.templates, "template")) }
        let placeholders = Self.placeholderTokens(section.blocks)
        if !placeholders.isEmpty { facts.append(placeholders.sorted().joined(separator: " ")) }
        if let alternative { facts.append("alternative #\(alternative)") }
        if section.warning != nil { facts.append("warning") }
        text += section.id
        text += " "
        text += section.title
        guard !facts.isEmpty else { return }
        text += "  ["
        for (index, fact) in facts.enumerated() {
            if index > 0 { text += " · " }
            text += fact
        }
        text += "]"
    }

    /// The distinct placeholder tokens (`$NAME`, `<name>`, `[name]`) of the section's commands.
    private static func placeholderTokens(_ blocks: [Block]) -> [String] {
        var placeholders: [Placeholder] = []
        for case .code(let code) in blocks {
            for command in code.commands.indices {
                for placeholder in code.commands[command].placeholders where !placeholders.contains(placeholder) {
                    placeholders.append(placeholder)
                }
            }
        }
        return placeholders.map(\.token)
    }

    static func describe(_ budget: TimeBudget) -> String { budget.compactText }

    static func duration(_ seconds: Int) -> String { TimeBudget.compactDuration(seconds) }

    static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of `string`.
    @inline(__always) fileprivate static func += (bytes: inout [UInt8], string: String) {
        bytes.append(contentsOf: string.utf8)
    }
}
