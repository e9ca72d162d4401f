import RunbookModel
import SessionEngine

/// Builds a `SectionDocument`: appends laid-out lines and records which lines each selectable item
/// takes. One builder per layout; the block kinds live in extensions (`+Heading`, `+Prose`, `+Code`,
/// `+Template`, `+Table`).
struct SectionLayout {
    /// Columns available; every line stays within it.
    let width: Int
    let state: SessionState
    /// The section whose blocks are being laid out (nil for the preamble).
    var sectionID: String?
    private(set) var lines: [StyledLine] = []
    private(set) var items: [SectionItem] = []
    private(set) var itemLines: [Range<Int>] = []
    /// For each item, the first line worth showing with it (a command's label above it).
    private(set) var itemContextStarts: [Int] = []
    /// Where the context of the next item starts, when lines that introduce it were just added.
    var pendingContext: Int?
    /// Ids of sub-sections that are options of one choice, by the id of their parent.
    var alternatives: [String: [String]] = [:]

    init(width: Int, state: SessionState) {
        self.width = width
        self.state = state
    }

    /// The index the next line gets.
    var nextLine: Int { lines.count }

    /// Adds one line (cut to the width if a caller got it wrong, so nothing ever spills over).
    mutating func add(_ line: StyledLine) {
        if line.width <= width {
            lines.append(line)
        } else {
            lines.append(TextWrapper.wrap(line.spans, mode: .verbatim, width: width).first ?? StyledLine())
        }
    }

    /// Adds one line of spans.
    mutating func add(_ spans: [StyledSpan]) { add(StyledLine(spans)) }

    /// Adds an empty line, unless the document is empty or already ends with one.
    mutating func blank() {
        guard let last = lines.last, !last.isEmpty else { return }
        lines.append(StyledLine())
    }

    /// Records `item` as taking the lines added since `start`.
    mutating func addItem(_ item: SectionItem, from start: Int) {
        items.append(item)
        let end = max(start, lines.count)
        itemLines.append(start..<end)
        itemContextStarts.append(min(pendingContext ?? start, start))
        pendingContext = nil
    }

    /// Wraps `spans` and adds the lines: `first` before the first line, `hard` before a line that
    /// follows a `"\n"`, `soft` before a wrapped continuation; each prefix narrows its lines.
    mutating func addWrapped(
        _ spans: [StyledSpan], mode: TextWrapper.Mode, first: StyledLine = StyledLine(),
        hard: StyledLine? = nil, soft: StyledLine? = nil
    ) {
        let hard = hard ?? soft ?? StyledLine.blank(first.width)
        let soft = soft ?? hard
        let wrapped = TextWrapper.wrap(
            spans, mode: mode, first: width - first.width, hard: width - hard.width, soft: width - soft.width)
        for piece in wrapped {
            var line: StyledLine
            switch piece.kind {
            case .first: line = first
            case .hardBreak: line = hard
            case .softWrap: line = soft
            }
            line.append(contentsOf: piece.line)
            add(line)
        }
    }

    /// Puts `text` after the last line when it fits two columns after it, else on a line of its own
    /// starting at `indent`.
    mutating func addTrailing(_ text: String, _ role: ThemeRole, indent: Int) {
        let textWidth = text.displayWidth
        if let last = lines.indices.last, !lines[last].isEmpty, lines[last].width + 2 + textWidth <= width {
            lines[last].append("  " + text, role)
        } else {
            addWrapped([StyledSpan(text, role)], mode: .prose, first: .blank(indent))
        }
    }

    /// The finished document parts.
    func finish() -> (lines: [StyledLine], items: [SectionItem], itemLines: [Range<Int>], contexts: [Int]) {
        var lines = lines
        while lines.last?.isEmpty == true { lines.removeLast() }
        let count = lines.count
        let itemLines = itemLines.map { range in
            min(range.lowerBound, count)..<min(range.upperBound, count)
        }
        return (lines, items, itemLines, itemContextStarts.map { min($0, count) })
    }
}

extension StyledLine {
    /// A line of `count` blanks (used as an indentation prefix).
    static func blank(_ count: Int) -> StyledLine {
        count > 0 ? StyledLine([StyledSpan(String(repeating: " ", count: count), .normal)]) : StyledLine()
    }
}
