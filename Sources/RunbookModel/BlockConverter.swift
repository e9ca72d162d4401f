/// Converts Markdown blocks into model blocks. Lists are flattened: their items keep a depth, and code
/// blocks or tables inside items become blocks of their own right after the items before them, so a
/// numbered list of steps with a command under each plays as step, command, step, command.
enum BlockConverter {
    static func append(_ node: MarkdownNode, to blocks: inout [Block], analyses: CodeBlockAnalyses = CodeBlockAnalyses()) {
        switch node {
        case .heading(_, let runs, let line):
            // Only reached for headings nested in list items or quotes: keep them as strong prose.
            blocks.append(.paragraph(Paragraph(line: line, runs: runs.map { TextRun($0.text, style: $0.style.union(.strong)) })))
        case .paragraph(let runs, let line):
            blocks.append(.paragraph(Paragraph(line: line, runs: runs, fillIns: fillIns(runs))))
        case .code(let info, let literal, let line, let fenced):
            blocks.append(.code(analyses.block(info: info, literal: literal, line: line, fenced: fenced)))
        case .table(let rows, let line):
            blocks.append(.table(TableAnalyzer.table(rows: rows, line: line)))
        case .quote(let children, _):
            for child in children { append(child, to: &blocks, analyses: analyses) }
        case .list(let ordered, let items, let line):
            var pending = ListBlock(line: line, ordered: ordered, items: [])
            appendItems(items, depth: 0, ordered: ordered, pending: &pending, blocks: &blocks, analyses: analyses)
            if !pending.items.isEmpty { blocks.append(.list(pending)) }
        }
    }

    private static func appendItems(
        _ items: [MarkdownItem], depth: Int, ordered: Bool, pending: inout ListBlock, blocks: inout [Block],
        analyses: CodeBlockAnalyses
    ) {
        for item in items {
            var textRuns: [TextRun] = []
            var rest: [MarkdownNode] = []
            for child in item.children {
                if rest.isEmpty, case .paragraph(let runs, _) = child {
                    if !textRuns.isEmpty { textRuns.append(TextRun("\n")) }
                    textRuns += runs
                } else {
                    rest.append(child)
                }
            }
            if pending.items.isEmpty { pending.line = item.line }
            pending.items.append(ListItem(
                line: item.line, depth: depth, isTask: item.isTask, isChecked: item.isChecked,
                runs: textRuns, fillIns: fillIns(textRuns)))
            for child in rest {
                if case .list(let nestedOrdered, let nested, _) = child {
                    appendItems(nested, depth: depth + 1, ordered: nestedOrdered, pending: &pending, blocks: &blocks, analyses: analyses)
                    continue
                }
                if !pending.items.isEmpty { blocks.append(.list(pending)) }
                pending = ListBlock(line: item.line, ordered: ordered, items: [])
                append(child, to: &blocks, analyses: analyses)
            }
        }
    }

    /// Fill-in fields of each line; a line becomes a `String` only when it may hold one.
    private static func fillIns(_ runs: [TextRun]) -> [FillInField] {
        var fields: [FillInField] = []
        var scratch: [UInt8] = []
        RunLines.forEachPlainLine(runs, scratch: &scratch) { line in
            guard FillInFieldParser.mayHaveFields(line) else { return }
            fields += FillInFieldParser.fields(inLine: String(decoding: line, as: UTF8.self))
        }
        return fields
    }
}

/// Builds tables and recognises decision tables (Condition/Action, Scenario/Method, ...).
enum TableAnalyzer {
    /// First-column header words of a decision table.
    static let conditionWords: Set<String> = [
        "condition", "conditions", "scenario", "trigger", "situation", "symptom", "symptoms", "if", "when",
        "signal", "alert", "case", "problem", "issue", "error", "observation", "indicator", "criteria", "threshold",
    ]
    /// Header words of the column that says what to do.
    static let actionWords: Set<String> = [
        "action", "actions", "method", "response", "then", "do", "alternative", "decision", "remedy", "fix",
        "next step", "next steps", "what to do", "procedure", "runbook", "mitigation", "resolution", "option",
        "approach", "escalate to", "escalation",
    ]

    static func table(rows: [[String]], line: Int) -> Table {
        let header = rows.first ?? []
        let body = Array(rows.dropFirst())
        var budgets: [Table.RowBudget] = []
        for (index, row) in body.enumerated() {
            if let budget = row.lazy.compactMap({ TimeBudgetParser.budget(inLine: $0) }).first {
                budgets.append(Table.RowBudget(row: index, budget: budget))
            }
        }
        return Table(line: line, header: header, rows: body, isDecision: isDecision(header), budgets: budgets)
    }

    static func isDecision(_ header: [String]) -> Bool {
        let words = header.map { normalize($0) }
        guard words.count >= 2, conditionWords.contains(words[0]) else { return false }
        return words.dropFirst().contains(where: actionWords.contains)
    }

    private static func normalize(_ cell: String) -> String {
        cell.lowercased().trimmingWhitespace.trimming(emphasisAndPunctuation)
    }

    private static let emphasisAndPunctuation: Set<Character> = ["*", "_", ":", "?"]
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimming(_ set: Set<Character>) -> String {
        guard let start = firstIndex(where: { !set.contains($0) }) else { return "" }
        let end = lastIndex(where: { !set.contains($0) })!
        return String(self[start...end])
    }
}
