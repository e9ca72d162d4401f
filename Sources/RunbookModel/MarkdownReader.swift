import CCmarkGFM

/// Parses Markdown with cmark-gfm (tables, task lists, strikethrough, autolinks) into `MarkdownNode`s.
enum MarkdownReader {
    /// Parses `text`; `lineOffset` is added to every line number (for Markdown embedded in a code block).
    /// The tree of a large text is let go of as `intermediates` says; a small one is freed at once.
    static func read(
        _ text: String, lineOffset: Int = 0, intermediates: IntermediateMemory = .freeInBackground
    ) -> [MarkdownNode] {
        var copy = text
        let document: OpaquePointer? = copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { rb_parse_gfm($0.baseAddress, $0.count) }
        }
        guard let document else { return [] }
        defer {
            if text.utf8.count < 256 * 1024 { cmark_node_free(document) } else { intermediates.free(document) }
        }
        // Top-level nodes are converted on all cores: each reads only its own subtree.
        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(document)
        while let node = child {
            children.append(node)
            child = cmark_node_next(node)
        }
        let converter = Converter(lineOffset: lineOffset)
        nonisolated(unsafe) let nodes = children
        return ParallelRanges.map(nodes.count) { range in range.compactMap { converter.block(nodes[$0]) } }
            .flatMap { $0 }
    }

    private struct Converter {
        let lineOffset: Int

        func blocks(under parent: OpaquePointer) -> [MarkdownNode] {
            var result: [MarkdownNode] = []
            var child = cmark_node_first_child(parent)
            while let node = child {
                if let converted = block(node) { result.append(converted) }
                child = cmark_node_next(node)
            }
            return result
        }

        func line(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) + lineOffset }

        func block(_ node: OpaquePointer) -> MarkdownNode? {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                return .heading(level: Int(cmark_node_get_heading_level(node)), runs: inlines(node), line: line(node))
            case CMARK_NODE_PARAGRAPH:
                return .paragraph(runs: inlines(node), line: line(node))
            case CMARK_NODE_CODE_BLOCK:
                let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
                var literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                if literal.hasSuffix("\n") { literal.removeLast() }
                var length: Int32 = 0, offset: Int32 = 0
                var fenceChar: CChar = 0
                let fenced = cmark_node_get_fenced(node, &length, &offset, &fenceChar) != 0
                return .code(info: info, literal: literal, line: line(node), fenced: fenced)
            case CMARK_NODE_LIST:
                var items: [MarkdownItem] = []
                var child = cmark_node_first_child(node)
                while let item = child {
                    let isTask = rb_node_type_is(item, "tasklist") != 0
                    items.append(MarkdownItem(
                        line: line(item), isTask: isTask,
                        isChecked: isTask && cmark_gfm_extensions_get_tasklist_item_checked(item),
                        children: blocks(under: item)))
                    child = cmark_node_next(item)
                }
                return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, items: items, line: line(node))
            case CMARK_NODE_BLOCK_QUOTE:
                return .quote(children: blocks(under: node), line: line(node))
            default:
                if rb_node_type_is(node, "table") != 0 { return table(node) }
                return nil
            }
        }

        func table(_ node: OpaquePointer) -> MarkdownNode {
            var rows: [[String]] = []
            var row = cmark_node_first_child(node)
            while let current = row {
                var cells: [String] = []
                var cell = cmark_node_first_child(current)
                while let currentCell = cell {
                    var text = TextRunBuilder()
                    text.appendInlines(of: currentCell, style: [])
                    cells.append(text.plainText())
                    cell = cmark_node_next(currentCell)
                }
                rows.append(cells)
                row = cmark_node_next(current)
            }
            return .table(rows: rows, line: line(node))
        }

        /// The inline children of `node` as styled runs; adjacent runs of one style are merged.
        func inlines(_ node: OpaquePointer) -> [TextRun] {
            var runs = TextRunBuilder()
            runs.appendInlines(of: node, style: [])
            return runs.finish()
        }
    }
}

/// Collects the inline text under a cmark node as styled runs. The text of the run being built is
/// kept as bytes, so a run made of many literals becomes one `String` once.
private struct TextRunBuilder {
    private var runs: [TextRun] = []
    /// Style and bytes of the last run, not yet in `runs`.
    private var style: TextRun.Style?
    private var bytes: [UInt8] = []

    /// Appends the inline content of `parent` with `style` added to what each child adds.
    mutating func appendInlines(of parent: OpaquePointer, style: TextRun.Style) {
        var child = cmark_node_first_child(parent)
        while let node = child {
            defer { child = cmark_node_next(node) }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
                appendLiteral(of: node, style: style)
            case CMARK_NODE_CODE:
                appendLiteral(of: node, style: style.union(.code))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                startRun(style)
                bytes.append(0x0A)
            case CMARK_NODE_EMPH:
                appendInlines(of: node, style: style.union(.emphasis))
            case CMARK_NODE_STRONG:
                appendInlines(of: node, style: style.union(.strong))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                appendInlines(of: node, style: style.union(.link))
            default:
                if rb_node_type_is(node, "strikethrough") != 0 {
                    appendInlines(of: node, style: style.union(.strikethrough))
                } else {
                    appendInlines(of: node, style: style)
                }
            }
        }
    }

    private mutating func appendLiteral(of node: OpaquePointer, style: TextRun.Style) {
        startRun(style)
        if let literal = cmark_node_get_literal(node) {
            literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal))) }
        }
    }

    /// Continues the last run when it has `style`, else closes it and opens an empty one.
    private mutating func startRun(_ style: TextRun.Style) {
        if self.style == style { return }
        closeRun()
        self.style = style
    }

    private mutating func closeRun() {
        guard let style else { return }
        runs.append(TextRun(String(decoding: bytes, as: UTF8.self), style: style))
        bytes.removeAll(keepingCapacity: true)
        self.style = nil
    }

    /// The runs, adjacent runs of one style merged.
    mutating func finish() -> [TextRun] {
        closeRun()
        return runs
    }

    /// All the text, styles ignored.
    mutating func plainText() -> String {
        finish().map(\.text).joined()
    }
}
