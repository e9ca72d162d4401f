extension SectionDocument {
    /// The scroll offset that keeps `item` visible in a pane `height` rows tall, starting from `scroll`:
    /// unchanged when the item is already in view, otherwise moved as little as possible (like less
    /// or vim). Moving up also brings the lines that introduce the item (a command's label) into view;
    /// an item taller than the pane shows its top.
    public func scroll(toShow item: Int, from scroll: Int, height: Int) -> Int {
        let height = max(1, height)
        let maxScroll = max(0, lines.count - height)
        var scroll = min(max(0, scroll), maxScroll)
        guard itemLines.indices.contains(item) else { return scroll }
        let range = itemLines[item]
        let top = min(contextStarts[item], range.lowerBound)
        if range.lowerBound < scroll {
            scroll = range.upperBound - top <= height ? top : range.lowerBound
        } else if range.upperBound > scroll + height {
            scroll = min(range.upperBound - height, range.lowerBound)
        }
        return min(max(0, scroll), maxScroll)
    }

    /// Index of the first item at or after `start` whose text (command, label, note, checklist text)
    /// contains `query`, ignoring case; with `wrapping`, the search goes on from the first item.
    public func item(matching query: String, from start: Int = 0, wrapping: Bool = false) -> Int? {
        let needle = query.lowercased()
        guard !needle.isEmpty, !items.isEmpty else { return nil }
        return Self.first(in: items.indices, from: start, wrapping: wrapping) { items[$0].searchText.lowercased().contains(needle) }
    }

    /// Index of the first document line at or after `start` whose text contains `query`, ignoring case
    /// (for `/` in prose); with `wrapping`, the search goes on from the top.
    public func line(matching query: String, from start: Int = 0, wrapping: Bool = false) -> Int? {
        let needle = query.lowercased()
        guard !needle.isEmpty, !lines.isEmpty else { return nil }
        return Self.first(in: lines.indices, from: start, wrapping: wrapping) { lines[$0].text.lowercased().contains(needle) }
    }

    /// The item whose lines include document line `line`, if any.
    public func item(atLine line: Int) -> Int? {
        itemLines.firstIndex { $0.contains(line) }
    }

    /// The item that starts at source line `sourceLine` (to keep the selection across a new layout).
    public func item(atSourceLine sourceLine: Int) -> Int? {
        items.firstIndex { $0.line == sourceLine }
    }

    private static func first(
        in indices: Range<Int>, from start: Int, wrapping: Bool, where matches: (Int) -> Bool
    ) -> Int? {
        let start = min(max(0, start), indices.upperBound)
        if let found = (start..<indices.upperBound).first(where: matches) { return found }
        guard wrapping else { return nil }
        return (0..<start).first(where: matches)
    }
}
