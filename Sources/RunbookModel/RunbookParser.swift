/// Reads Markdown into a `Runbook`: decode, front matter, mojibake repair, cmark-gfm, then the section
/// tree, code-block analysis, placeholders, dangers and alternatives. Pure: no I/O beyond `load`.
public enum RunbookParser {
    /// Reads and parses the file at `path`. `intermediates` says what becomes of the parser's large
    /// intermediate values (see `IntermediateMemory`).
    public static func load(
        path: String, intermediates: IntermediateMemory = .freeInBackground
    ) throws(RunbookLoadError) -> Runbook {
        parse(try SourceDecoder.load(path: path), intermediates: intermediates)
    }

    /// Parses Markdown text held in memory.
    public static func parse(_ text: String, path: String? = nil) -> Runbook {
        parse(SourceText(path: path, text: text, byteCount: text.utf8.count))
    }

    /// Parses decoded source text.
    public static func parse(_ source: SourceText, intermediates: IntermediateMemory = .freeInBackground) -> Runbook {
        var diagnostics = source.diagnostics
        let (frontMatter, withoutFrontMatter) = FrontMatter.extract(from: source.text)
        let (body, repairs) = MojibakeRepair.repair(withoutFrontMatter)
        if repairs > 0 {
            diagnostics.append(Diagnostic(
                .warning,
                "repaired \(repairs) mis-encoded character sequence\(repairs == 1 ? "" : "s") (UTF-8 that was read as Windows-1252 or Mac Roman)",
                path: source.path))
        }
        // Large texts: analyse the code blocks a line scan finds while cmark-gfm parses.
        let prefetch = body.utf8.count >= CodeBlockPrefetch.minimumTextBytes ? CodeBlockPrefetch(text: body) : nil
        let nodes = MarkdownReader.read(body, intermediates: intermediates)
        var runbook = SectionTreeBuilder.build(nodes, analyses: CodeBlockAnalyses(prefetched: prefetch?.finish() ?? [:]))
        intermediates.release(consume nodes)
        runbook.path = source.path
        runbook.metadata = frontMatter + runbook.metadata
        if runbook.budget == nil {
            runbook.budget = frontMatter.lazy.compactMap { TimeBudgetParser.budget(inLine: "\($0.key): \($0.value)") }.first
        }
        SectionAnalyzer.analyze(&runbook)
        PlaceholderResolver.resolve(&runbook)
        runbook.alternativeGroups = AlternativeGrouper.groups(in: runbook.sections)
        if !runbook.hasCommands {
            diagnostics.append(Diagnostic(
                .warning, "no runnable command found: the runbook can be read and ticked, but nothing runs",
                path: source.path))
        }
        runbook.diagnostics = diagnostics
        return runbook
    }
}
