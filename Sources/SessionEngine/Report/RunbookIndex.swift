import RunbookModel

/// The runbook looked up by the ids the log uses: sections by dotted id, checklist items by "L<line>";
/// and what of it was left undone in a session.
struct RunbookIndex {
    let runbook: Runbook
    let sections: [String: Section]
    let itemTexts: [String: String]

    init(runbook: Runbook) {
        self.runbook = runbook
        var sections: [String: Section] = [:]
        var texts: [String: String] = [:]
        for section in runbook.allSections {
            if sections[section.id] == nil { sections[section.id] = section }
            for item in section.blocks.flatMap(\.checklistItems) { texts[Session.itemID(item)] = item.text }
        }
        for item in runbook.preamble.flatMap(\.checklistItems) { texts[Session.itemID(item)] = item.text }
        self.sections = sections
        self.itemTexts = texts
    }

    /// Commands directly in the entered `sections` that never started.
    func notRun(sections entered: [SectionSummary], state: SessionState) -> [RunbookItemRef] {
        entered.flatMap { summary -> [RunbookItemRef] in
            guard let section = sections[summary.id] else { return [] }
            return section.commands.filter { state.commands[Session.commandID($0)] == nil }.map {
                RunbookItemRef(id: Session.commandID($0), line: $0.line, sectionID: section.id,
                               sectionTitle: summary.title, text: $0.text)
            }
        }
    }

    /// Checklist items directly in the entered `sections` not ticked at the end.
    func unchecked(sections entered: [SectionSummary], state: SessionState) -> [RunbookItemRef] {
        entered.flatMap { summary -> [RunbookItemRef] in
            guard let section = sections[summary.id] else { return [] }
            return section.blocks.flatMap(\.checklistItems).filter { !state.checked.contains(Session.itemID($0)) }.map {
                RunbookItemRef(id: Session.itemID($0), line: $0.line, sectionID: section.id,
                               sectionTitle: summary.title, text: $0.text)
            }
        }
    }

    /// Members of each choice of alternatives that were not entered while another member was.
    func alternativesNotTaken(entered: Set<String>) -> [AlternativeNotTaken] {
        runbook.alternativeGroups.flatMap { group -> [AlternativeNotTaken] in
            let taken = group.sectionIDs.filter(entered.contains)
            guard !taken.isEmpty else { return [] }
            return group.sectionIDs.filter { !entered.contains($0) }.map {
                AlternativeNotTaken(sectionID: $0, title: sections[$0]?.title ?? "", takenSectionIDs: taken)
            }
        }
    }
}
