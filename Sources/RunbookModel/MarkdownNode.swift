/// The block structure cmark-gfm found, copied out of C memory into values the model builder reads.
indirect enum MarkdownNode: Equatable, Sendable {
    case heading(level: Int, runs: [TextRun], line: Int)
    case paragraph(runs: [TextRun], line: Int)
    case code(info: String, literal: String, line: Int, fenced: Bool)
    case list(ordered: Bool, items: [MarkdownItem], line: Int)
    /// Rows of cell text; the first row is the header.
    case table(rows: [[String]], line: Int)
    case quote(children: [MarkdownNode], line: Int)
}

/// One list item: its task state and the blocks inside it (paragraphs, nested lists, code).
struct MarkdownItem: Equatable, Sendable {
    var line: Int
    var isTask: Bool
    var isChecked: Bool
    var children: [MarkdownNode]
}
