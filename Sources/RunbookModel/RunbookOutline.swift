/// The summary `runbook check` prints: a tree of sections with counts, and whole-runbook stats.
/// Its JSON form (snake_case keys) is a stable interface for scripts.
public struct RunbookOutline: Equatable, Sendable, Codable {
    public var title: String?
    public var path: String?
    public var metadata: [String: String]
    public var budget: TimeBudget?
    public var sections: [OutlineSection]
    public var alternativeGroups: [AlternativeGroup]
    public var stats: RunbookStats
    public var diagnostics: [Diagnostic]

    public init(_ runbook: Runbook) {
        title = runbook.title
        path = runbook.path
        metadata = runbook.metadataByKey
        budget = runbook.budget
        sections = runbook.sections.map(OutlineSection.init)
        alternativeGroups = runbook.alternativeGroups
        stats = RunbookStats(runbook)
        diagnostics = runbook.diagnostics
    }
}

/// Counts over a whole runbook. Keys are part of the `check --json` interface.
public struct RunbookStats: Equatable, Sendable, Codable {
    public var sections = 0
    public var commands = 0
    public var runnableBlocks = 0
    public var scripts = 0
    public var checklistItems = 0
    public var templates = 0
    public var tables = 0
    public var decisionTables = 0
    public var budgets = 0
    public var countdowns = 0
    public var dangerousCommands = 0
    public var manualSteps = 0
    public var fillIns = 0
    public var placeholders: [String] = []
    public var alternativeGroups = 0

    public init(_ runbook: Runbook) {
        budgets = runbook.budget == nil ? 0 : 1
        var seen = Set<String>()
        func count(_ blocks: [Block]) {
            for index in blocks.indices {
                switch blocks[index] {
                case .paragraph(let paragraph):
                    fillIns += paragraph.fillIns.count
                case .list(let list):
                    for item in list.items.indices {
                        checklistItems += list.items[item].isTask ? 1 : 0
                        fillIns += list.items[item].fillIns.count
                    }
                case .table(let table):
                    tables += 1
                    decisionTables += table.isDecision ? 1 : 0
                    budgets += table.budgets.count
                case .code(let code):
                    for item in code.embeddedChecklist.indices {
                        checklistItems += code.embeddedChecklist[item].isTask ? 1 : 0
                        budgets += code.embeddedChecklist[item].budget == nil ? 0 : 1
                    }
                    guard code.role == .runnable else {
                        templates += 1
                        continue
                    }
                    runnableBlocks += 1
                    scripts += code.isScript ? 1 : 0
                    manualSteps += code.manualSteps.count
                    commands += code.commands.count
                    for command in code.commands.indices {
                        dangerousCommands += code.commands[command].isDangerous ? 1 : 0
                        for placeholder in code.commands[command].placeholders where seen.insert(placeholder.name).inserted {
                            placeholders.append(placeholder.name)
                        }
                    }
                }
            }
        }
        func visit(_ section: Section) {
            sections += 1
            budgets += (section.budget == nil ? 0 : 1) + section.countdowns.count
            countdowns += section.countdowns.count
            count(section.blocks)
            section.children.forEach(visit)
        }
        count(runbook.preamble)
        runbook.sections.forEach(visit)
        alternativeGroups = runbook.alternativeGroups.count
    }
}

/// One section of the outline with its own counts (sub-sections excluded) and its commands.
public struct OutlineSection: Equatable, Sendable, Codable {
    public var id: String
    public var title: String
    public var level: Int
    public var line: Int
    public var budget: TimeBudget?
    public var countdowns: [TimeBudget]
    public var warning: String?
    public var commands: [OutlineCommand]
    public var checklistItems: Int
    public var templates: Int
    public var tables: Int
    public var decisionTables: Int
    public var manualSteps: Int
    public var children: [OutlineSection]

    public init(_ section: Section) {
        id = section.id
        title = section.title
        level = section.level
        line = section.line
        budget = section.budget
        countdowns = section.countdowns
        warning = section.warning
        commands = section.blocks.flatMap { block -> [OutlineCommand] in
            guard case .code(let code) = block else { return [] }
            return code.commands.map { OutlineCommand($0, isScript: code.isScript) }
        }
        let counts = SectionCounts(section.blocks)
        checklistItems = counts.checklistItems
        templates = counts.templates
        tables = counts.tables
        decisionTables = counts.decisionTables
        manualSteps = counts.manualSteps
        children = section.children.map(OutlineSection.init)
    }
}

/// A command as the outline lists it.
public struct OutlineCommand: Equatable, Sendable, Codable {
    public var line: Int
    public var endLine: Int
    public var label: String?
    public var text: String
    public var script: Bool
    public var dangers: [String]
    public var placeholders: [String]

    public init(_ command: Command, isScript: Bool) {
        line = command.line
        endLine = command.endLine
        label = command.label
        text = command.text
        script = isScript
        dangers = command.dangers.map(\.reason)
        placeholders = command.placeholders.map(\.token)
    }
}
