/// A rectangle of the screen, in cells.
public struct Rect: Equatable, Hashable, Sendable {
    public var row: Int
    public var col: Int
    public var rows: Int
    public var cols: Int

    public init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }

    /// True when the rectangle has no cells.
    public var isEmpty: Bool { rows == 0 || cols == 0 }
    /// The row just below the rectangle.
    public var bottom: Int { row + rows }
    /// The column just right of the rectangle.
    public var right: Int { col + cols }

    /// The rectangle shrunk by `amount` cells on every side (a box's inside).
    public func inset(_ amount: Int = 1) -> Rect {
        Rect(row: row + amount, col: col + amount, rows: rows - 2 * amount, cols: cols - 2 * amount)
    }
}

/// One cell of the player's screen.
///
/// `text` is one grapheme (`" "` when blank); a double-width grapheme sits in a cell of width 2 followed
/// by a continuation cell of width 0 and text `""`, as in `TerminalCell`.
public struct GridCell: Hashable, Sendable {
    public var text: String
    public var width: UInt8
    public var style: UIStyle

    public init(text: String = " ", width: UInt8 = 1, style: UIStyle = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A blank cell in the default style.
    public static let blank = GridCell()
    /// True for the right half of a double-width character.
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory screen: what the panes draw into, what tests compare, and what the curses backend
/// copies to the terminal (only the cells that changed).
///
/// Drawing clips to the grid and to the caller's limit, never splits a double-width character (a wide
/// character that does not fit becomes a blank), and replaces control characters with `�`, so nothing
/// a runbook or a command contains can reach the terminal as a control sequence.
public struct CellGrid: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public private(set) var cells: [GridCell]

    /// A grid of blank cells.
    public init(rows: Int, cols: Int, style: UIStyle = .plain) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        self.cells = Array(repeating: GridCell(style: style), count: self.rows * self.cols)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(row: 0, col: 0, rows: rows, cols: cols) }

    /// The cell at (`row`, `col`); blank outside the grid.
    public subscript(row: Int, col: Int) -> GridCell {
        guard row >= 0, row < rows, col >= 0, col < cols else { return .blank }
        return cells[row * cols + col]
    }

    /// Sets one cell (ignored outside the grid). Prefer `put`, which keeps wide characters whole.
    public mutating func set(row: Int, col: Int, _ cell: GridCell) {
        guard row >= 0, row < rows, col >= 0, col < cols else { return }
        let index = row * cols + col
        // Overwriting half of a wide character blanks its other half.
        let old = cells[index]
        if old.width == 2, col + 1 < cols { cells[index + 1] = GridCell(style: cells[index + 1].style) }
        if old.width == 0, col > 0, cells[index - 1].width == 2 { cells[index - 1] = GridCell(style: cells[index - 1].style) }
        cells[index] = cell
    }

    /// Draws `text` from (`row`, `col`) in `style`, stopping at column `limit` (exclusive; default the
    /// grid's right edge). Newlines and tabs are drawn as one space. Returns the column after the text.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, row: Int, col: Int, style: UIStyle, limit: Int? = nil) -> Int {
        let end = min(limit ?? cols, cols)
        guard row >= 0, row < rows else { return col }
        var column = col
        for character in text {
            if column >= end { break }
            var shown = String(character)
            var width = DisplayWidth.of(character)
            if let first = character.unicodeScalars.first, first.value < 0x20 || (0x7F...0x9F).contains(first.value) {
                if first == "\n" || first == "\t" || first == "\r" {
                    shown = " "
                } else {
                    shown = "\u{FFFD}"
                }
                width = 1
            } else if width == 0 {
                continue   // a lone mark: nothing of its own to draw
            }
            if column < 0 {
                column += width
                continue
            }
            if column + width > end {
                set(row: row, col: column, GridCell(text: " ", width: 1, style: style))
                column += 1
                break
            }
            set(row: row, col: column, GridCell(text: shown, width: UInt8(width), style: style))
            if width == 2 { set(row: row, col: column + 1, GridCell(text: "", width: 0, style: style)) }
            column += width
        }
        return column
    }

    /// Paints every cell of `rect` blank in `style`.
    public mutating func fill(_ rect: Rect, style: UIStyle) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for row in clipped.row..<clipped.bottom {
            for col in clipped.col..<clipped.right { set(row: row, col: col, GridCell(style: style)) }
        }
    }

    /// Changes the style of every cell of `rect`, keeping the text (used for selection bars).
    public mutating func restyle(_ rect: Rect, _ change: (UIStyle) -> UIStyle) {
        let clipped = clip(rect)
        guard !clipped.isEmpty else { return }
        for row in clipped.row..<clipped.bottom {
            for col in clipped.col..<clipped.right { cells[row * cols + col].style = change(cells[row * cols + col].style) }
        }
    }

    /// Draws a box with line characters around `rect` and an optional title in its top edge.
    public mutating func box(_ rect: Rect, style: UIStyle, title: String? = nil, titleStyle: UIStyle? = nil) {
        guard rect.rows >= 2, rect.cols >= 2 else { return }
        let top = rect.row, bottom = rect.bottom - 1, left = rect.col, right = rect.right - 1
        for col in (left + 1)..<right {
            put("─", row: top, col: col, style: style)
            put("─", row: bottom, col: col, style: style)
        }
        for row in (top + 1)..<bottom {
            put("│", row: row, col: left, style: style)
            put("│", row: row, col: right, style: style)
        }
        put("┌", row: top, col: left, style: style)
        put("┐", row: top, col: right, style: style)
        put("└", row: bottom, col: left, style: style)
        put("┘", row: bottom, col: right, style: style)
        if let title, !title.isEmpty, rect.cols > 4 {
            let after = put(" ", row: top, col: left + 1, style: style)
            let end = put(title, row: top, col: after, style: titleStyle ?? style, limit: right - 1)
            put(" ", row: top, col: end, style: style, limit: right)
        }
    }

    /// The text of one row, continuation cells skipped, trailing blanks kept.
    public func text(row: Int) -> String {
        guard row >= 0, row < rows else { return "" }
        var line = ""
        for col in 0..<cols {
            let cell = cells[row * cols + col]
            if !cell.isContinuation { line += cell.text }
        }
        return line
    }

    /// Every row as text with trailing blanks removed: what snapshot tests compare.
    public var lines: [String] {
        (0..<rows).map { row in
            var line = text(row: row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `rect` clipped to the grid.
    public func clip(_ rect: Rect) -> Rect {
        let top = max(0, rect.row), left = max(0, rect.col)
        let bottom = min(rows, rect.bottom), right = min(cols, rect.right)
        return Rect(row: top, col: left, rows: bottom - top, cols: right - left)
    }
}
