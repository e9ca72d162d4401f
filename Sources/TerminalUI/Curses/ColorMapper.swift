/// Maps a `TerminalColor` onto a colour number the terminal has (what `init_extended_pair` takes).
///
/// - `.default` is -1 (the terminal's own colour, via `use_default_colors`).
/// - `.indexed(n)` is `n` when the terminal has it; on 16-colour terminals a 256-palette entry becomes
///   the nearest basic colour; on 8-colour terminals bright colours 9...15 become 1...7 and bright black
///   (8, a grey, mostly used for quiet text) becomes white so it stays readable.
/// - `.rgb` becomes the nearest xterm-256 entry (cube or grey ramp), or the nearest basic colour.
/// - With no colours (`colorCount` 0) everything is -1.
///
/// Pure and terminal-free, so it is unit-tested directly.
public struct ColorMapper: Equatable, Sendable {
    /// The colours the terminal has, normalised to 0, 8, 16 or 256.
    public let colorCount: Int

    /// A mapper for a terminal with `colorCount` colours (`COLORS`); 88-colour terminals count as 16.
    public init(colorCount: Int) {
        switch colorCount {
        case 256...: self.colorCount = 256
        case 16..<256: self.colorCount = 16
        case 8..<16: self.colorCount = 8
        default: self.colorCount = 0
        }
    }

    /// The curses colour number for `color`: -1 for the default, else 0..<colorCount.
    public func cursesColor(_ color: TerminalColor) -> Int32 {
        guard colorCount > 0 else { return -1 }
        switch color {
        case .default:
            return -1
        case .indexed(let index):
            if Int(index) < colorCount { return Int32(index) }
            if index < 16 { return index == 8 ? 7 : Int32(index - 8) }   // 8-colour terminal
            return nearestBasic(XtermPalette.rgb(index))
        case .rgb(let red, let green, let blue):
            let rgb = (red: Int(red), green: Int(green), blue: Int(blue))
            return colorCount >= 256 ? Self.nearest256(rgb) : nearestBasic(rgb)
        }
    }

    /// The nearest entry of the cube (16...231) or grey ramp (232...255), as tmux does it.
    static func nearest256(_ rgb: XtermPalette.RGB) -> Int32 {
        func axis(_ value: Int) -> Int { value < 48 ? 0 : value < 115 ? 1 : (value - 35) / 40 }
        let qr = axis(rgb.red), qg = axis(rgb.green), qb = axis(rgb.blue)
        let levels = XtermPalette.cubeLevels
        let cube = (red: levels[qr], green: levels[qg], blue: levels[qb])
        let cubeIndex = 16 + 36 * qr + 6 * qg + qb
        if cube == rgb { return Int32(cubeIndex) }
        let average = (rgb.red + rgb.green + rgb.blue) / 3
        let greyStep = average > 238 ? 23 : max(0, (average - 3) / 10)
        let greyLevel = 8 + 10 * greyStep
        let grey = (red: greyLevel, green: greyLevel, blue: greyLevel)
        return XtermPalette.distance(grey, rgb) < XtermPalette.distance(cube, rgb) ? Int32(232 + greyStep) : Int32(cubeIndex)
    }

    /// The nearest of the 8 or 16 basic colours: greys by lightness, other colours by hue, so a dark
    /// blue stays blue (plain RGB distance would call it black).
    func nearestBasic(_ rgb: XtermPalette.RGB) -> Int32 {
        let high = max(rgb.red, rgb.green, rgb.blue), low = min(rgb.red, rgb.green, rgb.blue)
        let sixteen = colorCount >= 16
        if high - low < 40 {
            let lightness = (rgb.red + rgb.green + rgb.blue) / 3
            if sixteen {
                return lightness < 64 ? 0 : lightness < 160 ? 8 : lightness < 216 ? 7 : 15
            }
            return lightness < 96 ? 0 : 7
        }
        // Hue in degrees, 0 = red.
        let delta = Double(high - low)
        let r = Double(rgb.red), g = Double(rgb.green), b = Double(rgb.blue)
        var hue: Double
        if high == rgb.red {
            hue = 60 * ((g - b) / delta)
        } else if high == rgb.green {
            hue = 60 * ((b - r) / delta + 2)
        } else {
            hue = 60 * ((r - g) / delta + 4)
        }
        if hue < 0 { hue += 360 }
        // Sectors of 60° centred on red, yellow, green, cyan, blue, magenta.
        let sectorColours: [Int32] = [1, 3, 2, 6, 4, 5]
        let sector = Int((hue + 30) / 60) % 6
        let base = sectorColours[sector]
        let bright = high > 0xE0 || low >= 0x87
        return sixteen && bright ? base + 8 : base
    }
}
