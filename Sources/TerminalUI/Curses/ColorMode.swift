/// Whether the player uses the terminal's colours.
public enum ColorMode: Sendable, Equatable {
    /// Whatever the terminal has (8, 16 or 256 colours, or none).
    case auto
    /// No colours at all, attributes only (`NO_COLOR`, `--no-color`).
    case none
}
