import Testing
@_spi(Testing) @testable import TerminalUI

@Suite("Text, line ends and the cursor")
struct TextAndCursorTests {
    @Test("plain text with CR LF lands on consecutive rows at column 0")
    func plainTextCRLF() {
        let terminal = TerminalEmulator(rows: 5, cols: 20)
        terminal.feed("hello\r\nworld\r\n")
        #expect(terminal.rowText(0) == "hello")
        #expect(terminal.rowText(1) == "world")
        #expect(terminal.rowText(2) == "")
        #expect(terminal.cell(row: 0, col: 0) == TerminalCell(text: "h"))
        #expect(terminal.cell(row: 0, col: 5) == .blank)
        #expect(terminal.cursor.row == 2 && terminal.cursor.col == 0 && terminal.cursor.visible)
        #expect(terminal.screenText() == "hello\nworld\n\n\n")
    }

    @Test("a lone LF moves down but keeps the column, as on a real terminal")
    func loneLineFeed() {
        let terminal = TerminalEmulator(rows: 5, cols: 20)
        terminal.feed("ab\ncd\nef")
        #expect(terminal.rowText(0) == "ab")
        #expect(terminal.rowText(1) == "  cd")
        #expect(terminal.rowText(2) == "    ef")
        #expect(terminal.cursor.row == 2 && terminal.cursor.col == 6)
    }

    @Test("a CR progress line leaves only the final state")
    func carriageReturnProgress() {
        let terminal = TerminalEmulator(rows: 4, cols: 20)
        terminal.feed("10%\r20%\r100%\r\n")
        #expect(terminal.rowText(0) == "100%")
        #expect(terminal.cursor.row == 1 && terminal.cursor.col == 0)
    }

    @Test("cursor positioning and erase to end of line")
    func cursorMovementAndErase() {
        let terminal = TerminalEmulator(rows: 4, cols: 20)
        terminal.feed(esc("first line here\r\nsecond line here"))
        terminal.feed(esc("\\e[2;5HX"))
        #expect(terminal.rowText(1) == "secoXd line here")
        terminal.feed(esc("\\e[K"))
        #expect(terminal.rowText(1) == "secoX")
        terminal.feed(esc("\\e[1;7H\\e[1K"))
        #expect(terminal.rowText(0) == "       ine here") // EL 1 erases up to and including the cursor
        #expect(terminal.cursor.row == 0 && terminal.cursor.col == 6)
        terminal.feed(esc("\\e[2J"))
        #expect(terminal.screenText() == "\n\n\n")
    }

    @Test("long lines wrap at the right edge")
    func autowrap() {
        let terminal = TerminalEmulator(rows: 4, cols: 5)
        terminal.feed("abcdefghij\r\nk")
        #expect(terminal.rowText(0) == "abcde")
        #expect(terminal.rowText(1) == "fghij")
        #expect(terminal.rowText(2) == "k")
    }

    @Test("cursor visibility follows DECTCEM")
    func cursorVisibility() {
        let terminal = TerminalEmulator(rows: 4, cols: 10)
        terminal.feed(esc("\\e[?25l"))
        #expect(terminal.cursor.visible == false)
        terminal.feed(esc("\\e[?25h"))
        #expect(terminal.cursor.visible == true)
    }

    @Test("tabs move to the next multiple of 8, backspace moves left")
    func tabsAndBackspace() {
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        terminal.feed("a\tb\u{8}c")
        #expect(terminal.rowText(0) == "a       c") // tab to column 8, b there, BS, c over it
    }
}
