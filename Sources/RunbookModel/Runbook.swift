/// A Markdown runbook read into values: title, metadata, a tree of sections and the diagnostics found
/// while reading it. Line numbers are 1-based lines of the source file.
public struct Runbook: Equatable, Sendable {
    /// The file the runbook was read from, as given by the caller (nil for in-memory text).
    public var path: String?
    /// The text of the first H1 heading, or nil when the runbook has none.
    public var title: String?
    /// Line of the title heading.
    public var titleLine: Int?
    /// Front-matter keys and the bold `**Key:** value` lines the runbook opens with, in source order.
    public var metadata: [MetadataEntry]
    /// A budget for the whole runbook ("**Duration**: 5 minutes - 2 hours").
    public var budget: TimeBudget?
    /// Blocks before the first section heading (after the title).
    public var preamble: [Block]
    /// The top-level sections (H2s under the title, or any heading level the runbook starts with).
    public var sections: [Section]
    /// Groups of sibling sections that are options of one choice ("Option A/B", platform lists).
    public var alternativeGroups: [AlternativeGroup]
    /// Warnings found while reading (repaired encoding, no runnable command, ...).
    public var diagnostics: [Diagnostic]

    public init(
        path: String? = nil, title: String? = nil, titleLine: Int? = nil, metadata: [MetadataEntry] = [],
        budget: TimeBudget? = nil, preamble: [Block] = [], sections: [Section] = [],
        alternativeGroups: [AlternativeGroup] = [], diagnostics: [Diagnostic] = []
    ) {
        self.path = path
        self.title = title
        self.titleLine = titleLine
        self.metadata = metadata
        self.budget = budget
        self.preamble = preamble
        self.sections = sections
        self.alternativeGroups = alternativeGroups
        self.diagnostics = diagnostics
    }

    /// The value of the first metadata entry whose key matches `key`, ignoring case.
    public func metadataValue(_ key: String) -> String? {
        let wanted = key.lowercased()
        return metadata.first { $0.key.lowercased() == wanted }?.value
    }

    /// Metadata as a dictionary; for a key given twice, the first entry wins.
    public var metadataByKey: [String: String] {
        Dictionary(metadata.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every section of the tree, depth first, in source order.
    public var allSections: [Section] {
        var result: [Section] = []
        func visit(_ section: Section) {
            result.append(section)
            section.children.forEach(visit)
        }
        sections.forEach(visit)
        return result
    }

    /// True when at least one block has a runnable command.
    public var hasCommands: Bool {
        func any(_ blocks: [Block]) -> Bool {
            blocks.contains { if case .code(let code) = $0 { return !code.commands.isEmpty } else { return false } }
        }
        func visit(_ section: Section) -> Bool { any(section.blocks) || section.children.contains(where: visit) }
        return any(preamble) || sections.contains(where: visit)
    }

    /// Every runnable command of the runbook in source order (preamble first).
    public var allCommands: [Command] {
        preamble.flatMap(\.commands) + allSections.flatMap { $0.blocks.flatMap(\.commands) }
    }
}

/// One `key: value` pair of front matter or of a bold `**Key:** value` line.
public struct MetadataEntry: Equatable, Sendable, Codable {
    /// Where the entry came from.
    public enum Origin: String, Sendable, Codable { case frontMatter = "front-matter", boldLine = "bold-line" }
    public var key: String
    public var value: String
    public var line: Int
    public var origin: Origin

    public init(key: String, value: String, line: Int, origin: Origin) {
        self.key = key
        self.value = value
        self.line = line
        self.origin = origin
    }
}

/// Sibling sections that are alternatives of one choice: the operator follows one of them.
public struct AlternativeGroup: Equatable, Sendable, Codable {
    /// Why the sections were grouped.
    public enum Reason: String, Sendable, Codable {
        case optionLabels = "option-labels"
        case viaLabels = "via-labels"
        case platforms
        case chooserParent = "chooser-parent"
    }
    /// Id of the parent section (nil for top-level sections).
    public var parentID: String?
    /// Ids of the member sections, in source order.
    public var sectionIDs: [String]
    public var reason: Reason

    public init(parentID: String?, sectionIDs: [String], reason: Reason) {
        self.parentID = parentID
        self.sectionIDs = sectionIDs
        self.reason = reason
    }
}
