import CNcurses
#if canImport(Glibc)
import Glibc
#endif

extension CursesScreen {
    /// Copies `grid` to the terminal: only the cells that changed since the last `present` (everything
    /// after a size change, `invalidate()` or `resume()`), then one `doupdate`. `cursor` shows the
    /// terminal cursor there (for text entry); nil hides it. Parts of the grid outside the screen are
    /// not drawn.
    public func present(_ grid: CellGrid, cursor: (row: Int, col: Int)? = nil) {
        guard !isEnded, !isSuspended else { return }
        let screenSize = size
        let full = needsFullRepaint || lastGrid?.rows != grid.rows || lastGrid?.cols != grid.cols
        if full { werase(window) }
        let previous = full ? nil : lastGrid
        let rows = min(screenSize.rows, grid.rows), cols = min(screenSize.cols, grid.cols)
        for row in 0..<max(0, rows) {
            for col in 0..<max(0, cols) {
                let cell = grid[row, col]
                if cell.isContinuation { continue }
                if let previous, previous[row, col] == cell,
                   cell.width < 2 || previous[row, col + 1] == grid[row, col + 1] { continue }
                draw(cell, row: row, col: col, visibleCols: cols, screen: screenSize)
            }
        }
        placeCursor(cursor, screen: screenSize)
        wnoutrefresh(window)
        doupdate()
        lastGrid = grid
        needsFullRepaint = false
    }

    private func placeCursor(_ cursor: (row: Int, col: Int)?, screen: (rows: Int, cols: Int)) {
        if let cursor, cursor.row >= 0, cursor.row < screen.rows, cursor.col >= 0, cursor.col < screen.cols {
            wmove(window, Int32(cursor.row), Int32(cursor.col))
            if !cursorVisible {
                curs_set(1)
                cursorVisible = true
            }
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
    }

    /// Writes one cell, keeping the layout the grid decided even where the C library's `wcwidth`
    /// disagrees with `DisplayWidth` (a wide glyph curses thinks narrow gets a blank after it; one it
    /// thinks wide, or unprintable in this locale, becomes `?`).
    private func draw(_ cell: GridCell, row: Int, col: Int, visibleCols: Int, screen: (rows: Int, cols: Int)) {
        var characters = CellGlyph.wideCharacters(of: cell.text)
        var width = Int(cell.width)
        if width == 2, col + 1 >= visibleCols {
            characters = [0x20, 0]   // half a wide character does not fit
            width = 1
        }
        let libraryWidth = characters.count > 1 && characters[0] >= 0x80 ? Int(rb_wcwidth(characters[0])) : 1
        var padAfter = false
        if libraryWidth < 1 || libraryWidth > width {
            characters = [0x3F, 0]
        } else if libraryWidth < width {
            padAfter = true
        }
        let (attributes, pair) = cursesStyle(cell.style)
        put(characters, row: row, col: col, attributes: attributes, pair: pair, screen: screen, occupying: padAfter ? 1 : width)
        if padAfter {
            put([0x20, 0], row: row, col: col + 1, attributes: attributes, pair: pair, screen: screen, occupying: 1)
        }
    }

    private func put(_ characters: [wchar_t], row: Int, col: Int, attributes: attr_t, pair: Int32,
                     screen: (rows: Int, cols: Int), occupying: Int) {
        let atCorner: Int32 = row == screen.rows - 1 && col + occupying >= screen.cols ? 1 : 0
        let result = characters.withUnsafeBufferPointer { buffer in
            rb_put_cell(window, Int32(row), Int32(col), buffer.baseAddress, attributes, pair, atCorner)
        }
        if result == ERR, characters.count > 2 {
            // setcchar refused the combining marks: the base character alone.
            let base: [wchar_t] = [characters[0], 0]
            _ = base.withUnsafeBufferPointer { buffer in
                rb_put_cell(window, Int32(row), Int32(col), buffer.baseAddress, attributes, pair, atCorner)
            }
        }
    }

    /// Curses attributes and colour pair for a style (strike has no curses attribute and is dropped).
    func cursesStyle(_ style: UIStyle) -> (attr_t, Int32) {
        var attributes = rb_attr_normal()
        let map: [(CellAttributes, attr_t)] = [
            (.bold, rb_attr_bold()), (.dim, rb_attr_dim()), (.underline, rb_attr_underline()),
            (.reverse, rb_attr_reverse()), (.italic, rb_attr_italic()), (.blink, rb_attr_blink()),
        ]
        for (attribute, bits) in map where style.attributes.contains(attribute) { attributes |= bits }
        guard colorCount > 0 else { return (attributes, 0) }
        var foreground = mapper.cursesColor(style.foreground)
        var background = mapper.cursesColor(style.background)
        if !hasDefaultColors {
            if foreground < 0 { foreground = 7 }
            if background < 0 { background = 0 }
        }
        return (attributes, pairs.pair(foreground: foreground, background: background))
    }
}
