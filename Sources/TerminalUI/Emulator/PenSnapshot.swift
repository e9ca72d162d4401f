import CVTerm

/// libvterm's current pen, complete enough to be set again with one SGR sequence.
struct PenSnapshot: Equatable {
    var bold: Bool
    /// 0 off, 1 single, 2 double, 3 curly.
    var underline: Int
    var italic: Bool
    var blink: Bool
    var reverse: Bool
    var strike: Bool
    /// Alternative font 0...9 (SGR 10...19).
    var font: Int
    /// Packed colours (see `TerminalColor.init(packed:)`).
    var foreground: UInt32
    var background: UInt32

    /// Reads the pen of a libvterm state.
    init(state: OpaquePointer) {
        bold = cvterm_pen_number(state, VTERM_ATTR_BOLD) != 0
        underline = Int(cvterm_pen_number(state, VTERM_ATTR_UNDERLINE))
        italic = cvterm_pen_number(state, VTERM_ATTR_ITALIC) != 0
        blink = cvterm_pen_number(state, VTERM_ATTR_BLINK) != 0
        reverse = cvterm_pen_number(state, VTERM_ATTR_REVERSE) != 0
        strike = cvterm_pen_number(state, VTERM_ATTR_STRIKE) != 0
        font = Int(cvterm_pen_number(state, VTERM_ATTR_FONT))
        foreground = cvterm_pen_color(state, VTERM_ATTR_FOREGROUND)
        background = cvterm_pen_color(state, VTERM_ATTR_BACKGROUND)
    }

    /// `ESC [ 0 ; ... m`, which gives libvterm exactly this pen again.
    var sgr: [UInt8] {
        var parameters = ["0"]
        if bold { parameters.append("1") }
        switch underline {
        case 1: parameters.append("4")
        case 2: parameters.append("21")
        case 3: parameters.append("4:3")
        default: break
        }
        if italic { parameters.append("3") }
        if blink { parameters.append("5") }
        if reverse { parameters.append("7") }
        if strike { parameters.append("9") }
        if font > 0 && font < 10 { parameters.append(String(10 + font)) }
        parameters.append(Self.color(foreground, base: 38))
        parameters.append(Self.color(background, base: 48))
        return Array("\u{1B}[\(parameters.joined(separator: ";"))m".utf8)
    }

    /// SGR parameters selecting a packed colour (`base` 38 for foreground, 48 for background).
    private static func color(_ packed: UInt32, base: Int) -> String {
        switch TerminalColor(packed: packed) {
        case .default: return String(base + 1)
        case .indexed(let index): return "\(base);5;\(index)"
        case .rgb(let red, let green, let blue): return "\(base);2;\(red);\(green);\(blue)"
        }
    }
}
