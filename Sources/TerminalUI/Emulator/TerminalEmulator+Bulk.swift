import CVTerm

/// Entering and feeding the bulk fast path (see `BulkLines`).
extension TerminalEmulator {
    /// Rows of plain lines worth taking the bulk path for: it costs about one screen of work.
    var bulkEntryRows: Int { 2 * rows + 16 }

    /// The cursor column when the cursor is on the bottom row and left of the last two columns;
    /// nil otherwise. libvterm does not report a pending wrap, which a character in the last
    /// column leaves (or a double-width one in the last two; then the cursor stays on its left
    /// half). Left of those columns, no wrap can be pending.
    var bulkEntryColumn: Int? {
        var position = VTermPos()
        vterm_state_get_cursorpos(state, &position)
        guard Int(position.row) == rows - 1, position.col >= 0, Int(position.col) < cols - 2 else { return nil }
        return Int(position.col)
    }

    /// The pen's style (as cells will show it) if the bottom row is blank in exactly that style.
    func blankBottomRowStyle() -> CellStyle? {
        var foreground: UInt32 = 0
        var background: UInt32 = 0
        let attributes = cvterm_pen_style(state, &foreground, &background)
        var pen = CellStyle(foreground: foreground, background: background, attributes: attributes)
        if screenReversed { pen = pen.togglingReverse() }
        var cell = VTermScreenCell()
        for column in 0..<cols {
            _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(rows - 1), col: Int32(column)), &cell)
            let isBlank = withUnsafePointer(to: &cell) { pointer in
                VTermCellReader.chars(pointer)[0] == 0 && CellStyle(cell: pointer) == pen
            }
            if !isBlank { return nil }
        }
        return pen
    }

    /// Rows above the cursor row go to scrollback now, as libvterm would push them; the bulk
    /// replay later skips those pushes.
    func copyRowsAboveCursorToScrollback() {
        for row in 0..<(rows - 1) {
            for column in 0..<cols {
                _ = vterm_screen_get_cell(screen, VTermPos(row: Int32(row), col: Int32(column)), rowBuffer + column)
            }
            scrollback.append(ScrollbackLine(cells: rowBuffer, count: cols))
        }
    }

    /// Takes plain lines from `start`; returns where the first other byte is (or the end).
    func consumeBulk(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard var lines = bulk else { return start }
        // Work on local copies (moved out, so no copy-on-write): no libvterm call happens here.
        var kept = ScrollbackBuffer(limit: 0)
        swap(&kept, &scrollback)
        bulk = nil
        defer {
            swap(&kept, &scrollback)
            bulk = lines
        }
        var index = start
        while index < input.count {
            switch BulkLines.scanLine(input, from: index) {
            case .line(let textEnd, let next, let crlf):
                lines.append(UnsafeBufferPointer(rebasing: input[index..<textEnd]), crlf: crlf, into: &kept)
                if textEnd > index { sanitizer.notePlainText() }
                index = next
            case .unfinished:
                lines.partial = Array(UnsafeBufferPointer(rebasing: input[index..<input.count]))
                if input[index] != 0x0D { sanitizer.notePlainText() }
                return input.count
            case .other:
                return index
            }
        }
        return index
    }
}
