import Testing
@_spi(Testing) @testable import TerminalUI

/// Inputs that crash or hang libvterm 0.1.4 when fed directly (found by fuzzing this package's
/// own earlier versions and a C harness), and random input.
@Suite("Hostile and random input")
struct RobustnessTests {
    @Test("more than 16 CSI parameters (libvterm overflows its argument array)")
    func tooManyParameters() {
        let terminal = TerminalEmulator(rows: 3, cols: 20)
        terminal.feed(esc("\\e[" + String(repeating: ";", count: 100) + "31mX"))
        terminal.feed(esc("\\e[" + String(repeating: "1:", count: 5_000) + "mY"))
        #expect(terminal.rowText(0) == "XY")
        #expect(terminal.cell(row: 0, col: 0).foreground == .default)
        // 16 parameters (15 separators) still work.
        terminal.feed(esc("\\e[1;4;3;9;5;7;1;1;1;1;1;1;1;1;1;31mZ"))
        #expect(terminal.cell(row: 0, col: 2) == TerminalCell(
            text: "Z", foreground: .indexed(1), attributes: [.bold, .underline, .italic, .strike, .blink, .reverse]))
    }

    @Test("REP works after ASCII and is dropped where libvterm would hang or overflow")
    func repeatCharacter() {
        let terminal = TerminalEmulator(rows: 3, cols: 20)
        terminal.feed(esc("\\e[3b"))                    // nothing printed yet: libvterm loops forever
        terminal.feed(esc("a\\e[3b"))
        #expect(terminal.rowText(0) == "aaaa")
        terminal.feed(esc("\r\n\u{6F22}\\e[30b"))       // wide: libvterm writes past the row
        terminal.feed(esc("\\e[3;19H\u{301}\\e[5b"))    // lone combining mark: width 0
        #expect(terminal.rowText(1) == "\u{6F22}")
    }

    @Test("UTF-8 encoded C1 controls in insert mode (libvterm moves the cursor off screen)")
    func c1InInsertMode() {
        let terminal = TerminalEmulator(rows: 3, cols: 10)
        terminal.feed(esc("\\e[4h\u{85}\u{85}\u{85}x\u{9B}2J"))
        #expect(terminal.rowText(0) == "\u{FFFD}\u{FFFD}\u{FFFD}x\u{FFFD}2J")
        let cursor = terminal.cursor
        #expect(cursor.col >= 0 && cursor.col < 10)
    }

    @Test("huge parameters, scroll regions and margins stay in bounds")
    func hugeParameters() {
        let terminal = TerminalEmulator(rows: 5, cols: 10)
        terminal.feed(esc("\\e[99999999999;99999999999H\\e[2147483652h\\e[999999999@x\\e[999999999P"))
        terminal.feed(esc("\\e[4;2r\\e[?69h\\e[5;3s\\e[99L\\e[99M\\e[99S\\e[99T\\e[99X\\e[?6h\\e[99;99Hy"))
        terminal.feed(esc("\\e#8\\e#6\\e#3\\e[99b\\ec"))
        let cursor = terminal.cursor
        #expect(cursor.row >= 0 && cursor.row < 5 && cursor.col >= 0 && cursor.col < 10)
        terminal.feed("ok")
        #expect(terminal.rowText(0) == "ok")
    }

    @Test("a long OSC title is bounded")
    func longTitle() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed(esc("\\e]2;" + String(repeating: "t", count: 100_000) + "\u{07}after"))
        #expect((terminal.title?.count ?? 0) <= TerminalEmulator.titleLimit)
        #expect(terminal.rowText(0) == "after")
    }

    @Test("a million bytes of one line without a newline")
    func longLine() {
        let terminal = TerminalEmulator(rows: 4, cols: 50)
        terminal.feed([UInt8](repeating: 0x41, count: 1_000_000))
        #expect(terminal.rowText(3) == String(repeating: "A", count: 50))
        #expect(terminal.scrollbackCount == 10_000)
    }

    @Test("thousands of random buffers never crash, with resizes in between")
    func fuzz() {
        var random = SeededGenerator(seed: 0xC0FFEE)
        let fragments: [[UInt8]] = [
            "\u{1B}[", "\u{1B}]", "\u{1B}P", "\u{1B}", ";", ":", "?", ">", "1", "2", "9", "38;5;", "48;2;",
            "m", "H", "J", "K", "b", "r", "s", "h", "l", "@", "P", "L", "M", "S", "T", "X", "q", "p", "\"",
            "$", "!", " ", "\u{07}", "\u{1B}\\", "\r", "\n", "\t", "\u{8}", "\u{E}", "\u{F}", "\u{85}",
            "\u{301}", "\u{6F22}", "\u{1F6A8}", "a", "\u{1B}#8", "\u{1B}(0", "\u{1B}c", "\u{1B}[?1049h",
            "\u{1B}[?1049l", "\u{1B}[?6h", "\u{1B}[?69h", "\u{1B}[4h", "\u{1B}[20h", "\u{1B}[?7l",
            "999999999999", "2147483652", "\u{1B}_", "\u{1B}X", "\u{18}", "\u{1A}",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE6, 0xBC], [0xF0], [0xC2], [0x9B], [0x00], [0x7F]]
        for round in 0..<3_000 {
            let terminal = TerminalEmulator(rows: Int.random(in: 1...30, using: &random),
                                             cols: Int.random(in: 1...90, using: &random),
                                             scrollbackLimit: Int.random(in: 0...50, using: &random),
                                             bulkFastPath: round % 2 == 0)
            var buffer: [UInt8] = []
            while buffer.count < 1_500 {
                if Bool.random(using: &random) {
                    buffer.append(UInt8.random(in: 0...255, using: &random))
                } else {
                    buffer += fragments.randomElement(using: &random)!
                }
            }
            var offset = 0
            while offset < buffer.count {
                let end = min(buffer.count, offset + Int.random(in: 1...300, using: &random))
                terminal.feed(buffer[offset..<end])
                offset = end
                if Int.random(in: 0..<20, using: &random) == 0 {
                    terminal.resize(rows: Int.random(in: 1...30, using: &random), cols: Int.random(in: 1...90, using: &random))
                }
            }
            let cursor = terminal.cursor
            #expect(cursor.row >= 0 && cursor.row < terminal.rows && cursor.col >= 0 && cursor.col < terminal.cols)
            _ = terminal.takeDamage()
            _ = terminal.allText()
            for index in 0..<terminal.scrollbackCount { _ = terminal.scrollbackLine(index) }
        }
    }

    @Test("random bytes show U+FFFD for invalid UTF-8 and nothing else unexpected")
    func randomHighBytes() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let terminal = TerminalEmulator(rows: 30, cols: 80)
            let bytes = (0..<500).map { _ in UInt8.random(in: 0x80...0xFF, using: &random) }
            terminal.feed(bytes)
            // Whatever arrived is valid text: each cell holds a replacement character or a
            // printable scalar (no C1 controls).
            for row in 0..<terminal.rows {
                for cell in terminal.line(row) {
                    for scalar in cell.text.unicodeScalars {
                        #expect(!(0x80...0x9F).contains(scalar.value))
                    }
                }
            }
            #expect(terminal.screenText().contains("\u{FFFD}"))
        }
    }
}
