import RunbookModel
import SessionEngine

/// The selected section (with its sub-sections, their headings drawn) — or, for `sectionID` nil, the
/// runbook's title, metadata and preamble — laid out for a pane `width` columns wide.
///
/// A value: lay it out again when the width, the section or the session state changes, and keep it
/// otherwise. Every line fits the width (widths below `minimumWidth` are laid out at that width and
/// clipped when drawn).
public struct SectionDocument: Sendable {
    /// Narrowest width the layout works at.
    public static let minimumWidth = 10

    /// The laid-out lines, top to bottom.
    public var lines: [StyledLine]
    /// The selectable things, in document order.
    public var items: [SectionItem]
    /// The document lines each item occupies (parallel to `items`).
    public var itemLines: [Range<Int>]
    /// For each item, the first line to bring into view with it (a command's label above it).
    var contextStarts: [Int]
    /// The width the document was laid out for.
    public let width: Int

    /// Lays out `sectionID` of `runbook` (nil: the title page) with the checks and command runs of `state`.
    public init(runbook: Runbook, sectionID: String?, width: Int, state: SessionState) {
        self.width = max(width, Self.minimumWidth)
        var layout = SectionLayout(width: self.width, state: state)
        for group in runbook.alternativeGroups {
            if let parent = group.parentID { layout.alternatives[parent, default: []] += group.sectionIDs }
        }
        if let sectionID {
            if let section = Self.find(sectionID, in: runbook.sections) {
                layout.addSection(section, inheritedWarning: Self.parentWarning(of: sectionID, in: runbook.sections))
            } else {
                layout.addMissing(sectionID)
            }
        } else {
            layout.addPreamble(of: runbook)
        }
        (lines, items, itemLines, contextStarts) = layout.finish()
    }

    /// The section with `id`, searched along the dotted path and then, for odd ids, the whole tree.
    static func find(_ id: String, in sections: [Section]) -> Section? {
        var level = sections
        var found: Section?
        var prefix = ""
        for part in id.split(separator: ".") {
            prefix = prefix.isEmpty ? String(part) : prefix + "." + part
            guard let next = level.first(where: { $0.id == prefix }) else { found = nil; break }
            found = next
            level = next.children
        }
        if let found, found.id == id { return found }
        for section in sections {
            if section.id == id { return section }
            if let deeper = find(id, in: section.children) { return deeper }
        }
        return nil
    }

    /// The warning of the nearest ancestor of `id` that has one (already shown above it in the tree).
    static func parentWarning(of id: String, in sections: [Section]) -> String? {
        var parts = id.split(separator: ".").map(String.init)
        while parts.count > 1 {
            parts.removeLast()
            if let warning = find(parts.joined(separator: "."), in: sections)?.warning { return warning }
        }
        return nil
    }
}
