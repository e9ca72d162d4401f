/// Turns the flat list of Markdown blocks into the title, preamble and a section tree of any depth.
enum SectionTreeBuilder {
    static func build(_ nodes: [MarkdownNode]) -> Runbook {
        var runbook = Runbook()
        var topLevel: [Section] = []
        var stack: [Section] = []
        let batch = CodeBlockBatch(analysing: nodes)

        func closeSections(atOrBelow level: Int) {
            while let top = stack.last, top.level >= level {
                stack.removeLast()
                if stack.isEmpty { topLevel.append(top) } else { stack[stack.count - 1].children.append(top) }
            }
        }

        for node in nodes {
            if case .heading(let level, let runs, let line) = node {
                let title = plainTitle(runs)
                if level == 1, runbook.title == nil, stack.isEmpty, topLevel.isEmpty {
                    runbook.title = title
                    runbook.titleLine = line
                    continue
                }
                closeSections(atOrBelow: level)
                stack.append(Section(id: "", title: title, level: level, line: line))
                continue
            }
            var converted: [Block] = []
            BlockConverter.append(node, to: &converted, batch: batch)
            if stack.isEmpty {
                runbook.preamble += converted
            } else {
                stack[stack.count - 1].blocks += converted
            }
        }
        closeSections(atOrBelow: 0)
        runbook.sections = assignIDs(topLevel, prefix: "")
        (runbook.metadata, runbook.budget) = PreambleReader.read(runbook.preamble)
        return runbook
    }

    /// Heading text on one line, surrounding whitespace removed.
    static func plainTitle(_ runs: [TextRun]) -> String {
        runs.map(\.text).joined().replacingOccurrences(of: "\n", with: " ").trimmingWhitespace
    }

    private static func assignIDs(_ sections: [Section], prefix: String) -> [Section] {
        sections.enumerated().map { index, section in
            var copy = section
            copy.id = prefix + String(index + 1)
            copy.children = assignIDs(section.children, prefix: copy.id + ".")
            return copy
        }
    }
}

/// Reads the bold `**Key:** value` lines and a whole-runbook budget from the blocks before the first section.
enum PreambleReader {
    static func read(_ blocks: [Block]) -> (metadata: [MetadataEntry], budget: TimeBudget?) {
        var metadata: [MetadataEntry] = []
        var budget: TimeBudget?
        for case .paragraph(let paragraph) in blocks {
            for (offset, line) in RunLines.split(paragraph.runs).enumerated() {
                if let entry = keyValue(line, line: paragraph.line + offset) { metadata.append(entry) }
                if budget == nil { budget = TimeBudgetParser.budget(inLine: line.map(\.text).joined()) }
            }
        }
        return (metadata, budget)
    }

    /// `**Key:** value` or `**Key**: value` as a metadata entry.
    static func keyValue(_ runs: [TextRun], line: Int) -> MetadataEntry? {
        guard let first = runs.first, first.style.contains(.strong) else { return nil }
        var key = first.text.trimmingWhitespace
        var value = runs.dropFirst().map(\.text).joined().trimmingWhitespace
        if key.hasSuffix(":") {
            key.removeLast()
        } else if value.hasPrefix(":") {
            value = String(value.dropFirst()).trimmingWhitespace
        } else {
            return nil
        }
        key = key.trimmingWhitespace
        guard !key.isEmpty, !value.isEmpty, key.count <= 60 else { return nil }
        return MetadataEntry(key: key, value: value, line: line, origin: .boldLine)
    }
}

/// Splits styled runs at "\n" into one array of runs per source line.
enum RunLines {
    static func split(_ runs: [TextRun]) -> [[TextRun]] {
        var lines: [[TextRun]] = [[]]
        for run in runs {
            let pieces = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { lines.append([]) }
                if !piece.isEmpty { lines[lines.count - 1].append(TextRun(String(piece), style: run.style)) }
            }
        }
        return lines
    }

    /// The plain text of each source line.
    static func plainLines(_ runs: [TextRun]) -> [String] {
        runs.map(\.text).joined().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
