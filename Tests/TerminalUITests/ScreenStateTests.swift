import Testing
@_spi(Testing) @testable import TerminalUI

@Suite("Alternate screen, title, bell, damage")
struct ScreenStateTests {
    @Test("a full-screen program gets the alternate screen; leaving it restores the main screen")
    func alternateScreen() {
        let terminal = TerminalEmulator(rows: 4, cols: 20)
        terminal.feed("main one\r\nmain two\r\n")
        #expect(!terminal.isAlternateScreen)
        terminal.feed(esc("\\e[?1049h\\e[H\\e[2Jfull screen\\e[3;1Hstatus"))
        #expect(terminal.isAlternateScreen)
        #expect(terminal.screenText() == "full screen\n\nstatus\n")
        // Scrolling on the alternate screen never feeds scrollback.
        for index in 0..<30 { terminal.feed("alt \(index)\r\n") }
        #expect(terminal.scrollbackCount == 0)
        terminal.feed(esc("\\e[?1049l"))
        #expect(!terminal.isAlternateScreen)
        #expect(terminal.screenText() == "main one\nmain two\n\n")
        #expect(terminal.cursor.row == 2 && terminal.cursor.col == 0) // 1049 restores the cursor
    }

    @Test("mode 1047 switches screens too")
    func alternateScreen1047() {
        let terminal = TerminalEmulator(rows: 3, cols: 10)
        terminal.feed(esc("keep\\e[?1047hx"))
        #expect(terminal.isAlternateScreen)
        #expect(terminal.rowText(0) == "    x")
        terminal.feed(esc("\\e[?1047l"))
        #expect(terminal.rowText(0) == "keep")
    }

    @Test("OSC 2 and OSC 0 set the title and nothing else")
    func title() {
        let terminal = TerminalEmulator(rows: 3, cols: 10)
        #expect(terminal.title == nil)
        terminal.feed(esc("\\e]2;hello\u{07}"))
        #expect(terminal.title == "hello")
        #expect(terminal.screenText() == "\n\n")
        #expect(terminal.cursor.row == 0 && terminal.cursor.col == 0)
        #expect(terminal.bell == 0) // the BEL ended the OSC
        #expect(terminal.scrollbackCount == 0)
        terminal.feed(esc("\\e]0;build \u{1B}\\\\"))
        #expect(terminal.title == "build ")
        terminal.feed(esc("\\e]2;caf\u{E9} \u{1F6A8}\u{07}"))
        #expect(terminal.title == "caf\u{E9} \u{1F6A8}")
    }

    @Test("a title split across reads at any point is still captured whole")
    func splitTitle() {
        let bytes = Array("ab\u{1B}]2;hello world\u{07}cd\u{1B}]0;second\u{1B}\\ef".utf8)
        for split in 1..<bytes.count {
            let terminal = TerminalEmulator(rows: 2, cols: 20)
            terminal.feed(bytes[0..<split])
            terminal.feed(bytes[split...])
            #expect(terminal.title == "second", "split at \(split)")
            #expect(terminal.rowText(0) == "abcdef", "split at \(split)")
        }
        let terminal = TerminalEmulator(rows: 2, cols: 20)
        for byte in Array("\u{1B}]2;one byte at a time\u{07}".utf8) { terminal.feed([byte]) }
        #expect(terminal.title == "one byte at a time")
    }

    @Test("titles lose control characters")
    func titleControls() {
        #expect(TerminalEmulator.printable("a\u{1B}[31mb\u{9B}c\u{7F}") == "a[31mbc")
    }

    @Test("OSC 52 clipboard, other OSCs, DCS and device queries are swallowed")
    func swallowedSequences() {
        let terminal = TerminalEmulator(rows: 3, cols: 20)
        let st = "\u{1B}\\"
        terminal.feed("\u{1B}]52;c;aGVsbG8=\u{07}\u{1B}]52;c;?\u{07}\u{1B}]8;;http://x\u{07}\u{1B}]4;1;?\u{07}")
        terminal.feed("\u{1B}Pq#0;2;0;0;0#0~~" + st + "\u{1B}P$qm" + st)
        terminal.feed("\u{1B}[c\u{1B}[>c\u{1B}[6n\u{1B}[5n\u{1B}[?1$p")
        terminal.feed("\u{1B}_Gkitty-graphics-payload" + st + "\u{1B}^privacy" + st + "\u{1B}Xsos" + st)
        #expect(terminal.screenText() == "\n\n")
        #expect(terminal.title == nil)
        #expect(terminal.cursor.row == 0 && terminal.cursor.col == 0)
        terminal.feed("visible")
        #expect(terminal.rowText(0) == "visible")
    }

    @Test("BEL is counted")
    func bell() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed("a\u{07}b\u{07}\u{07}")
        #expect(terminal.bell == 3)
        #expect(terminal.rowText(0) == "ab")
    }

    @Test("damage: after feeding x only row 0; after takeDamage nothing")
    func damage() {
        let terminal = TerminalEmulator(rows: 5, cols: 10)
        #expect(terminal.takeDamage() == [])
        terminal.feed("x")
        #expect(terminal.takeDamage() == [0..<1])
        #expect(terminal.takeDamage() == [])
        terminal.feed("\r\n\r\nthird")
        #expect(terminal.takeDamage() == [2..<3])
        terminal.feed(esc("\\e[1;1Ha\\e[5;1Hb"))
        #expect(terminal.takeDamage() == [0..<1, 4..<5])
        terminal.resize(rows: 6, cols: 10)
        #expect(terminal.takeDamage() == [0..<6])
    }

    @Test("damage after scrolling covers the screen")
    func damageAfterScroll() {
        let terminal = TerminalEmulator(rows: 3, cols: 10)
        terminal.feed("1\r\n2\r\n3\r\n")
        _ = terminal.takeDamage()
        terminal.feed("4\r\n")
        #expect(terminal.takeDamage() == [0..<3])
    }
}
