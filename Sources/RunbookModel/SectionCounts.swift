/// What `runbook check` counts in one section's own blocks (sub-sections excluded). Shared by the
/// outline's JSON form (`OutlineSection`) and its text form, so both always agree.
public struct SectionCounts: Equatable, Sendable {
    /// Runnable commands (a script counts as one).
    public var commands = 0
    /// Commands with at least one danger reason.
    public var dangerousCommands = 0
    /// `- [ ]` items, including those inside a Markdown template.
    public var checklistItems = 0
    /// Code blocks that are shown but never run.
    public var templates = 0
    public var tables = 0
    public var decisionTables = 0
    /// Stand-alone `# comment` groups in runnable blocks.
    public var manualSteps = 0

    public init(_ blocks: [Block]) {
        for index in blocks.indices {
            switch blocks[index] {
            case .list(let list):
                checklistItems += list.items.reduce(0) { $0 + ($1.isTask ? 1 : 0) }
            case .table(let table):
                tables += 1
                decisionTables += table.isDecision ? 1 : 0
            case .code(let code):
                checklistItems += code.embeddedChecklist.reduce(0) { $0 + ($1.isTask ? 1 : 0) }
                if code.role == .template {
                    templates += 1
                } else {
                    manualSteps += code.manualSteps.count
                }
                commands += code.commands.count
                for command in code.commands.indices where !code.commands[command].dangers.isEmpty {
                    dangerousCommands += 1
                }
            case .paragraph:
                break
            }
        }
    }
}
