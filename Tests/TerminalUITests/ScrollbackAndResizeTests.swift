import Testing
@_spi(Testing) @testable import TerminalUI

@Suite("Scrollback and resizing")
struct ScrollbackAndResizeTests {
    @Test("20,000 lines into 24 rows: scrollback capped at 10,000, oldest kept is line 9,978")
    func scrollbackCap() {
        let terminal = TerminalEmulator(rows: 24, cols: 80)
        var output = ""
        for number in 1...20_000 { output += "line \(number)\r\n" }
        terminal.feed(Array(output.utf8))
        #expect(terminal.scrollbackCount == 10_000)
        // 20,000 lines + the empty cursor row: the screen shows lines 19,978...20,000 and the
        // cursor row; lines 1...19,977 scrolled off, of which the newest 10,000 are kept.
        #expect(TerminalEmulator.text(of: terminal.scrollbackLine(0)) == "line 9978")
        #expect(TerminalEmulator.text(of: terminal.scrollbackLine(9_999)) == "line 19977")
        #expect(terminal.rowText(0) == "line 19978")
        #expect(terminal.nonEmptyScreenLines.last == "line 20000")
        #expect(terminal.screenText().hasSuffix("line 20000\n"))
        #expect(terminal.cursor.row == 23 && terminal.cursor.col == 0)
        let all = terminal.allText().split(separator: "\n")
        #expect(all.count == 10_023)
        #expect(all.first == "line 9978" && all.last == "line 20000")
    }

    @Test("the same through the libvterm-only path, in small chunks")
    func scrollbackCapWithoutFastPath() {
        let terminal = TerminalEmulator(rows: 24, cols: 80, scrollbackLimit: 10_000, bulkFastPath: false)
        var output: [UInt8] = []
        for number in 1...20_000 { output += Array("line \(number)\r\n".utf8) }
        for start in stride(from: 0, to: output.count, by: 997) {
            terminal.feed(output[start..<min(output.count, start + 997)])
        }
        #expect(terminal.scrollbackCount == 10_000)
        #expect(TerminalEmulator.text(of: terminal.scrollbackLine(0)) == "line 9978")
        #expect(terminal.nonEmptyScreenLines.last == "line 20000")
    }

    @Test("scrollback keeps colours, wide characters and the original width")
    func scrollbackCells() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed(esc("\\e[31mred\\e[0m \u{6F22}x\r\nnext\r\n"))
        #expect(terminal.scrollbackCount == 1)
        let line = terminal.scrollbackLine(0)
        #expect(line.count == 10)
        #expect(line[0] == TerminalCell(text: "r", foreground: .indexed(1)))
        #expect(line[3] == .blank)
        #expect(line[4] == TerminalCell(text: "\u{6F22}", width: 2))
        #expect(line[5] == TerminalCell(text: "", width: 0))
        #expect(line[6] == TerminalCell(text: "x"))
        #expect(line[9] == .blank)
        #expect(terminal.scrollbackLine(1) == [])
    }

    @Test("a smaller limit drops the oldest; limit 0 keeps nothing")
    func smallLimits() {
        let small = TerminalEmulator(rows: 3, cols: 10, scrollbackLimit: 5)
        let none = TerminalEmulator(rows: 3, cols: 10, scrollbackLimit: 0)
        for number in 1...40 {
            small.feed("\(number)\r\n")
            none.feed("\(number)\r\n")
        }
        #expect(small.scrollbackCount == 5)
        #expect((0..<5).map { TerminalEmulator.text(of: small.scrollbackLine($0)) } == ["34", "35", "36", "37", "38"])
        #expect(none.scrollbackCount == 0)
        #expect(none.nonEmptyScreenLines == ["39", "40"])
    }

    @Test("fewer rows keep the bottom lines and the cursor; more rows bring lines back")
    func resizeRows() {
        let terminal = TerminalEmulator(rows: 10, cols: 20)
        for number in 1...8 { terminal.feed("line \(number)\r\n") }
        terminal.resize(rows: 5, cols: 20)
        #expect(terminal.rows == 5 && terminal.cols == 20)
        #expect(terminal.screenText() == "line 5\nline 6\nline 7\nline 8\n")
        #expect(terminal.cursor.row == 4 && terminal.cursor.col == 0)
        #expect(terminal.scrollbackCount == 4)
        terminal.resize(rows: 12, cols: 20)
        #expect(terminal.scrollbackCount == 0)
        #expect(terminal.nonEmptyScreenLines == (1...8).map { "line \($0)" })
        #expect(terminal.cursor.row == 8 && terminal.cursor.col == 0)
        terminal.feed("after")
        #expect(terminal.rowText(8) == "after")
    }

    @Test("fewer columns cut rows (no reflow); the cursor stays inside")
    func resizeColumns() {
        let terminal = TerminalEmulator(rows: 4, cols: 20)
        terminal.feed("0123456789abcdef\r\nsecond line")
        terminal.resize(rows: 4, cols: 6)
        #expect(terminal.rowText(0) == "012345")
        #expect(terminal.rowText(1) == "second")
        #expect(terminal.cursor.row == 1 && terminal.cursor.col == 5)
        terminal.resize(rows: 4, cols: 30)
        #expect(terminal.rowText(0) == "012345") // cut text does not come back
        #expect(terminal.line(0).count == 30)
    }

    @Test("wide characters and styles survive a round trip through scrollback on resize")
    func popLineRoundTrip() {
        let terminal = TerminalEmulator(rows: 3, cols: 8)
        terminal.feed(esc("\\e[1;32m\u{1F6A8}ab\\e[0m\r\nxy\r\nz"))
        terminal.resize(rows: 1, cols: 8)
        #expect(terminal.scrollbackCount == 2)
        terminal.resize(rows: 3, cols: 8)
        #expect(terminal.scrollbackCount == 0)
        #expect(terminal.cell(row: 0, col: 0) == TerminalCell(text: "\u{1F6A8}", width: 2, foreground: .indexed(2), attributes: [.bold]))
        #expect(terminal.cell(row: 0, col: 1).width == 0)
        #expect(terminal.cell(row: 0, col: 2) == TerminalCell(text: "a", foreground: .indexed(2), attributes: [.bold]))
        #expect(terminal.screenText() == "\u{1F6A8}ab\nxy\nz")
    }

    @Test("a wide character does not come back into a row too narrow for it")
    func popLineClipsWideCharacter() {
        let terminal = TerminalEmulator(rows: 2, cols: 4)
        terminal.feed("abc\u{6F22}\r\n")   // wraps: the wide character does not fit in column 3
        terminal.feed("x\r\ny")
        terminal.resize(rows: 2, cols: 3)
        terminal.resize(rows: 6, cols: 3)
        #expect(terminal.nonEmptyScreenLines.last == "y")
        for row in 0..<terminal.rows {
            let cells = terminal.line(row)
            #expect(cells.count == 3)
            #expect(cells.last?.width != 2)
        }
    }

    @Test("extreme sizes are clamped and never crash")
    func extremeSizes() {
        let terminal = TerminalEmulator(rows: 0, cols: 1)
        #expect(terminal.rows == 1 && terminal.cols == 2)
        terminal.feed("\u{6F22}\u{6F22}\u{1F6A8}abc\r\n\u{6F22}")
        terminal.resize(rows: -5, cols: 0)
        #expect(terminal.rows == 1 && terminal.cols == 2)
        terminal.resize(rows: 100_000, cols: 3)
        #expect(terminal.rows == 1_000 && terminal.cols == 3)
        terminal.resize(rows: 3, cols: 100_000)
        #expect(terminal.rows == 3 && terminal.cols == 1_000)
        terminal.feed("\u{6F22}x")
        terminal.resize(rows: 3, cols: 3)
        let cursor = terminal.cursor
        #expect(cursor.row >= 0 && cursor.row < 3 && cursor.col >= 0 && cursor.col < 3)
    }
}
