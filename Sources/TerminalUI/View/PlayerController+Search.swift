import RunbookModel

extension PlayerController {
    /// `/`: finds `query` (case-insensitive) in section titles and text, starting after the section
    /// shown now and wrapping around; selects that section, expands its ancestors, and scrolls the
    /// section pane to the first matching line.
    func search(_ query: String) {
        let query = query.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { show("Type something to search for."); return }
        view.lastSearch = query
        let needle = query.lowercased()
        let sections = runbook.allSections
        let startIndex = (shownSectionID.flatMap { id in sections.firstIndex { $0.id == id } } ?? -1) + 1
        let order = Array(sections[min(startIndex, sections.count)...]) + Array(sections[..<min(startIndex, sections.count)])
        guard let hit = order.first(where: { SectionSearchText.of($0).contains(needle) }) else {
            show("Not found: \(query)", isError: true)
            return
        }
        for ancestor in OutlineTree.ancestors(of: hit.id) { view.collapsed.remove(ancestor) }
        rebuildEntries()
        guard let index = entries.firstIndex(where: { $0.sectionID == hit.id }) else { return }
        view.outlineSelected = index
        selectFirstItem()
        if let line = document.line(matching: query) {
            view.sectionScroll = max(0, line - 1)
            if let item = document.item(atLine: line) ?? document.itemLines.firstIndex(where: { $0.lowerBound >= line }) {
                view.sectionSelected = item
            }
        }
        view.focus = .section
        clampScrolls()
        let wrapped = sections.firstIndex(where: { $0.id == hit.id }).map { $0 < startIndex } ?? false
        show((wrapped ? "Search wrapped: " : "Found: ") + "\(hit.id) \(hit.title)")
    }
}

/// The searchable text of a section's own heading and blocks, lower-cased.
enum SectionSearchText {
    static func of(_ section: Section) -> String {
        var parts = [section.title]
        for block in section.blocks {
            switch block {
            case .paragraph(let paragraph): parts.append(paragraph.text)
            case .list(let list): parts.append(contentsOf: list.items.map(\.text))
            case .table(let table): parts.append(contentsOf: table.header + table.rows.flatMap { $0 })
            case .code(let code): parts.append(code.body)
            }
        }
        return parts.joined(separator: "\n").lowercased()
    }
}
