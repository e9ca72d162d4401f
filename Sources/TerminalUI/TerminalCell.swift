/// One screen cell: its grapheme, width, colours and attributes.
///
/// - `text` is what to draw: one character with any combining marks (libvterm keeps at most six
///   code points per cell), `" "` for an empty or erased cell, and `""` for the continuation cell,
///   the right half of a double-width character.
/// - `width` is 1, 2 for a double-width character (emoji, CJK), and 0 for the continuation cell.
///   A UI draws the text of every cell with a non-zero width and skips continuation cells. A
///   continuation cell always follows a width-2 cell: where a program overwrote one half of a
///   wide character, libvterm leaves the other half behind, and it is reported as a blank.
public struct TerminalCell: Equatable, Hashable, Sendable {
    /// The grapheme shown in the cell (`""` for a continuation cell).
    public var text: String
    /// 1, 2 (the left half of a double-width character) or 0 (its right half).
    public var width: Int
    /// Text colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Bold, underline, reverse and so on.
    public var attributes: CellAttributes

    /// Creates a cell.
    public init(
        text: String,
        width: Int = 1,
        foreground: TerminalColor = .default,
        background: TerminalColor = .default,
        attributes: CellAttributes = []
    ) {
        self.text = text
        self.width = width
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// An empty cell in the default colours.
    public static let blank = TerminalCell(text: " ")

    /// True for the right half of a double-width character, which has nothing of its own to draw.
    public var isContinuation: Bool { width == 0 }
}
