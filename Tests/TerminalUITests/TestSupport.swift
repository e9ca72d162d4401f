@_spi(Testing) @testable import TerminalUI

/// Helpers shared by the tests.
extension TerminalEmulator {
    /// Row `row` of the screen as trimmed text.
    func rowText(_ row: Int) -> String {
        Self.text(of: line(row))
    }

    /// The screen's rows as trimmed text, trailing empty rows dropped.
    var nonEmptyScreenLines: [String] {
        var lines = screenText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}

/// A small deterministic random generator (xorshift64*), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
    }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// The bytes of a string with `\e` meaning ESC, for readable escape sequences.
func esc(_ text: String) -> [UInt8] {
    Array(text.replacing("\\e", with: "\u{1B}").utf8)
}
