import CCmarkGFM

/// Parses Markdown with cmark-gfm (tables, task lists, strikethrough, autolinks) into `MarkdownNode`s.
enum MarkdownReader {
    /// Parses `text`; `lineOffset` is added to every line number (for Markdown embedded in a code block).
    static func read(_ text: String, lineOffset: Int = 0) -> [MarkdownNode] {
        var copy = text
        let document: OpaquePointer? = copy.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { rb_parse_gfm($0.baseAddress, $0.count) }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        return Converter(lineOffset: lineOffset).blocks(under: document)
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
                    cells.append(inlines(currentCell).map(\.text).joined())
                    cell = cmark_node_next(currentCell)
                }
                rows.append(cells)
                row = cmark_node_next(current)
            }
            return .table(rows: rows, line: line(node))
        }

        /// The inline children of `node` as styled runs; adjacent runs of one style are merged.
        func inlines(_ node: OpaquePointer) -> [TextRun] {
            var runs: [TextRun] = []
            appendInlines(of: node, style: [], to: &runs)
            return runs
        }

        private func appendInlines(of parent: OpaquePointer, style: TextRun.Style, to runs: inout [TextRun]) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                defer { child = cmark_node_next(node) }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT, CMARK_NODE_HTML_INLINE:
                    append(literal(node), style: style, to: &runs)
                case CMARK_NODE_CODE:
                    append(literal(node), style: style.union(.code), to: &runs)
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    append("\n", style: style, to: &runs)
                case CMARK_NODE_EMPH:
                    appendInlines(of: node, style: style.union(.emphasis), to: &runs)
                case CMARK_NODE_STRONG:
                    appendInlines(of: node, style: style.union(.strong), to: &runs)
                case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                    appendInlines(of: node, style: style.union(.link), to: &runs)
                default:
                    if rb_node_type_is(node, "strikethrough") != 0 {
                        appendInlines(of: node, style: style.union(.strikethrough), to: &runs)
                    } else {
                        appendInlines(of: node, style: style, to: &runs)
                    }
                }
            }
        }

        private func literal(_ node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        private func append(_ text: String, style: TextRun.Style, to runs: inout [TextRun]) {
            if let last = runs.last, last.style == style {
                runs[runs.count - 1].text += text
            } else {
                runs.append(TextRun(text, style: style))
            }
        }
    }
}
