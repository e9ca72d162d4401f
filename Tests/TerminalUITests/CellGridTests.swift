import Testing
@testable import TerminalUI

@Suite("Cell grid and display widths")
struct CellGridTests {
    @Test("emoji and CJK take two columns, marks none, ASCII one")
    func widths() {
        #expect("abc".displayWidth == 3)
        #expect("✅".displayWidth == 2)
        #expect("🔴".displayWidth == 2)
        #expect("日本".displayWidth == 4)
        #expect("e\u{301}".displayWidth == 1)
        #expect("⚠️".displayWidth == 1)          // text-presentation base + VS16: glibc/ncursesw count 1
        #expect("🇺🇸".displayWidth == 1)          // regional indicators: one column each in glibc; the pair shows as its first
        #expect("✓ ✗ ○ ◐ ▶ –".displayWidth == 11)
    }

    @Test("put clips at the limit and never splits a wide character")
    func clipping() {
        var grid = CellGrid(rows: 1, cols: 6)
        let end = grid.put("ab日本語", row: 0, col: 0, style: .plain)
        #expect(end == 6)
        #expect(grid.lines == ["ab日本"])
        var narrow = CellGrid(rows: 1, cols: 5)
        narrow.put("ab日本", row: 0, col: 0, style: .plain)
        #expect(narrow.lines == ["ab日"])       // the second wide char does not fit: a blank instead
        #expect(narrow[0, 4].text == " ")
    }

    @Test("control characters never reach the grid raw")
    func controls() {
        var grid = CellGrid(rows: 1, cols: 20)
        grid.put("a\u{1B}]52;c;AAAA\u{07}b\u{9B}2J", row: 0, col: 0, style: .plain)
        let line = grid.lines[0]
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(line.hasPrefix("a\u{FFFD}]52;c;AAAA\u{FFFD}b\u{FFFD}2J"))
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteWide() {
        var grid = CellGrid(rows: 1, cols: 4)
        grid.put("日本", row: 0, col: 0, style: .plain)
        grid.put("x", row: 0, col: 1, style: .plain)
        #expect(grid.lines == [" x本"])
    }

    @Test("boxes use line characters and carry their title")
    func box() {
        var grid = CellGrid(rows: 3, cols: 12)
        grid.box(grid.bounds, style: .plain, title: "Out")
        #expect(grid.lines == ["┌ Out ─────┐", "│          │", "└──────────┘"])
    }

    @Test("drawing outside the grid is ignored")
    func outside() {
        var grid = CellGrid(rows: 2, cols: 3)
        grid.put("hello", row: 5, col: 0, style: .plain)
        grid.put("hello", row: 0, col: -2, style: .plain)
        grid.fill(Rect(row: -1, col: -1, rows: 10, cols: 10), style: .plain)
        #expect(grid.lines == ["", ""])
    }
}
