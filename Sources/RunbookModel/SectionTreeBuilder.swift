/// Turns the flat list of Markdown blocks into the title, preamble and a section tree of any depth.
enum SectionTreeBuilder {
    /// The runbook made of `nodes`; code blocks get their analysis from `analyses`.
    static func build(_ nodes: [MarkdownNode], analyses: CodeBlockAnalyses = CodeBlockAnalyses()) -> Runbook {
        var runbook = Runbook()
        var topLevel: [Section] = []
        var stack: [Section] = []

        func closeSections(atOrBelow level: Int) {
            while let top = stack.last, top.level >= level {
                stack.removeLast()
                if stack.isEmpty { topLevel.append(top) } else { stack[stack.count - 1].children.append(top) }
            }
        }

        // A heading and the nodes up to the next one make one section (the nodes before the first
        // heading make the preamble). Converting them (code blocks included) depends on nothing else:
        // all cores do it.
        var starts = [0]
        for index in nodes.indices where index > 0 {
            if case .heading = nodes[index] { starts.append(index) }
        }
        let parts = ParallelRanges.map(starts.count) { range in
            range.map { part in
                SectionParts(nodes[starts[part]..<(part + 1 < starts.count ? starts[part + 1] : nodes.count)], analyses: analyses)
            }
        }
        for part in parts.joined() {
            guard let heading = part.heading else {
                runbook.preamble = part.blocks
                continue
            }
            if heading.level == 1, runbook.title == nil, stack.isEmpty, topLevel.isEmpty {
                runbook.title = heading.title
                runbook.titleLine = heading.line
                runbook.preamble += part.blocks
                continue
            }
            closeSections(atOrBelow: heading.level)
            stack.append(Section(id: "", title: heading.title, level: heading.level, line: heading.line, blocks: part.blocks))
        }
        closeSections(atOrBelow: 0)
        assignIDs(&topLevel, prefix: "")
        runbook.sections = topLevel
        (runbook.metadata, runbook.budget) = PreambleReader.read(runbook.preamble)
        return runbook
    }

    /// Heading text on one line, surrounding whitespace removed.
    static func plainTitle(_ runs: [TextRun]) -> String {
        let text = runs.count == 1 ? runs[0].text : runs.map(\.text).joined()
        guard text.utf8.contains(0x0A) else { return text.trimmingWhitespace }
        return text.replacingOccurrences(of: "\n", with: " ").trimmingWhitespace
    }

    private static func assignIDs(_ sections: inout [Section], prefix: String) {
        for index in sections.indices {
            sections[index].id = prefix + String(index + 1)
            assignIDs(&sections[index].children, prefix: sections[index].id + ".")
        }
    }
}

/// A heading (nil before the first one) and the blocks the nodes after it, up to the next heading, become.
private struct SectionParts {
    var heading: (level: Int, title: String, line: Int)?
    var blocks: [Block] = []

    init(_ nodes: ArraySlice<MarkdownNode>, analyses: CodeBlockAnalyses) {
        var rest = nodes[...]
        if case .heading(let level, let runs, let line) = rest.first {
            heading = (level, SectionTreeBuilder.plainTitle(runs), line)
            rest = rest.dropFirst()
        }
        for node in rest { BlockConverter.append(node, to: &blocks, analyses: analyses) }
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

    /// Calls `body` with the UTF-8 bytes of each of `plainLines(runs)`, in order, without building the
    /// strings when it can: the runs' bytes are joined in `scratch` and cut at each "\n".
    static func forEachPlainLine(
        _ runs: [TextRun], scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        scratch.removeAll(keepingCapacity: true)
        for run in runs { scratch.append(contentsOf: run.text.utf8) }
        guard !scratch.contains(0x0D) else {
            // "\r\n" is one Character that `split` does not cut at: keep its exact lines.
            for var line in plainLines(runs) { line.withUTF8(body) }
            return
        }
        scratch.withUnsafeBufferPointer { text in
            var start = 0
            for i in 0...text.count where i == text.count || text[i] == 0x0A {
                body(UnsafeBufferPointer(rebasing: text[start..<i]))
                start = i + 1
            }
        }
    }
}
