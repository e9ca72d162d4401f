/// One body element of a section, in source order.
public enum Block: Equatable, Sendable {
    case paragraph(Paragraph)
    case list(ListBlock)
    case table(Table)
    case code(CodeBlock)

    /// Line where the block starts.
    public var line: Int {
        switch self {
        case .paragraph(let p): p.line
        case .list(let l): l.line
        case .table(let t): t.line
        case .code(let c): c.line
        }
    }

    /// Runnable commands in the block (empty unless it is a runnable code block).
    public var commands: [Command] {
        if case .code(let code) = self { return code.commands }
        return []
    }

    /// Runs `body` on the block's `CodeBlock` in place; other blocks are left alone.
    mutating func updateCode(_ body: (inout CodeBlock) -> Void) {
        guard case .code(var code) = self else { return }
        self = .list(ListBlock(line: 0, ordered: false, items: []))   // drops the enum's copy: `code` is unique
        body(&code)
        self = .code(code)
    }

    /// Checklist items in the block, including those inside a Markdown template.
    public var checklistItems: [ListItem] {
        switch self {
        case .list(let list): list.items.filter(\.isTask)
        case .code(let code): code.embeddedChecklist.filter(\.isTask)
        default: []
        }
    }
}

/// A styled piece of inline text.
public struct TextRun: Equatable, Sendable, Codable {
    /// Inline styles that survive into the player.
    public struct Style: OptionSet, Equatable, Sendable, Codable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let strong = Style(rawValue: 1)
        public static let emphasis = Style(rawValue: 2)
        public static let code = Style(rawValue: 4)
        public static let link = Style(rawValue: 8)
        public static let strikethrough = Style(rawValue: 16)
    }
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = []) {
        self.text = text
        self.style = style
    }
}

/// Prose: a paragraph with its inline styles; line breaks are "\n" inside runs.
public struct Paragraph: Equatable, Sendable {
    public var line: Int
    public var runs: [TextRun]
    /// Blanks to fill in found in the paragraph ("Error rate: ____%").
    public var fillIns: [FillInField]

    public init(line: Int, runs: [TextRun], fillIns: [FillInField] = []) {
        self.line = line
        self.runs = runs
        self.fillIns = fillIns
    }

    /// The paragraph as plain text, emphasis removed.
    public var text: String { runs.map(\.text).joined() }
}

/// A bullet or numbered list; task items make it a checklist. Nested items are flattened with a depth.
public struct ListBlock: Equatable, Sendable {
    public var line: Int
    public var ordered: Bool
    public var items: [ListItem]

    public init(line: Int, ordered: Bool, items: [ListItem]) {
        self.line = line
        self.ordered = ordered
        self.items = items
    }

    /// True when at least one item is a `- [ ]` task.
    public var isChecklist: Bool { items.contains(where: \.isTask) }
}

/// One list item: plain, or a GFM task (`- [ ]` / `- [x]`).
public struct ListItem: Equatable, Sendable {
    public var line: Int
    /// 0 for top-level items, 1 for items nested once, ...
    public var depth: Int
    public var isTask: Bool
    public var isChecked: Bool
    /// The item's own text (its first paragraphs), without nested items.
    public var runs: [TextRun]
    /// Blanks to fill in ("Error rate: ____%").
    public var fillIns: [FillInField]
    /// For a group heading inside a checklist template ("Immediate (< 5 minutes)"): its time budget.
    public var budget: TimeBudget?

    public init(
        line: Int, depth: Int, isTask: Bool, isChecked: Bool, runs: [TextRun], fillIns: [FillInField] = [],
        budget: TimeBudget? = nil
    ) {
        self.line = line
        self.depth = depth
        self.isTask = isTask
        self.isChecked = isChecked
        self.runs = runs
        self.fillIns = fillIns
        self.budget = budget
    }

    public var text: String { runs.map(\.text).joined() }
}

/// A GFM table; `isDecision` marks Condition/Action-style tables.
public struct Table: Equatable, Sendable {
    public var line: Int
    public var header: [String]
    public var rows: [[String]]
    public var isDecision: Bool
    /// Budgets found in cells ("RTO < 5 min"), with the row index (0-based, header excluded).
    public var budgets: [RowBudget]

    /// A budget found in one table row.
    public struct RowBudget: Equatable, Sendable {
        public var row: Int
        public var budget: TimeBudget
        public init(row: Int, budget: TimeBudget) {
            self.row = row
            self.budget = budget
        }
    }

    public init(line: Int, header: [String], rows: [[String]], isDecision: Bool = false, budgets: [RowBudget] = []) {
        self.line = line
        self.header = header
        self.rows = rows
        self.isDecision = isDecision
        self.budgets = budgets
    }
}
