import CVTerm

/// Resizing, and repairing what libvterm 0.1.4 leaves broken by it.
extension TerminalEmulator {
    /// Changes the screen size (clamped to 1...1000 rows, 2...1000 columns).
    ///
    /// libvterm 0.1.4 does not reflow. Fewer rows: on the main screen, lines at the top move into
    /// scrollback so the cursor row and anything written below it stay visible. More rows: lines
    /// come back from scrollback at the top (main screen only), the rest is blank. Fewer columns:
    /// each row is cut at the right edge and the cut text is lost (it does not wrap or go to
    /// scrollback). More columns: rows gain blank cells. Scrollback lines keep the width they had.
    /// The cursor stays inside the screen; every row is reported damaged. As in xterm, the scroll
    /// region and left/right margins reset to the whole screen; an escape sequence the program
    /// was in the middle of is dropped.
    public func resize(rows newRows: Int, cols newCols: Int) {
        let newRows = newRows.clamped(to: Self.rowRange)
        let newCols = newCols.clamped(to: Self.columnRange)
        guard newRows != rows || newCols != cols else { return }
        materialize()
        vterm_set_size(vterm, Int32(newRows), Int32(newCols))
        vterm_screen_flush_damage(screen)
        rows = newRows
        if newCols != cols {
            rowBuffer.deallocate()
            rowBuffer = .allocate(capacity: newCols)
            cols = newCols
        }
        repairAfterResize()
        damage.reset(rows: newRows)
    }

    /// Fixes state libvterm 0.1.4 leaves broken by a resize, using only ordinary sequences:
    ///
    /// - Margins: a top margin below the new last row (or a left margin right of the new last
    ///   column) makes the next line feed memmove a negative size. Like xterm, a resize resets the
    ///   scroll region and left/right margins to the whole screen.
    /// - Saved cursor (DECSC, mode 1049): libvterm does not clamp it, and restoring it later
    ///   writes out of bounds. It is restored, clamped and saved again, keeping its pen and modes.
    ///
    /// An escape sequence the program was in the middle of is cancelled and dropped whole.
    /// The cursor position, pen and cursor modes in use are put back afterwards.
    func repairAfterResize() {
        if sanitizer.cancelSequence() {
            // The program was in the middle of an escape sequence: it is dropped whole.
            [UInt8(0x18)].withUnsafeBufferPointer { write($0) }
        }
        var position = VTermPos()
        vterm_state_get_cursorpos(state, &position)
        let pen = PenSnapshot(state: state)
        let visible = cursorVisible
        let shape = cursorShapeCode

        var bytes: [UInt8] = Array("\u{1B}[r\u{1B}[s\u{1B}8".utf8)
        bytes.withUnsafeBufferPointer { write($0) }
        var saved = VTermPos()
        vterm_state_get_cursorpos(state, &saved)
        bytes = Self.cursorPosition(row: Int(saved.row), col: Int(saved.col), rows: rows, cols: cols)
        bytes += Array("\u{1B}7".utf8)
        bytes += Self.cursorPosition(row: Int(position.row), col: Int(position.col), rows: rows, cols: cols)
        bytes += pen.sgr
        bytes += Array("\u{1B}[?25\(visible ? "h" : "l")\u{1B}[\(shape) q".utf8)
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// CUP to a position clamped into the screen.
    static func cursorPosition(row: Int, col: Int, rows: Int, cols: Int) -> [UInt8] {
        let row = row.clamped(to: 0...(rows - 1)) + 1
        let col = col.clamped(to: 0...(cols - 1)) + 1
        return Array("\u{1B}[\(row);\(col)H".utf8)
    }

    /// DECSCUSR parameter for the current cursor shape and blinking.
    var cursorShapeCode: Int {
        let base: Int
        switch cursorShape {
        case Int(VTERM_PROP_CURSORSHAPE_UNDERLINE): base = 3
        case Int(VTERM_PROP_CURSORSHAPE_BAR_LEFT): base = 5
        default: base = 1
        }
        return cursorBlink ? base : base + 1
    }
}
