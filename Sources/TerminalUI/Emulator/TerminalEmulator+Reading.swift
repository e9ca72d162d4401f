import CVTerm

/// The read side the UI draws from. Every read first brings libvterm up to date (`materialize()`).
extension TerminalEmulator {
    /// The cell at `row`, `col` of the visible screen; a blank cell when out of range.
    public func cell(row: Int, col: Int) -> TerminalCell {
        materialize()
        guard row >= 0, row < rows, col >= 0, col < cols else { return .blank }
        var cell = VTermScreenCell()
        var afterWide = false
        if col > 0 {
            _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(row), col: Int32(col - 1)), &cell)
            afterWide = withUnsafePointer(to: &cell) {
                VTermCellReader.width($0, first: VTermCellReader.chars($0)[0]) == 2
                    && VTermCellReader.chars($0)[0] != VTermCellReader.continuationMarker
            }
        }
        _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(row), col: Int32(col)), &cell)
        return withUnsafePointer(to: &cell) { VTermCellReader.terminalCell($0, afterWide: afterWide) }
    }

    /// All `cols` cells of one visible row; empty when out of range.
    public func line(_ row: Int) -> [TerminalCell] {
        materialize()
        guard row >= 0, row < rows else { return [] }
        var cells: [TerminalCell] = []
        cells.reserveCapacity(cols)
        var cell = VTermScreenCell()
        for column in 0..<cols {
            _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(row), col: Int32(column)), &cell)
            let afterWide = cells.last?.width == 2
            cells.append(withUnsafePointer(to: &cell) { VTermCellReader.terminalCell($0, afterWide: afterWide) })
        }
        return cells
    }

    /// Cursor position (0-based, inside the screen) and whether the program wants it shown.
    public var cursor: (row: Int, col: Int, visible: Bool) {
        materialize()
        var position = VTermPos()
        vterm_state_get_cursorpos(state, &position)
        let row = Int(position.row).clamped(to: 0...(rows - 1))
        let col = Int(position.col).clamped(to: 0...(cols - 1))
        return (row, col, cursorVisible)
    }

    /// Lines that scrolled off the top and are kept, at most the scrollback limit.
    public var scrollbackCount: Int {
        materialize()
        return scrollback.count
    }

    /// One scrollback line, 0 being the oldest kept, as wide as the screen was when it scrolled
    /// off; empty when out of range.
    public func scrollbackLine(_ index: Int) -> [TerminalCell] {
        materialize()
        guard index >= 0, index < scrollback.count else { return [] }
        return scrollback[index].cells
    }

    /// Rows changed since the last call, as sorted non-overlapping ranges, then cleared: the UI
    /// redraws only those. After a resize every row is reported.
    public func takeDamage() -> [Range<Int>] {
        materialize()
        vterm_screen_flush_damage(screen)
        return damage.take()
    }

    /// The last window title set with OSC 0 or OSC 2, control characters removed. It is stored
    /// here and never forwarded anywhere.
    public var title: String? { storedTitle }

    /// True while a full-screen program (`less`, `watch`, `vim`) uses the alternate screen
    /// (`ESC [ ? 1049 h` or `1047`). Lines never scroll into scrollback from it.
    public var isAlternateScreen: Bool { alternateScreen }

    /// Number of BEL characters seen (the UI may flash).
    public var bell: Int { bellCount }

    /// Approximate heap bytes held by scrollback (see `ScrollbackBuffer.approximateBytes`).
    public var scrollbackMemoryEstimate: Int { scrollback.approximateBytes }
}
