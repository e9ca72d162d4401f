/// Decides whether a code block is runnable or a template, and cuts runnable blocks into commands.
///
/// - Shell-tagged fences (bash, sh, shell, zsh, console, ...) are runnable unless the body is really a
///   chat message or other prose.
/// - Untagged fences and indented blocks are runnable only when their lines look like shell commands.
/// - Everything else (yaml, json, markdown, text, ...) is a template; Markdown templates also expose
///   the task items inside them so a checklist kept in a ```markdown fence can still be ticked.
enum CodeBlockAnalyzer {
    static let markdownLanguages: Set<String> = ["markdown", "md", "gfm"]

    static func analyze(info: String, body: String, line: Int, fenced: Bool) -> CodeBlock {
        let fence = FenceInfo.parse(info)
        let bodyLine = fenced ? line + 1 : line
        var block = CodeBlock(line: line, bodyLine: bodyLine, fence: fence, body: body, role: .template)
        guard fence.isShell || fence.isUntagged else {
            if let language = fence.language, markdownLanguages.contains(language) {
                block.embeddedChecklist = embeddedChecklist(body, bodyLine: bodyLine)
            }
            return block
        }
        let source = ShellSource(body)
        guard isRunnable(fence: fence, source: source) else { return block }
        block.role = .runnable
        // One lexer pass splits the block, tells whether it is a script and finds each command's variables.
        var sinks = ShellSinkPair(ShellScriptSink(), ShellCommandVariablesSink())
        let (segments, isTranscript) = ShellCommandSplitter.split(source, console: fence.isConsole, sink: &sinks)
        block.isScript = ShellBlockClassifier.isScript(source, splitSink: isTranscript ? nil : sinks.first)
        if block.isScript {
            let lineCount = body.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let facts = CommandTextFacts(wholeText: body, source: source)
            block.commands = [Command(
                text: body, label: scriptLabel(body), line: bodyLine, endLine: bodyLine + lineCount - 1,
                facts: facts, fence: fence)]
            return block
        }
        var commandIndex = 0
        for segment in segments {
            switch segment.kind {
            case .command:
                let facts = source.isVerbatim && !isTranscript
                    ? CommandTextFacts(
                        text: segment.text, source: source,
                        bytes: source.byteRange(lines: segment.startLine, through: segment.endLine),
                        variables: sinks.second.commands[commandIndex])
                    : CommandTextFacts(text: segment.text)
                commandIndex += 1
                block.commands.append(Command(
                    text: segment.text, label: segment.label, note: segment.note,
                    line: bodyLine + segment.startLine, endLine: bodyLine + segment.endLine,
                    facts: facts, expectedOutput: segment.expectedOutput, fence: fence))
            case .comment:
                block.manualSteps.append(ManualStep(line: bodyLine + segment.startLine, text: commentText(segment.text)))
            }
        }
        return block
    }

    static func isRunnable(fence: FenceInfo, source: ShellSource) -> Bool {
        if fence.isShell { return !ShellBlockClassifier.isProse(source) }
        if fence.isUntagged { return ShellBlockClassifier.looksLikeShell(source) }
        return false
    }

    /// Comment lines without their `#` markers.
    static func commentText(_ raw: String) -> String {
        raw.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let trimmed = line.trimmingWhitespace
            return trimmed.hasPrefix("#") ? String(trimmed.drop(while: { $0 == "#" })).trimmingWhitespace : trimmed
        }.joined(separator: "\n")
    }

    /// A script's label: the first comment after the shebang ("# rollback.sh").
    private static func scriptLabel(_ body: String) -> String? {
        for line in body.split(separator: "\n").prefix(5) {
            let trimmed = line.trimmingWhitespace
            if trimmed.hasPrefix("#!") || trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#") { return String(trimmed.dropFirst()).trimmingWhitespace }
            break
        }
        return nil
    }

    /// Task items of a Markdown template with the headings that group them (as non-task items),
    /// carrying the runbook's own line numbers.
    private static func embeddedChecklist(_ body: String, bodyLine: Int) -> [ListItem] {
        guard body.containsBytes("[ ]") || body.containsBytes("[x]") || body.containsBytes("[X]") else { return [] }
        var items: [ListItem] = []
        for node in MarkdownReader.read(body, lineOffset: bodyLine - 1) {
            if case .heading(_, let runs, let line) = node {
                let strong = runs.map { TextRun($0.text, style: $0.style.union(.strong)) }
                items.append(ListItem(
                    line: line, depth: 0, isTask: false, isChecked: false, runs: strong,
                    budget: TimeBudgetParser.budget(inHeading: SectionTreeBuilder.plainTitle(runs))))
                continue
            }
            var blocks: [Block] = []
            BlockConverter.append(node, to: &blocks)
            for case .list(let list) in blocks { items += list.items }
        }
        guard items.contains(where: \.isTask) else { return [] }
        return items
    }
}
