/// How a cell of the player's screen looks: colours and attributes.
///
/// Colours are the emulator's `TerminalColor`, so output-pane cells and themed cells share one type;
/// the curses backend maps them onto what the terminal has (8, 16 or 256 colours, or none).
public struct UIStyle: Hashable, Sendable {
    /// Text colour.
    public var foreground: TerminalColor
    /// Background colour.
    public var background: TerminalColor
    /// Bold, dim, underline, reverse and so on.
    public var attributes: CellAttributes

    /// Creates a style.
    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default colours, no attributes.
    public static let plain = UIStyle()

    /// The same style with extra attributes.
    public func adding(_ extra: CellAttributes) -> UIStyle {
        UIStyle(foreground: foreground, background: background, attributes: attributes.union(extra))
    }

    /// The same style on another background (used to paint a selection bar under themed text).
    public func on(_ newBackground: TerminalColor) -> UIStyle {
        UIStyle(foreground: foreground, background: newBackground, attributes: attributes)
    }

    /// The style of an emulator cell.
    public init(_ cell: TerminalCell) {
        self.init(foreground: cell.foreground, background: cell.background, attributes: cell.attributes)
    }
}
