/// The colour values a theme file accepts: `default`, the 8 basic names, `bright-<name>` (8...15),
/// an integer 0-255 or `#rrggbb`.
enum ThemeColorName {
    /// The 8 basic colour names, in palette order.
    static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// What an error message says is accepted.
    static let expected = "default, black, red, green, yellow, blue, magenta, cyan, white, bright-black, ..., "
        + "bright-white, 0-255 or #rrggbb"

    /// The colour named by `text` (case-insensitive), or nil.
    static func parse(_ text: String) -> TerminalColor? {
        let name = text.lowercased()
        if name == "default" { return .default }
        if let index = basicNames.firstIndex(of: name) { return .indexed(UInt8(index)) }
        if name.hasPrefix("bright-"), let index = basicNames.firstIndex(of: String(name.dropFirst(7))) {
            return .indexed(UInt8(index + 8))
        }
        if name.hasPrefix("#") { return hex(String(name.dropFirst())) }
        if !name.isEmpty, name.count <= 3, name.allSatisfy(\.isASCII), let index = UInt8(name) { return .indexed(index) }
        return nil
    }

    /// The colour for a bare integer value, or nil outside 0-255.
    static func index(_ value: Int) -> TerminalColor? {
        (0...255).contains(value) ? .indexed(UInt8(value)) : nil
    }

    /// How `color` is written in a theme file (names for 0...15).
    static func name(of color: TerminalColor) -> String {
        switch color {
        case .default:
            return "default"
        case .indexed(let index) where index < 8:
            return basicNames[Int(index)]
        case .indexed(let index) where index < 16:
            return "bright-" + basicNames[Int(index) - 8]
        case .indexed(let index):
            return String(index)
        case .rgb(let red, let green, let blue):
            return "#" + [red, green, blue].map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }

    private static func hex(_ digits: String) -> TerminalColor? {
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
        return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }
}
