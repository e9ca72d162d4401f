import Testing
@testable import TerminalUI

@Suite("Input sanitizer rewrites")
struct SanitizerTests {
    /// Sanitizes `input` (in the given pieces) and returns everything passed on, held text included.
    static func run(_ pieces: [[UInt8]]) -> [UInt8] {
        var sanitizer = InputSanitizer()
        var output: [UInt8] = []
        for piece in pieces {
            piece.withUnsafeBufferPointer { sanitizer.sanitize($0, into: &output) }
        }
        return output + sanitizer.takeHeldText()
    }

    static func run(_ text: String) -> String {
        String(decoding: run([Array(text.utf8)]), as: UTF8.self)
    }

    @Test("plain text and ordinary sequences pass unchanged")
    func passThrough() {
        let text = "hello \u{1B}[1;31mworld\u{1B}[0m\r\n\u{1B}[2;5H\u{1B}]2;title\u{07}\u{6F22}"
        #expect(Self.run(text) == text)
    }

    @Test("a CSI with 16 separators is cancelled and dropped whole")
    func tooManyParameters() {
        let fifteen = String(repeating: ";", count: 15)
        #expect(Self.run("a\u{1B}[" + fifteen + ";31mb") == "a\u{1B}[" + fifteen + "\u{18}b")
        #expect(Self.run("\u{1B}[" + fifteen + "m") == "\u{1B}[" + fifteen + "m")
    }

    @Test("REP passes after ASCII only")
    func repeatSequence() {
        #expect(Self.run("\u{1B}[3b") == "\u{1B}[3\u{18}")
        #expect(Self.run("x\u{1B}[3b") == "x\u{1B}[3b")
        #expect(Self.run("\u{6F22}\u{1B}[3b") == "\u{6F22}\u{1B}[3\u{18}")
    }

    @Test("C1 controls, invalid and interrupted UTF-8 become U+FFFD; NUL and DEL vanish")
    func utf8() {
        #expect(Self.run("a\u{85}b") == "a\u{FFFD}\0b")
        #expect(String(decoding: Self.run([[0x61, 0xE6, 0xBC, 0x0D, 0x00, 0x7F]]), as: UTF8.self) == "a\u{FFFD}\r")
        #expect(String(decoding: Self.run([[0xE6], [0xBC], [0xA2]]), as: UTF8.self) == "\u{6F22}")
    }

    @Test("ASCII after non-ASCII text gets a NUL so libvterm starts a new run")
    func nulBeforeASCII() {
        #expect(Self.run("\u{E9}x\u{E9}") == "\u{E9}\0x\u{E9}")
    }

    @Test("a string split across chunks is passed in one piece")
    func heldString() {
        var sanitizer = InputSanitizer()
        var output: [UInt8] = []
        Array("\u{1B}]2;ti".utf8).withUnsafeBufferPointer { sanitizer.sanitize($0, into: &output) }
        #expect(output == [0x1B])
        Array("tle\u{07}".utf8).withUnsafeBufferPointer { sanitizer.sanitize($0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "\u{1B}]2;title\u{07}")
    }

    @Test("the last character of a chunk is held with its combining marks")
    func heldCharacter() {
        var sanitizer = InputSanitizer()
        var output: [UInt8] = []
        Array("abe\u{301}".utf8).withUnsafeBufferPointer { sanitizer.sanitize($0, into: &output) }
        #expect(String(decoding: output, as: UTF8.self) == "ab")
        #expect(!sanitizer.isQuiescent)
        Array("\u{302}!".utf8).withUnsafeBufferPointer { sanitizer.sanitize($0, into: &output) }
        // The NUL before the held "!" is already out (ASCII after a mark).
        #expect(output == Array("abe\u{301}\u{302}\0".utf8))
        #expect(sanitizer.takeHeldText() == [0x21])
    }

    @Test("APC, PM and SOS strings are dropped")
    func ignoredStrings() {
        #expect(Self.run("a\u{1B}_payload\u{1B}\\b") == "a\u{1B}\u{18}b")
        #expect(Self.run("a\u{1B}^x\u{1B}[31mb") == "a\u{1B}\u{18}\u{1B}[31mb")
    }

    @Test("neutrality: mode changes end it, RIS restores it")
    func neutrality() {
        var sanitizer = InputSanitizer()
        var output: [UInt8] = []
        func feed(_ text: String) { Array(text.utf8).withUnsafeBufferPointer { sanitizer.sanitize($0, into: &output) } }
        feed("\u{1B}[1;31m\u{1B}[K\u{1B}[?25l\u{1B}[?1049h\u{1B}[?1049l\u{1B}7\u{1B}8\u{1B}]0;t\u{07}\r\n")
        #expect(sanitizer.isNeutral)
        let changes = ["\u{1B}[2;5r", "\u{1B}[?6h", "\u{1B}[?7l", "\u{1B}[4h", "\u{1B}[20h", "\u{1B}(0", "\u{E}",
                       "\u{1B}#6", "\u{1B}H", "\u{1B}[3g", "\u{1B}[2147483652h"]
        for sequence in changes {
            feed("\u{1B}c")
            #expect(sanitizer.isNeutral)
            feed(sequence)
            #expect(!sanitizer.isNeutral, "\(sequence.debugDescription)")
        }
    }
}
