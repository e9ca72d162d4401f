import Dispatch

/// Analyses every code block of a document up front, on all cores, so building the section tree only
/// looks results up. Blocks are independent of each other; what depends on order (placeholders)
/// is resolved afterwards.
struct CodeBlockBatch: Sendable {
    /// Analysed blocks keyed by the line of their opening fence (unique within one document).
    private(set) var blocks: [Int: CodeBlock] = [:]

    /// An empty batch: every block is analysed when it is converted.
    init() {}

    /// Analyses the code blocks among `nodes`, taking those `prefetched` already analysed (by line).
    init(analysing nodes: [MarkdownNode], prefetched: [Int: CodeBlockPrefetch.Result] = [:]) {
        var pending: [(info: String, literal: String, line: Int, fenced: Bool)] = []
        blocks.reserveCapacity(prefetched.count)
        func collect(_ nodes: [MarkdownNode]) {
            for node in nodes {
                switch node {
                case .code(let info, let literal, let line, let fenced):
                    if let result = prefetched[line], result.isAnalysis(info: info, body: literal, fenced: fenced) {
                        blocks[line] = result.block
                    } else {
                        pending.append((info, literal, line, fenced))
                    }
                case .list(_, let items, _): items.forEach { collect($0.children) }
                case .quote(let children, _): collect(children)
                case .heading, .paragraph, .table: break
                }
            }
        }
        collect(nodes)
        guard !pending.isEmpty else { return }
        let work = pending
        let results = UnsafeMutableBufferPointer<CodeBlock?>.allocate(capacity: work.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (work.count + chunk - 1) / chunk) { part in
            for index in (part * chunk)..<min(work.count, (part + 1) * chunk) {
                let item = work[index]
                output[index] = CodeBlockAnalyzer.analyze(info: item.info, body: item.literal, line: item.line, fenced: item.fenced)
            }
        }
        blocks.reserveCapacity(blocks.count + work.count)
        for (index, item) in work.enumerated() {
            if let block = results[index] { blocks[item.line] = block }
        }
    }

    /// The analysed block for a code node, or a fresh analysis when the batch does not hold it.
    func block(info: String, literal: String, line: Int, fenced: Bool) -> CodeBlock {
        blocks[line] ?? CodeBlockAnalyzer.analyze(info: info, body: literal, line: line, fenced: fenced)
    }
}
