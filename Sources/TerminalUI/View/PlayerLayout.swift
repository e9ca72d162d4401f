/// The three panes of the player.
public enum PaneID: CaseIterable, Sendable {
    case outline
    case section
    case output
}

/// Where everything goes on a screen of a given size: a title bar on top, the outline on the left,
/// the section above the output on the right, a status bar at the bottom. With `fullOutput` the output
/// pane takes the whole middle. Below 60x16 only a "terminal too small" notice is drawn.
public struct PlayerLayout: Equatable, Sendable {
    public static let minimumRows = 16
    public static let minimumCols = 60

    public var rows: Int
    public var cols: Int
    public var titleBar: Rect
    public var outline: Rect?
    public var section: Rect?
    public var output: Rect
    public var statusBar: Rect
    /// True when the screen is below the minimum size.
    public var tooSmall: Bool

    public init(rows: Int, cols: Int, fullOutput: Bool) {
        self.rows = rows
        self.cols = cols
        tooSmall = rows < Self.minimumRows || cols < Self.minimumCols
        titleBar = Rect(row: 0, col: 0, rows: 1, cols: cols)
        statusBar = Rect(row: max(0, rows - 1), col: 0, rows: 1, cols: cols)
        let middle = Rect(row: 1, col: 0, rows: max(0, rows - 2), cols: cols)
        if tooSmall || fullOutput {
            outline = nil
            section = nil
            output = middle
            return
        }
        let outlineCols = cols < 100 ? 24 : min(40, cols / 4)
        outline = Rect(row: middle.row, col: 0, rows: middle.rows, cols: outlineCols)
        let rightCols = cols - outlineCols
        let sectionRows = max(6, (middle.rows * 11) / 20)
        section = Rect(row: middle.row, col: outlineCols, rows: sectionRows, cols: rightCols)
        output = Rect(row: middle.row + sectionRows, col: outlineCols, rows: middle.rows - sectionRows, cols: rightCols)
    }

    /// The inside of the output pane's box: the size the command's terminal gets.
    public var outputInner: Rect { output.inset() }

    /// The rectangle of `pane`, if it is shown.
    public func rect(_ pane: PaneID) -> Rect? {
        switch pane {
        case .outline: outline
        case .section: section
        case .output: output
        }
    }
}
