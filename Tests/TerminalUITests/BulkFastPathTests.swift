import Testing
@_spi(Testing) @testable import TerminalUI

/// The bulk fast path must leave exactly the state libvterm reaches byte by byte: these tests
/// feed the same output to an emulator with the fast path and one without (split into chunks
/// differently) and compare everything observable.
@Suite("Bulk fast path equals libvterm")
struct BulkFastPathTests {
    enum Operation {
        case feed([UInt8])
        case resize(Int, Int)
        case compare
    }

    /// Random output mixing long runs of plain lines with everything that may interrupt them.
    static func scenario(seed: UInt64) -> (rows: Int, cols: Int, operations: [Operation]) {
        var random = SeededGenerator(seed: seed)
        let rows = Int.random(in: 2...12, using: &random)
        let cols = Int.random(in: 2...40, using: &random)
        var operations: [Operation] = []
        let printable = Array(UInt8(0x20)...UInt8(0x7E))
        let interruptions: [String] = [
            "\u{1B}[31m", "\u{1B}[0m", "\u{1B}[44m", "\u{1B}[1;7m", "\u{1B}[38;2;1;2;3m", "\u{1B}[?5h", "\u{1B}[?5l",
            "\u{1B}[H", "\u{1B}[5;3H", "\u{1B}[K", "\u{1B}[2J", "\u{07}", "\u{1B}]2;t\u{07}", "\u{1B}[?1049h",
            "\u{1B}[?1049l", "\u{1B}c", "\u{1B}[2;4r", "\u{1B}[?7l", "\u{1B}[4h", "\u{1B}[20h", "\u{1B}(0",
            "caf\u{E9}\r\n", "\u{6F22}\u{1F6A8}\r\n", "e\u{301}\r\n", "\u{1B}[5G\u{301}", "\u{301}", "\u{1B}[3b",
            "a\tb\r\n", "10%\r20%\r\n", "\r", "\n", "\u{8}", "\u{1B}[3;1H", "\u{1B}7", "\u{1B}8", "\u{1B}[2K",
            "\u{1B}M", "\u{1B}D", "\u{1B}[?25l", "\u{1B}[S", "\u{1B}[T", "\u{1B}[L", "\u{1B}[M", "\u{1B}[@",
            "\u{1B}[P", "\u{1B}[X", "\u{1B}[10G", "\u{1B}[6n", "\u{E6}", "\u{1B}",
        ]
        for _ in 0..<Int.random(in: 3...12, using: &random) {
            // A burst of plain lines: long enough for the fast path on these small screens.
            var burst: [UInt8] = []
            let crlfShare = Int.random(in: 0...10, using: &random)
            for _ in 0..<Int.random(in: 0...(rows * 6 + 40), using: &random) {
                let length: Int
                switch Int.random(in: 0..<10, using: &random) {
                case 0: length = 0
                case 1: length = cols
                case 2: length = cols * Int.random(in: 2...3, using: &random)
                case 3: length = Int.random(in: cols...(3 * cols + 2), using: &random)
                default: length = Int.random(in: 1...max(1, cols - 1), using: &random)
                }
                var line = (0..<length).map { _ in printable.randomElement(using: &random)! }
                if length > 2 && Int.random(in: 0..<6, using: &random) == 0 {
                    line[length - 1] = 0x20 // trailing spaces
                    line[length - 2] = 0x20
                }
                burst += line
                if Int.random(in: 0...10, using: &random) < crlfShare { burst.append(0x0D) }
                burst.append(0x0A)
            }
            if Bool.random(using: &random) {
                burst += (0..<Int.random(in: 1...5, using: &random)).map { _ in printable.randomElement(using: &random)! }
            }
            operations.append(.feed(burst))
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                operations.append(.feed(Array(interruptions.randomElement(using: &random)!.utf8)))
            }
            switch Int.random(in: 0..<8, using: &random) {
            case 0: operations.append(.resize(Int.random(in: 2...12, using: &random), Int.random(in: 2...40, using: &random)))
            case 1, 2: operations.append(.compare)
            default: break
            }
        }
        operations.append(.compare)
        return (rows, cols, operations)
    }

    /// Feeds `bytes` in random pieces.
    static func feed(_ bytes: [UInt8], to terminal: TerminalEmulator, using random: inout SeededGenerator) {
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + Int.random(in: 1...400, using: &random))
            terminal.feed(bytes[offset..<end])
            offset = end
        }
    }

    static func expectSameState(_ fast: TerminalEmulator, _ plain: TerminalEmulator, seed: UInt64) {
        #expect(fast.rows == plain.rows && fast.cols == plain.cols, "seed \(seed)")
        for row in 0..<plain.rows where fast.line(row) != plain.line(row) {
            Issue.record("""
                seed \(seed) row \(row): "\(fast.rowText(row))" vs "\(plain.rowText(row))"
                fast:
                \(fast.screenText())
                plain:
                \(plain.screenText())
                """)
            break
        }
        #expect(fast.cursor == plain.cursor, "seed \(seed)")
        #expect(fast.scrollbackCount == plain.scrollbackCount, "seed \(seed)")
        if fast.scrollbackCount == plain.scrollbackCount {
            for index in 0..<plain.scrollbackCount where fast.scrollback[index] != plain.scrollback[index] {
                let fastText = fast.scrollbackLine(index).map(\.text).joined()
                let plainText = plain.scrollbackLine(index).map(\.text).joined()
                Issue.record("seed \(seed): scrollback line \(index) differs: \(fastText) vs \(plainText)")
                break
            }
        }
        #expect(fast.title == plain.title && fast.bell == plain.bell, "seed \(seed)")
        #expect(fast.isAlternateScreen == plain.isAlternateScreen, "seed \(seed)")
    }

    @Test("random output, random chunking, resizes: identical state", arguments: 0..<1500)
    func differential(seed: Int) {
        Self.differential(seed: seed, fastPath: true)
    }

    static func differential(seed: Int, fastPath: Bool) {
        let seed = UInt64(seed) &* 7919 &+ 17
        let (rows, cols, operations) = Self.scenario(seed: seed)
        let fast = TerminalEmulator(rows: rows, cols: cols, scrollbackLimit: 500, bulkFastPath: fastPath)
        let plain = TerminalEmulator(rows: rows, cols: cols, scrollbackLimit: 500, bulkFastPath: false)
        var fastChunks = SeededGenerator(seed: seed ^ 0xF00D)
        var plainChunks = SeededGenerator(seed: seed ^ 0xBEEF)
        for operation in operations {
            switch operation {
            case .feed(let bytes):
                Self.feed(bytes, to: fast, using: &fastChunks)
                Self.feed(bytes, to: plain, using: &plainChunks)
            case .resize(let newRows, let newCols):
                fast.resize(rows: newRows, cols: newCols)
                plain.resize(rows: newRows, cols: newCols)
            case .compare:
                Self.expectSameState(fast, plain, seed: seed)
            }
        }
    }

    @Test("chunking alone changes nothing", arguments: 0..<300)
    func chunkingOnly(seed: Int) {
        Self.differential(seed: seed, fastPath: false)
    }

    @Test("the fast path is really taken by plain floods, with CR LF and with LF")
    func fastPathIsTaken() {
        for crlf in [true, false] {
            let fast = TerminalEmulator(rows: 24, cols: 80, scrollbackLimit: 1_000, bulkFastPath: true)
            let plain = TerminalEmulator(rows: 24, cols: 80, scrollbackLimit: 1_000, bulkFastPath: false)
            var bytes: [UInt8] = []
            for number in 1...3_000 { bytes += Array("\(number)\(crlf ? "\r\n" : "\n")".utf8) }
            fast.feed(bytes)
            plain.feed(bytes)
            #expect(fast.bulkEntries == 1)
            #expect(plain.bulkEntries == 0)
            Self.expectSameState(fast, plain, seed: 0)
        }
    }

    @Test("a combining mark after a flood joins the character libvterm remembers")
    func combiningMarkAfterFlood() {
        let fast = TerminalEmulator(rows: 3, cols: 10, scrollbackLimit: 100, bulkFastPath: true)
        let plain = TerminalEmulator(rows: 3, cols: 10, scrollbackLimit: 100, bulkFastPath: false)
        var bytes: [UInt8] = []
        for number in 0..<40 { bytes += Array("line\(number)\r\n".utf8) }
        bytes += Array("\r\n\r\n\r\n\r\n\u{1B}[7G\u{301}".utf8) // empty lines, then back to column 7
        for terminal in [fast, plain] { terminal.feed(bytes) }
        #expect(fast.bulkEntries == 1)
        Self.expectSameState(fast, plain, seed: 1)
    }

    @Test("held lines appear as soon as the screen is read")
    func readsMaterialize() {
        let terminal = TerminalEmulator(rows: 4, cols: 20)
        var bytes: [UInt8] = []
        for number in 1...100 { bytes += Array("n\(number)\r\n".utf8) }
        bytes += Array("partial".utf8)
        terminal.feed(bytes)
        #expect(terminal.bulkEntries == 1)
        #expect(terminal.screenText() == "n98\nn99\nn100\npartial")
        #expect(terminal.cursor.row == 3 && terminal.cursor.col == 7)
        #expect(terminal.scrollbackCount == 97)
        terminal.feed(" more\r\n")
        #expect(terminal.rowText(2) == "partial more")
    }
}
