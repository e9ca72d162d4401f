import RunbookModel

extension SectionLayout {
    /// Column of a command's status glyph.
    static let glyphColumn = 2
    /// Column where a command's text (and its label, notes, output) starts.
    static let textColumn = 4
    /// Column where a wrapped piece of a long command line continues.
    static let wrapColumn = 6
    /// `DangerReason.pattern` of the reason the model gives every command under a section warning.
    static let sectionWarningPattern = "section warning"

    /// A runnable block: a header for two or more commands (a `.block` item), then its commands
    /// (`.command` items) and manual steps in source order.
    mutating func addRunnable(_ code: CodeBlock) {
        addBlockHeader(code)
        var previousLabel: String?
        var steps = code.manualSteps[...]
        var isFirst = true
        for command in code.commands {
            while let step = steps.first, step.line < command.line {
                if !isFirst { blank() }
                addManualStep(step)
                steps = steps.dropFirst()
                isFirst = false
                previousLabel = nil
            }
            if !code.isScript, let label = command.label, label != previousLabel {
                if !isFirst { blank() }
                pendingContext = nextLine
                addWrapped(
                    [StyledSpan("# " + label, .commandLabel)], mode: .prose, first: .blank(Self.textColumn),
                    soft: .blank(Self.textColumn + 2))
            }
            previousLabel = command.label
            addCommand(command, isScript: code.isScript)
            isFirst = false
        }
        for step in steps {
            if !isFirst { blank() }
            addManualStep(step)
            isFirst = false
        }
    }

    /// "▸ 3 commands · bash · 1 done  Enter runs all" for two or more commands (selectable); a muted tag
    /// line for a script, a block of manual steps only, or a block with Runme attributes.
    private mutating func addBlockHeader(_ code: CodeBlock) {
        var tags: [String] = []
        if let language = code.fence.language { tags.append(language) }
        if code.isScript { tags.append("script, runs as a whole") }
        if let name = code.fence.name { tags.append(name) }
        if code.fence.background { tags.append("background") }
        if code.fence.interactive { tags.append("interactive") }
        if code.fence.excludeFromRunAll { tags.append("not in run-all") }
        if code.commands.isEmpty { tags.append("manual steps, nothing to run") }
        if code.commands.count >= 2 {
            let start = nextLine
            let progress = code.commands.map { CommandProgress($0, state: state).status }
            var spans = [StyledSpan("▸ ", .command), StyledSpan("\(code.commands.count) commands", .strong)]
            var facts = tags
            let done = progress.filter { $0 == .done }.count
            let failed = progress.filter { $0 == .failed || $0 == .interrupted }.count
            if done > 0 { facts.append("\(done) done") }
            if failed > 0 { facts.append("\(failed) failed") }
            if !facts.isEmpty { spans.append(StyledSpan(" · " + facts.joined(separator: " · "), .muted)) }
            addWrapped(spans, mode: .prose, first: .blank(Self.glyphColumn), soft: .blank(Self.textColumn))
            addTrailing("Enter runs all", .muted, indent: Self.textColumn)
            addItem(.block(sectionID: sectionID, commands: code.commands, line: code.line), from: start)
        } else if code.isScript || code.fence.name != nil || code.fence.background || code.fence.interactive
                    || code.fence.excludeFromRunAll || code.commands.isEmpty {
            addWrapped(
                [StyledSpan(tags.joined(separator: " · "), .muted)], mode: .prose, first: .blank(Self.glyphColumn),
                soft: .blank(Self.textColumn))
        }
    }

    /// A `# comment` the operator acts on by hand.
    private mutating func addManualStep(_ step: ManualStep) {
        for (index, text) in step.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let first = StyledLine([
                StyledSpan(String(repeating: " ", count: Self.textColumn), .normal),
                StyledSpan(index == 0 ? "☞ " : "  ", .muted),
            ])
            addWrapped([StyledSpan(String(text), .muted)], mode: .prose, first: first, soft: .blank(first.width))
        }
    }

    /// One command: status glyph, text (every source line kept, long lines wrapped), how its run ended,
    /// its danger, its trailing note and the output the runbook expects.
    private mutating func addCommand(_ command: Command, isScript: Bool) {
        let start = nextLine
        let progress = CommandProgress(command, state: state)
        let first = StyledLine([
            StyledSpan(String(repeating: " ", count: Self.glyphColumn), .normal),
            StyledSpan(progress.status.glyph, progress.status.role),
            StyledSpan(" ", .normal),
        ])
        addWrapped(
            InlineSpans.command(command.text, placeholders: command.placeholders, role: command.isDangerous ? .danger : .command),
            mode: .verbatim, first: first, hard: .blank(Self.textColumn), soft: .blank(Self.wrapColumn))
        if let detail = progress.detail { addTrailing(detail, progress.detailRole, indent: Self.textColumn) }
        // A section's warning is drawn once at the top of the section, not under each command.
        let ownDangers = command.dangers.filter { $0.pattern != Self.sectionWarningPattern }
        if !ownDangers.isEmpty {
            let reasons = ownDangers.map(\.reason).joined(separator: "; ")
            addWrapped(
                [StyledSpan("⚠ dangerous: " + reasons, .danger)], mode: .prose, first: .blank(Self.textColumn),
                soft: .blank(Self.textColumn + 2))
        }
        if let note = command.note {
            addWrapped(
                [StyledSpan("# " + note, .muted)], mode: .prose, first: .blank(Self.textColumn),
                soft: .blank(Self.textColumn + 2))
        }
        if let output = command.expectedOutput, !output.isEmpty {
            addWrapped([StyledSpan(output, .muted)], mode: .verbatim, first: .blank(Self.textColumn))
        }
        addItem(.command(sectionID: sectionID, command: command), from: start)
    }
}
