import RunbookModel

/// A selectable thing in the section pane, in document order.
public enum SectionItem: Equatable, Sendable {
    /// Header of a runnable code block with two or more commands: Enter runs them all, in order.
    case block(sectionID: String?, commands: [Command], line: Int)
    /// One runnable command.
    case command(sectionID: String?, command: Command)
    /// A checklist item (a `- [ ]` task, in prose or inside a Markdown template).
    case checkItem(sectionID: String?, item: ListItem)

    /// Source line of the item (stable for one source text).
    public var line: Int {
        switch self {
        case .block(_, _, let line): line
        case .command(_, let command): command.line
        case .checkItem(_, let item): item.line
        }
    }

    /// The section the item belongs to (nil for the runbook's preamble).
    public var sectionID: String? {
        switch self {
        case .block(let id, _, _), .command(let id, _), .checkItem(let id, _): id
        }
    }

    /// The text `/` search looks at: the command with its label and note, or the item's text. A block
    /// header has none, so a search lands on the matching command rather than on its block.
    public var searchText: String {
        switch self {
        case .block: ""
        case .command(_, let command): [command.label, command.text, command.note].compactMap { $0 }.joined(separator: "\n")
        case .checkItem(_, let item): item.text
        }
    }
}
