/// Text attributes of a cell.
///
/// libvterm 0.1.4 knows no "dim"/faint (SGR 2) or conceal attribute, so none is offered here;
/// single, double (SGR 21, `4:2`) and curly (`4:3`) underlines all map to `underline`.
/// The raw values match the bits packed by `shim.h`.
public struct CellAttributes: OptionSet, Hashable, Sendable {
    /// The attribute bits.
    public let rawValue: UInt8

    /// Creates attributes from their raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// SGR 1.
    public static let bold = CellAttributes(rawValue: 1)
    /// SGR 3.
    public static let italic = CellAttributes(rawValue: 2)
    /// SGR 4 (any underline style).
    public static let underline = CellAttributes(rawValue: 4)
    /// SGR 5.
    public static let blink = CellAttributes(rawValue: 8)
    /// SGR 7, or the whole screen in reverse video (DECSCNM, `ESC [ ? 5 h`).
    public static let reverse = CellAttributes(rawValue: 16)
    /// SGR 9.
    public static let strike = CellAttributes(rawValue: 32)
    /// Faint text. Never set by the emulator (libvterm 0.1.4 drops SGR 2); themes use it for quiet text.
    public static let dim = CellAttributes(rawValue: 64)
}
