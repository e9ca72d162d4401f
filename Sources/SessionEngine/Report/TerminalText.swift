/// Raw terminal output turned into the plain lines a reader would have seen: UTF-8 decoded (invalid
/// bytes become U+FFFD), escape sequences removed (CSI, OSC, DCS/SOS/PM/APC strings, charset
/// designations, lone ESC, 8-bit C1 controls), other control characters dropped, and each line given
/// its final text: `\r` followed by more text replaces the line (progress bars), backspace and cursor
/// moves within the line (CSI C/D/G, erase in line CSI K) are honoured, tabs expand to 8 columns.
/// Never fails, whatever the bytes.
public enum TerminalText {
    /// Longest line kept, in characters; longer lines are cut and end with "…".
    public static let maximumLineLength = 400

    /// The plain lines of `bytes`. A last line without a newline is included when it is not empty;
    /// trailing spaces are removed from every line.
    public static func lines(_ bytes: some Collection<UInt8>) -> [String] {
        var decoder = Decoder()
        for scalar in String(decoding: Array(bytes), as: UTF8.self).unicodeScalars { decoder.feed(scalar) }
        return decoder.finish()
    }

    /// The lines joined with "\n".
    public static func plain(_ bytes: some Collection<UInt8>) -> String {
        lines(bytes).joined(separator: "\n")
    }

    /// A small line-at-a-time terminal model.
    struct Decoder {
        private enum Mode {
            case text
            /// After ESC.
            case escape
            /// After ESC and an intermediate byte (`(`, `#`, ...): one more character ends it.
            case escapeIntermediate
            /// Inside CSI, with the parameter text so far.
            case csi(String)
            /// Inside OSC/DCS/SOS/PM/APC, until BEL (OSC only) or ST.
            case string(allowsBell: Bool)
            /// Inside a string, just after ESC (a `\` ends the string).
            case stringEscape(allowsBell: Bool)
        }

        private var mode = Mode.text
        private var line: [Character] = []
        private var column = 0
        /// Set by `\r`: the next printed character starts the line afresh.
        private var replaceOnPrint = false
        private var done: [String] = []

        mutating func feed(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            switch mode {
            case .text:
                text(scalar)
            case .escape:
                escape(scalar)
            case .escapeIntermediate:
                mode = .text
            case .csi(let parameters):
                if (0x40...0x7E).contains(value) {
                    mode = .text
                    csi(final: scalar, parameters: parameters)
                } else if (0x20...0x3F).contains(value) {
                    mode = .csi(parameters + String(scalar))
                } else if value == 0x1B {
                    mode = .escape
                } else if value == 0x18 || value == 0x1A {
                    mode = .text   // CAN / SUB abort the sequence
                }
                // Other controls inside a CSI are ignored, as terminals do.
            case .string(let allowsBell):
                if value == 0x1B {
                    mode = .stringEscape(allowsBell: allowsBell)
                } else if value == 0x9C || (allowsBell && value == 0x07) || value == 0x18 || value == 0x1A {
                    mode = .text
                }
            case .stringEscape(let allowsBell):
                mode = value == 0x5C ? .text : .string(allowsBell: allowsBell)
            }
        }

        mutating func finish() -> [String] {
            if !line.isEmpty { commitLine() }
            return done
        }

        private mutating func text(_ scalar: Unicode.Scalar) {
            switch scalar.value {
            case 0x0A, 0x0B, 0x0C: commitLine()
            case 0x0D:
                column = 0
                replaceOnPrint = true
            case 0x08: column = max(0, column - 1)
            case 0x09:
                let target = (column / 8 + 1) * 8
                while column < target { put(" ") }
            case 0x1B: mode = .escape
            case 0x9B: mode = .csi("")
            case 0x9D: mode = .string(allowsBell: true)
            case 0x90, 0x98, 0x9E, 0x9F: mode = .string(allowsBell: false)
            case 0x00...0x1F, 0x7F...0x9F: break
            default: put(Character(scalar))
            }
        }

        private mutating func escape(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "[": mode = .csi("")
            case "]": mode = .string(allowsBell: true)
            case "P", "X", "^", "_": mode = .string(allowsBell: false)
            case "(", ")", "*", "+", "-", ".", "/", "#", "%", " ": mode = .escapeIntermediate
            case "\u{1B}": mode = .escape
            default:
                // ESC followed by anything else: a two-character sequence (ESC 7, ESC M, ...), or a lone
                // ESC before a control or text. A control is still acted on; text is dropped with it.
                mode = .text
                if scalar.value < 0x20 { text(scalar) }
            }
        }

        private mutating func csi(final: Unicode.Scalar, parameters: String) {
            // Private sequences (`?25l`, `>c`, ...) never move within the line.
            if parameters.first.map({ "?<=>".contains($0) }) == true { return }
            let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
            let first = numbers.first.flatMap { $0 } ?? 0
            let count = max(1, min(first, 10_000))
            switch final {
            case "C": moveTo(column + count)
            case "D": moveTo(column - count)
            case "G", "`": moveTo(count - 1)
            case "K":
                switch first {
                case 1: for index in 0..<min(column + 1, line.count) { line[index] = " " }
                case 2:
                    line = []
                default: if column < line.count { line.removeSubrange(column...) }
                }
            default: break   // colours, cursor moves to other lines, scrolling: no effect on the text
            }
        }

        private mutating func moveTo(_ target: Int) {
            column = max(0, min(target, TerminalText.maximumLineLength))
            replaceOnPrint = false
        }

        private mutating func put(_ character: Character) {
            if replaceOnPrint {
                line = []
                replaceOnPrint = false
            }
            guard column < TerminalText.maximumLineLength + 1 else { return }
            while line.count < column { line.append(" ") }
            if column < line.count { line[column] = character } else { line.append(character) }
            column += 1
        }

        private mutating func commitLine() {
            var text = line
            while text.last == " " { text.removeLast() }
            if text.count > TerminalText.maximumLineLength {
                text = Array(text.prefix(TerminalText.maximumLineLength)) + ["…"]
            }
            done.append(String(text))
            line = []
            column = 0
            replaceOnPrint = false
        }
    }
}
