import Testing
@_spi(Testing) @testable import TerminalUI

@Suite("Wide characters, combining marks, invalid UTF-8")
struct UnicodeTests {
    @Test("an emoji occupies two cells: the character, then a continuation cell")
    func emoji() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed("\u{1F6A8}!")
        #expect(terminal.cell(row: 0, col: 0) == TerminalCell(text: "\u{1F6A8}", width: 2))
        #expect(terminal.cell(row: 0, col: 1) == TerminalCell(text: "", width: 0))
        #expect(terminal.cell(row: 0, col: 1).isContinuation)
        #expect(terminal.cell(row: 0, col: 2) == TerminalCell(text: "!"))
        #expect(terminal.cursor.col == 3)
        #expect(terminal.rowText(0) == "\u{1F6A8}!")
    }

    @Test("CJK characters are double width")
    func cjk() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed("\u{6F22}\u{5B57}")
        #expect(terminal.line(0).prefix(5).map(\.text) == ["\u{6F22}", "", "\u{5B57}", "", " "])
        #expect(terminal.line(0).prefix(4).map(\.width) == [2, 0, 2, 0])
        #expect(terminal.cursor.col == 4)
    }

    @Test("a double-width character that does not fit wraps to the next row")
    func wideCharacterWraps() {
        let terminal = TerminalEmulator(rows: 3, cols: 5)
        terminal.feed("abcd\u{6F22}")
        #expect(terminal.rowText(0) == "abcd")
        #expect(terminal.cell(row: 1, col: 0) == TerminalCell(text: "\u{6F22}", width: 2))
    }

    @Test("combining marks stay in the cell of their base character")
    func combining() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed("e\u{301}x a\u{308}\u{323}")
        #expect(terminal.cell(row: 0, col: 0) == TerminalCell(text: "e\u{301}"))
        #expect(terminal.cell(row: 0, col: 1) == TerminalCell(text: "x"))
        #expect(terminal.cell(row: 0, col: 3).text.unicodeScalars.map(\.value) == [0x61, 0x308, 0x323])
        #expect(terminal.cursor.col == 4)
    }

    @Test("a combining mark arriving in a later chunk still joins its base")
    func combiningAcrossChunks() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed("e")
        terminal.feed("\u{301}z")
        #expect(terminal.cell(row: 0, col: 0) == TerminalCell(text: "e\u{301}"))
        #expect(terminal.cell(row: 0, col: 1) == TerminalCell(text: "z"))
    }

    @Test("a character split across chunks is reassembled")
    func splitCharacter() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        let bytes = Array("\u{6F22}\u{1F6A8}".utf8)
        for byte in bytes { terminal.feed([byte]) }
        #expect(terminal.rowText(0) == "\u{6F22}\u{1F6A8}")
    }

    @Test("invalid UTF-8 shows U+FFFD", arguments: [
        ([0x61, 0xFF, 0x62], "a\u{FFFD}b"),                       // impossible byte
        ([0x61, 0x80, 0x62], "a\u{FFFD}b"),                       // stray continuation
        ([0xE6, 0xBC, 0x78], "\u{FFFD}x"),                        // truncated by ASCII
        ([0xE6, 0xBC, 0x0D, 0x0A, 0x78], "\u{FFFD}\nx"),          // truncated by a control
        ([0xC0, 0x80], "\u{FFFD}\u{FFFD}"),                       // overlong NUL
        ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),         // surrogate
        ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"), // above U+10FFFF
        ([0xC2, 0x85, 0x61], "\u{FFFD}a"),                        // C1 control NEL as UTF-8
        ([0xC2, 0xA0, 0x61], "\u{A0}a"),                          // NBSP is fine
    ] as [([UInt8], String)])
    func invalidUTF8(bytes: [UInt8], expected: String) {
        let terminal = TerminalEmulator(rows: 3, cols: 10)
        terminal.feed(bytes)
        #expect(terminal.nonEmptyScreenLines.joined(separator: "\n") == expected)
    }

    @Test("NUL and DEL are ignored")
    func nulAndDel() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed([0x61, 0x00, 0x62, 0x7F, 0x63, 0x00])
        #expect(terminal.rowText(0) == "abc")
    }

    @Test("a partial character held at the end of a chunk does not show yet")
    func heldPartialCharacter() {
        let terminal = TerminalEmulator(rows: 2, cols: 10)
        terminal.feed([0x61, 0xE6, 0xBC])
        #expect(terminal.rowText(0) == "a")
        #expect(terminal.cursor.col == 1)
        terminal.feed([0xA2])
        #expect(terminal.rowText(0) == "a\u{6F22}")
    }
}

@Suite("Half-overwritten wide characters")
struct HalfWideTests {
    @Test("a narrow character over the left half leaves a blank, not a continuation")
    func leftHalfOverwritten() {
        let terminal = TerminalEmulator(rows: 2, cols: 6)
        terminal.feed("\u{6F22}\u{1B}[1Ga")
        #expect(terminal.line(0).prefix(2) == [TerminalCell(text: "a"), TerminalCell.blank])
        #expect(terminal.cell(row: 0, col: 1) == .blank)
        terminal.feed("\r\n\u{6F22}\u{1B}[1G\u{1B}[X\r\n")
        #expect(terminal.line(1).prefix(2) == [TerminalCell.blank, TerminalCell.blank])
        terminal.feed("x\r\n")
        #expect(terminal.scrollbackCount == 2)
        #expect(terminal.scrollbackLine(0).prefix(2) == [TerminalCell(text: "a"), TerminalCell.blank])
        #expect(terminal.scrollbackLine(1).prefix(2) == [TerminalCell.blank, TerminalCell.blank])
    }
}
