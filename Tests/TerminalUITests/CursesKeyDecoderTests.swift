import CNcurses
import Testing
@testable import TerminalUI

@Suite("Curses key decoding")
struct CursesKeyDecoderTests {
    private func key(_ code: Int32, function: Bool = false) -> Key? {
        CursesKeyDecoder.decode(code: code, isFunctionKey: function)
    }

    @Test("keypad codes become named keys")
    func functionKeys() {
        #expect(key(KEY_UP, function: true) == .up)
        #expect(key(KEY_DOWN, function: true) == .down)
        #expect(key(KEY_LEFT, function: true) == .left)
        #expect(key(KEY_RIGHT, function: true) == .right)
        #expect(key(KEY_PPAGE, function: true) == .pageUp)
        #expect(key(KEY_NPAGE, function: true) == .pageDown)
        #expect(key(KEY_HOME, function: true) == .home)
        #expect(key(KEY_END, function: true) == .end)
        #expect(key(KEY_BTAB, function: true) == .backTab)
        #expect(key(KEY_DC, function: true) == .delete)
        #expect(key(KEY_BACKSPACE, function: true) == .backspace)
        #expect(key(KEY_ENTER, function: true) == .enter)
        #expect(key(KEY_RESIZE, function: true) == .resize)
        #expect(key(KEY_F0 + 1, function: true) == .function(1))
        #expect(key(KEY_F0 + 12, function: true) == .function(12))
        #expect(key(KEY_F0 + 13, function: true) == .unknown(KEY_F0 + 13))
        #expect(key(KEY_IC, function: true) == .unknown(KEY_IC))
    }

    @Test("raw-mode control bytes")
    func controlBytes() {
        #expect(key(13) == .enter)
        #expect(key(10) == .enter)
        #expect(key(9) == .tab)
        #expect(key(127) == .backspace)
        #expect(key(8) == .backspace)
        #expect(key(27) == .escape)
        #expect(key(3) == .ctrl("c"))
        #expect(key(1) == .ctrl("a"))
        #expect(key(26) == .ctrl("z"))
        #expect(key(28) == .unknown(28))
        #expect(key(0x85) == nil)
    }

    @Test("printable characters, wide and narrow")
    func printable() {
        #expect(key(0x6A) == .char("j"))
        #expect(key(0x20) == .char(" "))
        #expect(key(0x00E9) == .char("é"))
        #expect(key(0x6F22) == .char("漢"))
        #expect(key(0x1F600) == .char("😀"))
        #expect(key(0xD800) == nil)   // a lone surrogate is no scalar
        #expect(key(-1) == nil)
    }

    @Test("a character and the same code as a key code are different things")
    func codeVersusCharacter() {
        // KEY_DOWN is 0o402 = 258 = "Ă" as a character.
        #expect(key(KEY_DOWN) == .char("\u{102}"))
    }

    @Test("a combining mark joins the character before it; Alt-x is Esc then x")
    func combining() {
        var keys: [Key] = []
        for code: Int32 in [0x65, 0x301, 27, 0x78, 0x301] {
            if let decoded = key(code) { CursesKeyDecoder.append(decoded, to: &keys) }
        }
        #expect(keys == [.char("e\u{301}"), .escape, .char("x\u{301}")])
        var lone: [Key] = []
        CursesKeyDecoder.append(.char("\u{301}"), to: &lone)
        #expect(lone == [.char("\u{301}")])
    }
}
