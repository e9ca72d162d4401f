import CVTerm

/// Colours and attributes of a cell in packed form: cheap to compare and to store in scrollback.
struct CellStyle: Equatable, Hashable, Sendable {
    /// Packed foreground (see `TerminalColor.init(packed:)`).
    var foreground: UInt32
    /// Packed background.
    var background: UInt32
    /// Raw `CellAttributes` bits.
    var attributes: UInt8

    /// Default colours, no attributes.
    static let plain = CellStyle(foreground: 0, background: 0, attributes: 0)

    /// True when the style is the plain default one.
    var isPlain: Bool { foreground == 0 && background == 0 && attributes == 0 }

    /// Reads the style of a libvterm cell.
    init(cell: UnsafePointer<VTermScreenCell>) {
        var fg: UInt32 = 0
        var bg: UInt32 = 0
        let attrs = cvterm_cell_style(cell, &fg, &bg)
        self.init(foreground: fg, background: bg, attributes: attrs)
    }

    /// Creates a style from packed parts.
    init(foreground: UInt32, background: UInt32, attributes: UInt8) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The public colours and attributes applied to `text` of the given width.
    func cell(text: String, width: Int) -> TerminalCell {
        TerminalCell(
            text: text,
            width: width,
            foreground: TerminalColor(packed: foreground),
            background: TerminalColor(packed: background),
            attributes: CellAttributes(rawValue: attributes)
        )
    }

    /// The same style with reverse video toggled (for a screen in DECSCNM reverse mode).
    func togglingReverse() -> CellStyle {
        CellStyle(foreground: foreground, background: background,
                  attributes: attributes ^ CellAttributes.reverse.rawValue)
    }
}
