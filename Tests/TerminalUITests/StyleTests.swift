import Testing
@_spi(Testing) @testable import TerminalUI

@Suite("Colours and attributes")
struct StyleTests {
    @Test("SGR 31 is palette red, SGR 0 returns to the default")
    func basicColour() {
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        terminal.feed(esc("\\e[31mred\\e[0m ok"))
        #expect(terminal.cell(row: 0, col: 0) == TerminalCell(text: "r", foreground: .indexed(1)))
        #expect(terminal.cell(row: 0, col: 2).foreground == .indexed(1))
        #expect(terminal.cell(row: 0, col: 4) == TerminalCell(text: "o"))
        #expect(terminal.cell(row: 0, col: 4).foreground == .default)
    }

    @Test("bright, background and default colours")
    func brightAndBackground() {
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        terminal.feed(esc("\\e[92;44mA\\e[39mB\\e[49mC"))
        #expect(terminal.cell(row: 0, col: 0).foreground == .indexed(10))
        #expect(terminal.cell(row: 0, col: 0).background == .indexed(4))
        #expect(terminal.cell(row: 0, col: 1).foreground == .default)
        #expect(terminal.cell(row: 0, col: 1).background == .indexed(4))
        #expect(terminal.cell(row: 0, col: 2) == TerminalCell(text: "C"))
    }

    @Test("256-colour palette stays indexed")
    func palette256() {
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        terminal.feed(esc("\\e[38;5;208mo\\e[48;5;17mx"))
        #expect(terminal.cell(row: 0, col: 0).foreground == .indexed(208))
        #expect(terminal.cell(row: 0, col: 1) == TerminalCell(text: "x", foreground: .indexed(208), background: .indexed(17)))
    }

    @Test("truecolor arrives as rgb")
    func trueColor() {
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        terminal.feed(esc("\\e[38;2;10;20;30mt\\e[48;2;200;100;0mu"))
        #expect(terminal.cell(row: 0, col: 0).foreground == .rgb(10, 20, 30))
        #expect(terminal.cell(row: 0, col: 0).background == .default)
        #expect(terminal.cell(row: 0, col: 1).background == .rgb(200, 100, 0))
    }

    @Test("bold, underline, reverse, italic, strike, blink and their resets")
    func attributes() {
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        terminal.feed(esc("\\e[1mb\\e[4mu\\e[7mr\\e[22;24;27mn\\e[3;9;5mi\\e[0mz\\e[21md"))
        #expect(terminal.cell(row: 0, col: 0).attributes == [.bold])
        #expect(terminal.cell(row: 0, col: 1).attributes == [.bold, .underline])
        #expect(terminal.cell(row: 0, col: 2).attributes == [.bold, .underline, .reverse])
        #expect(terminal.cell(row: 0, col: 3).attributes == [])
        #expect(terminal.cell(row: 0, col: 4).attributes == [.italic, .strike, .blink])
        #expect(terminal.cell(row: 0, col: 5).attributes == [])
        #expect(terminal.cell(row: 0, col: 6).attributes == [.underline]) // double underline
    }

    @Test("erase uses the current background (BCE)")
    func backgroundColourErase() {
        let terminal = TerminalEmulator(rows: 2, cols: 6)
        terminal.feed(esc("\\e[44m\\e[K\\e[0m"))
        #expect(terminal.cell(row: 0, col: 5) == TerminalCell(text: " ", background: .indexed(4)))
    }

    @Test("whole-screen reverse video shows as reverse on every cell")
    func screenReverse() {
        let terminal = TerminalEmulator(rows: 2, cols: 6)
        terminal.feed(esc("a\\e[?5h"))
        #expect(terminal.cell(row: 0, col: 0).attributes == [.reverse])
        #expect(terminal.cell(row: 1, col: 3).attributes == [.reverse])
        terminal.feed(esc("\\e[?5l"))
        #expect(terminal.cell(row: 0, col: 0).attributes == [])
    }
}
