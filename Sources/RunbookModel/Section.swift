/// A heading of the runbook with the blocks under it and its sub-headings, at any depth.
public struct Section: Equatable, Sendable, Identifiable {
    /// Position in the tree as dotted 1-based indexes ("2", "2.3", "2.3.1"); stable for one source text.
    public var id: String
    /// Heading text with Markdown emphasis removed and mojibake repaired.
    public var title: String
    /// Heading level, 1...6.
    public var level: Int
    /// Line of the heading.
    public var line: Int
    /// Budget from the heading ("(2-5 minutes)") or from a labelled line in the section ("Rollback Time: 1-2 minutes").
    public var budget: TimeBudget?
    /// Countdowns the section asks for ("Monitor for 5-10 minutes").
    public var countdowns: [TimeBudget]
    /// A warning from the section's own prose ("DANGEROUS - Only if ..."); it applies to sub-sections too.
    public var warning: String?
    /// The blocks directly under the heading, in source order.
    public var blocks: [Block]
    /// Sub-sections in source order.
    public var children: [Section]

    public init(
        id: String, title: String, level: Int, line: Int, budget: TimeBudget? = nil,
        countdowns: [TimeBudget] = [], warning: String? = nil, blocks: [Block] = [], children: [Section] = []
    ) {
        self.id = id
        self.title = title
        self.level = level
        self.line = line
        self.budget = budget
        self.countdowns = countdowns
        self.warning = warning
        self.blocks = blocks
        self.children = children
    }

    /// Commands directly in this section (not in sub-sections).
    public var commands: [Command] { blocks.flatMap(\.commands) }
}
