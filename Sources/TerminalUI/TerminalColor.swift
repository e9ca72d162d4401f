/// A colour as the emulator knows it.
///
/// Palette colours stay indexed (SGR 30–37/90–97 are `indexed(0...15)`, `38;5;n` is `indexed(n)`)
/// so the UI can map them to curses colour pairs; only truecolor (`38;2;r;g;b`) arrives as `rgb`.
public enum TerminalColor: Equatable, Hashable, Sendable {
    /// The terminal's default foreground or background (nothing was selected, or SGR 39/49).
    case `default`
    /// An entry of the 256-colour palette.
    case indexed(UInt8)
    /// A 24-bit colour sent by the program.
    case rgb(UInt8, UInt8, UInt8)

    /// Decodes the packed form used by the C shim and the scrollback store.
    init(packed: UInt32) {
        switch packed & 0xFF00_0000 {
        case PackedColor.indexed:
            self = .indexed(UInt8(truncatingIfNeeded: packed))
        case PackedColor.rgb:
            self = .rgb(UInt8(truncatingIfNeeded: packed >> 16),
                        UInt8(truncatingIfNeeded: packed >> 8),
                        UInt8(truncatingIfNeeded: packed))
        default:
            self = .default
        }
    }

    /// The packed form: 0 = default, `0x01000000 | index`, `0x02000000 | 0xRRGGBB`.
    var packed: UInt32 {
        switch self {
        case .default:
            return 0
        case .indexed(let index):
            return PackedColor.indexed | UInt32(index)
        case .rgb(let red, let green, let blue):
            return PackedColor.rgb | UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
        }
    }
}

/// Tags of the packed colour form shared with `shim.h`.
enum PackedColor {
    static let indexed: UInt32 = 0x0100_0000
    static let rgb: UInt32 = 0x0200_0000
}
