import Testing
@_spi(Testing) @testable import TerminalUI

@Suite("Scrollback storage and damage bookkeeping")
struct StorageTests {
    static func line(_ text: String, columns: Int = 10) -> ScrollbackLine {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer {
            ScrollbackLine(ascii: UnsafeBufferPointer($0), leadingBlanks: 0, style: .plain, columns: columns)
        }
    }

    @Test("the ring buffer keeps the newest lines and drops the oldest")
    func ringBuffer() {
        var buffer = ScrollbackBuffer(limit: 3)
        for index in 1...5 { buffer.append(Self.line("line \(index)")) }
        #expect(buffer.count == 3 && buffer.droppedCount == 2)
        #expect((0..<3).map { buffer[$0].text } == ["line 3", "line 4", "line 5"])
        #expect(buffer.popLast()?.text == "line 5")
        buffer.append(Self.line("line 6"))
        buffer.append(Self.line("line 7"))
        #expect((0..<3).map { buffer[$0].text } == ["line 4", "line 6", "line 7"])
        var none = ScrollbackBuffer(limit: 0)
        none.append(Self.line("x"))
        #expect(none.count == 0 && none.popLast() == nil)
    }

    @Test("plain ASCII lines store only their text, trailing blanks trimmed")
    func compactPlainLine() {
        let stored = Self.line("abc   ")
        #expect(stored.utf8 == Array("abc".utf8))
        #expect(stored.details == nil && stored.storedCells == 3 && stored.columns == 10)
        #expect(stored.cells.count == 10)
        #expect(stored.cells[0] == TerminalCell(text: "a") && stored.cells[9] == .blank)
        #expect(stored.isConsistent)
        #expect(MemoryLayout<ScrollbackLine>.stride == 24)
    }

    @Test("a styled row keeps its blanks and one style run")
    func styledLine() {
        let style = CellStyle(foreground: TerminalColor.indexed(2).packed, background: 0, attributes: CellAttributes.bold.rawValue)
        var bytes = Array("hi".utf8)
        let stored = bytes.withUnsafeMutableBufferPointer {
            ScrollbackLine(ascii: UnsafeBufferPointer($0), leadingBlanks: 3, style: style, columns: 8)
        }
        #expect(stored.storedCells == 8 && stored.runs == [StyleRun(start: 0, style: style)])
        #expect(stored.cells.map(\.text).joined() == "   hi   ")
        #expect(stored.cells.allSatisfy { $0.foreground == .indexed(2) && $0.attributes == [.bold] })
        #expect(stored.text == "   hi")
    }

    @Test("lines pushed by libvterm and rebuilt by the bulk path are identical")
    func bulkLinesMatchLibvterm() {
        // Same flood through both paths; their scrollback representations must be equal.
        for style in ["", "\u{1B}[1;33;44m", "\u{1B}[7m"] {
            let fast = TerminalEmulator(rows: 5, cols: 12, scrollbackLimit: 1_000, bulkFastPath: true)
            let plain = TerminalEmulator(rows: 5, cols: 12, scrollbackLimit: 1_000, bulkFastPath: false)
            var bytes = Array((style + "\u{1B}[2J\u{1B}[H").utf8)
            for number in 0..<200 {
                bytes += Array((String(repeating: "x", count: number % 30) + " end \(number)  " + (number % 3 == 0 ? "\n" : "\r\n")).utf8)
            }
            fast.feed(bytes)
            plain.feed(bytes)
            #expect(fast.bulkEntries == 1)
            #expect(fast.scrollbackCount == plain.scrollbackCount)
            for index in 0..<plain.scrollbackCount {
                #expect(fast.scrollback[index] == plain.scrollback[index], "style \(style.debugDescription) line \(index)")
            }
        }
    }

    @Test("damage ranges are merged and sorted")
    func damageRanges() {
        var damage = DamageTracker(rows: 10)
        damage.mark(from: 7, to: 9)
        damage.mark(from: 0, to: 1)
        damage.mark(from: 1, to: 3)
        damage.mark(from: -5, to: 0)
        damage.mark(from: 9, to: 50)
        #expect(damage.take() == [0..<3, 7..<10])
        #expect(damage.take() == [])
    }
}
