/// Plain-text views of the emulator, for tests, search and reports.
extension TerminalEmulator {
    /// Plain text of the visible screen: exactly `rows` lines joined by "\n" (line i is row i),
    /// each with trailing blanks trimmed; double-width characters appear once.
    public func screenText() -> String {
        (0..<rows).map { Self.text(of: line($0)) }.joined(separator: "\n")
    }

    /// Plain text of scrollback (oldest first) followed by the screen, one line per row, trailing
    /// blanks trimmed per line and trailing empty lines dropped.
    public func allText() -> String {
        materialize()
        var lines: [String] = []
        lines.reserveCapacity(scrollback.count + rows)
        for index in 0..<scrollback.count {
            lines.append(scrollback[index].text)
        }
        for row in 0..<rows {
            lines.append(Self.text(of: line(row)))
        }
        while lines.last?.isEmpty == true {
            lines.removeLast()
        }
        return lines.joined(separator: "\n")
    }

    /// Text of one row of cells, trailing blanks trimmed.
    static func text(of cells: [TerminalCell]) -> String {
        var text = ""
        for cell in cells where cell.width > 0 {
            text += cell.text
        }
        while text.last == " " {
            text.removeLast()
        }
        return text
    }
}
