import RunbookModel

/// Which commands a non-interactive run executes, in order: all runnable commands (or those of the
/// sections matching the filters, with their sub-sections), skipping blocks marked
/// `excludeFromRunAll`, and taking only the first section of each group of alternatives unless a
/// filter names another one (running every rollback method in turn is never what an operator means).
public struct RunPlan: Equatable, Sendable {
    /// One command to run, with the section it belongs to.
    public struct Step: Equatable, Sendable {
        public var section: Section?
        public var command: Command
    }

    public var steps: [Step]
    /// Sections left out because another alternative of their group runs instead.
    public var skippedAlternatives: [Section]
    /// Commands left out because their block says `excludeFromRunAll`.
    public var excluded: [Command]
    /// Filters that matched no section.
    public var unmatchedFilters: [String]

    /// Builds the plan. A filter matches a section whose id equals it ("2.1") or whose title
    /// contains it, ignoring case.
    public init(runbook: Runbook, sectionFilters: [String] = []) {
        steps = []
        skippedAlternatives = []
        excluded = []
        let all = runbook.allSections
        let lowered = sectionFilters.map { $0.lowercased() }
        func matches(_ section: Section, _ filter: String) -> Bool {
            section.id == filter || section.title.lowercased().containsSubstring(filter)
        }
        unmatchedFilters = zip(sectionFilters, lowered).filter { _, filter in !all.contains { matches($0, filter) } }.map(\.0)

        var selected = Set<String>()
        func select(_ section: Section) {
            selected.insert(section.id)
            section.children.forEach(select)
        }
        if sectionFilters.isEmpty {
            all.forEach { selected.insert($0.id) }
        } else {
            for section in all where lowered.contains(where: { matches(section, $0) }) { select(section) }
        }
        // Alternatives: unless a filter chose members of the group, keep only the first member.
        var dropped = Set<String>()
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for group in runbook.alternativeGroups {
            let chosen = group.sectionIDs.filter { id in
                guard let section = byID[id] else { return false }
                return lowered.contains { matches(section, $0) }
            }
            let keep = chosen.isEmpty ? Array(group.sectionIDs.prefix(1)) : chosen
            for id in group.sectionIDs where !keep.contains(id) {
                guard let section = byID[id] else { continue }
                func drop(_ section: Section) {
                    dropped.insert(section.id)
                    section.children.forEach(drop)
                }
                if selected.contains(id) { skippedAlternatives.append(section) }
                drop(section)
            }
        }
        func add(_ section: Section?, _ command: Command) {
            if command.fence.excludeFromRunAll {
                excluded.append(command)
            } else {
                steps.append(Step(section: section, command: command))
            }
        }
        if sectionFilters.isEmpty {
            for command in runbook.preamble.flatMap(\.commands) { add(nil, command) }
        }
        for section in all where selected.contains(section.id) && !dropped.contains(section.id) {
            for command in section.commands { add(section, command) }
        }

    }
}

extension String {
    /// Plain substring test (no locale, no patterns).
    func containsSubstring(_ other: String) -> Bool {
        other.isEmpty || firstRange(of: other) != nil
    }
}
