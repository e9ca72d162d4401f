/// Reads Markdown into a `Runbook`: decode, front matter, mojibake repair, cmark-gfm, then the section
/// tree, code-block analysis, placeholders, dangers and alternatives. Pure: no I/O beyond `load`.
import Foundation
public func __tick(_ label: String) {
    struct S { nonisolated(unsafe) static var last = Date() }
    if ProcessInfo.processInfo.environment["RB_T"] != nil {
        let now = Date(); FileHandle.standardError.write(Data(String(format: "%-12@ %6.1f ms\n", label, now.timeIntervalSince(S.last) * 1000).utf8)); S.last = now }
    else { S.last = Date() }
}
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
        __tick("pre"); let nodes = MarkdownReader.read(body, intermediates: intermediates)
        __tick("read")
        var runbook = SectionTreeBuilder.build(nodes, prefetched: prefetch?.finish() ?? [:])
        intermediates.release(consume nodes)
        __tick("build")
        runbook.path = source.path
        runbook.metadata = frontMatter + runbook.metadata
        if runbook.budget == nil {
            runbook.budget = frontMatter.lazy.compactMap { TimeBudgetParser.budget(inLine: "\($0.key): \($0.value)") }.first
        }
        SectionAnalyzer.analyze(&runbook)
        __tick("sections")
        PlaceholderResolver.resolve(&runbook)
        __tick("placeholders")
        runbook.alternativeGroups = AlternativeGrouper.groups(in: runbook.sections)
        __tick("alts")
        if !runbook.hasCommands {
            diagnostics.append(Diagnostic(
                .warning, "no runnable command found: the runbook can be read and ticked, but nothing runs",
                path: source.path))
        }
        runbook.diagnostics = diagnostics
        return runbook
    }
}
