/// The analysis of each code block a document's conversion meets: the one `CodeBlockPrefetch` made
/// while cmark-gfm parsed, when it is the analysis of exactly that block, else a fresh one. Blocks are
/// independent of each other, so conversions on several threads can share one value.
struct CodeBlockAnalyses: Sendable {
    /// Blocks analysed ahead of time, by the line of their opening fence.
    private let prefetched: [Int: CodeBlockPrefetch.Result]

    init(prefetched: [Int: CodeBlockPrefetch.Result] = [:]) {
        self.prefetched = prefetched
    }

    /// The analysed block for a code node.
    func block(info: String, literal: String, line: Int, fenced: Bool) -> CodeBlock {
        if let result = prefetched[line], result.isAnalysis(info: info, body: literal, fenced: fenced) {
            return result.block
        }
        return CodeBlockAnalyzer.analyze(info: info, body: literal, line: line, fenced: fenced)
    }
}
