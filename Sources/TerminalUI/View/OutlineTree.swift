import Foundation
import RunbookModel

/// One visible row of the outline: a section (or the runbook's overview) at its depth.
public struct OutlineEntry: Equatable, Sendable {
    /// The section's id; nil for the overview row (title, metadata, preamble).
    public var sectionID: String?
    public var title: String
    public var depth: Int
    public var hasChildren: Bool
    public var isCollapsed: Bool
    public var budget: TimeBudget?
}

/// The outline's rows for a runbook with some sections collapsed: the overview first (when the runbook
/// has a title or a preamble), then sections depth first, children of collapsed sections left out.
public enum OutlineTree {
    public static func entries(_ runbook: Runbook, collapsed: Set<String>) -> [OutlineEntry] {
        var result: [OutlineEntry] = []
        if runbook.title != nil || !runbook.preamble.isEmpty || runbook.sections.isEmpty {
            result.append(OutlineEntry(
                sectionID: nil, title: "Overview", depth: 0, hasChildren: false, isCollapsed: false,
                budget: runbook.budget))
        }
        func visit(_ section: Section, depth: Int) {
            let isCollapsed = collapsed.contains(section.id)
            result.append(OutlineEntry(
                sectionID: section.id, title: section.title.isEmpty ? "(untitled)" : shortTitle(section), depth: depth,
                hasChildren: !section.children.isEmpty, isCollapsed: isCollapsed, budget: section.budget))
            if !isCollapsed { for child in section.children { visit(child, depth: depth + 1) } }
        }
        for section in runbook.sections { visit(section, depth: 0) }
        return result
    }

    /// The title without a trailing "(2-5 minutes)" when the budget column shows it anyway.
    static func shortTitle(_ section: Section) -> String {
        guard let budget = section.budget, !budget.text.isEmpty, section.title.hasSuffix(")"),
              let open = section.title.lastIndex(of: "(") else { return section.title }
        let inside = section.title[section.title.index(after: open)..<section.title.index(before: section.title.endIndex)]
        guard inside.contains(budget.text) else { return section.title }
        let short = section.title[..<open].trimmingCharacters(in: .whitespaces)
        return short.isEmpty ? section.title : short
    }

    /// The section with `id` anywhere in the tree.
    public static func section(_ id: String, in runbook: Runbook) -> Section? {
        func find(_ sections: [Section]) -> Section? {
            for section in sections {
                if section.id == id { return section }
                if id.hasPrefix(section.id + "."), let found = find(section.children) { return found }
            }
            return nil
        }
        return find(runbook.sections)
    }

    /// Ids of the ancestors of `id` ("2.1.3" → "2", "2.1").
    public static func ancestors(of id: String) -> [String] {
        let parts = id.split(separator: ".")
        guard parts.count > 1 else { return [] }
        return (1..<parts.count).map { parts[0..<$0].joined(separator: ".") }
    }

    /// Sections nested deeper than `depth` start collapsed on big runbooks, so the outline fits.
    public static func initiallyCollapsed(_ runbook: Runbook, maxRows: Int) -> Set<String> {
        var collapsed: Set<String> = []
        if entries(runbook, collapsed: collapsed).count <= maxRows { return collapsed }
        for section in runbook.allSections where section.level >= 3 && !section.children.isEmpty {
            collapsed.insert(section.id)
        }
        return collapsed
    }
}
