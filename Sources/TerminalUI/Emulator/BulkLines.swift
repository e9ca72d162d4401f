/// The bulk fast path: floods of plain lines (`seq`, logs, `cat` of a big file) without
/// scrolling libvterm once per line.
///
/// libvterm 0.1.4 moves its whole screen buffer for every line that scrolls (about 1.3 µs for
/// 24x80), which caps plain output near 5 MB/s. So when the output is a run of lines of printable
/// ASCII ending in CR LF or LF, the cursor is on the bottom row (left of the last two columns, so
/// no wrap is pending), that row is blank in the current pen, and the stream is neutral (see `InputSanitizer`), the
/// emulator takes over:
///
/// 1. On entry it copies rows `0..<rows-1` to scrollback itself, exactly as libvterm would push them.
/// 2. Each further line is held here; once the lines after it fill `rows - 1` screen rows, it can
///    only ever be in scrollback, so it goes there directly, built by
///    `ScrollbackLine(ascii:leadingBlanks:style:columns:)` as the same cells libvterm would produce
///    (a fresh row erased in the pen, text from the cursor column, autowrap at the right edge).
/// 3. Before anything else happens (other output, any read of the screen, a resize) the held
///    lines are replayed into libvterm, and the first `rows - 1` pushes they cause are ignored
///    (those rows were copied in step 1). libvterm ends up in the state it would have reached
///    byte by byte.
///
/// The held lines always fill at least `rows - 1` rows, so the replay pushes every copied row.
///
/// libvterm's wrap rule is modelled exactly: a character written in the last column leaves the
/// cursor there with a wrap pending; CR cancels it, but a LF that scrolls does not (the cursor did
/// not move), so the next character first scrolls once more, leaving a blank row.
struct BulkLines {
    /// The pen every held cell gets (reverse video of the whole screen already applied).
    let style: CellStyle
    /// Terminal width.
    let columns: Int
    /// Rows that stay visible above the cursor row: `rows - 1`.
    let keepRows: Int

    /// One held line: `length` bytes of `text` from `start`.
    private struct Line {
        var start: Int
        var length: Int
        /// Cursor column before the line, and whether a wrap was pending there.
        var startColumn: Int
        var startPhantom: Bool
        /// The character printed just before the line (in the last column when `startPhantom`).
        var glyphBefore: UInt8
        var rows: Int
        var crlf: Bool
    }

    /// Text of the held lines, back to back (a prefix may belong to lines already gone).
    private var text: [UInt8] = []
    private var lines: [Line] = []
    private var head = 0
    /// Screen rows the held lines fill.
    private(set) var pendingRows = 0
    /// Cursor column where the next line starts, and whether a wrap is pending there.
    private(set) var column: Int
    private(set) var phantom = false
    /// Column of the cursor in libvterm, which has not moved since entry.
    private let entryColumn: Int
    /// An unfinished line at the end of the last chunk: printable ASCII, maybe a final CR.
    var partial: [UInt8] = []
    /// The last character printed and its column: replayed so that libvterm's memory of it
    /// (used to attach a later combining mark) matches even when no held line has text.
    private(set) var lastGlyph: (byte: UInt8, column: Int)?

    /// Starts holding lines; libvterm's cursor is at `column` of the bottom row, with no wrap
    /// pending.
    init(style: CellStyle, columns: Int, keepRows: Int, column: Int) {
        self.style = style
        self.columns = columns
        self.keepRows = keepRows
        self.column = column
        self.entryColumn = column
    }

    /// Where a line leaves things.
    struct Placement {
        /// Rows closed by the line (each by one scroll).
        var rows: Int
        /// A blank row comes first: a wrap was pending and the line has text.
        var leadingBlankRow: Bool
        /// Column the text starts in.
        var textColumn: Int
        /// Column of the last character (-1 when the line is empty).
        var lastColumn: Int
        /// Cursor column and pending wrap after the line end.
        var endColumn: Int
        var endPhantom: Bool
    }

    /// Places a line of `length` printable characters, then its line end, starting at `column`
    /// with a wrap pending or not, on a screen `columns` wide.
    @inline(__always)
    static func place(length: Int, column: Int, phantom: Bool, crlf: Bool, columns: Int) -> Placement {
        guard length > 0 else {
            return Placement(rows: 1, leadingBlankRow: false, textColumn: column, lastColumn: -1,
                             endColumn: crlf ? 0 : column, endPhantom: crlf ? false : phantom)
        }
        let start = phantom ? 0 : column
        let room = columns - start
        var rows = phantom ? 2 : 1
        let last: Int
        if length <= room {
            last = start + length - 1
        } else {
            let rest = length - room
            rows += (rest + columns - 1) / columns
            last = (rest - 1) % columns
        }
        let wraps = last == columns - 1
        return Placement(rows: rows, leadingBlankRow: phantom, textColumn: start, lastColumn: last,
                         endColumn: crlf ? 0 : (wraps ? last : last + 1), endPhantom: crlf ? false : wraps)
    }

    /// Holds one complete line; rows that can no longer be on screen go to `scrollback`.
    mutating func append(_ line: UnsafeBufferPointer<UInt8>, crlf: Bool, into scrollback: inout ScrollbackBuffer) {
        let placed = Self.place(length: line.count, column: column, phantom: phantom, crlf: crlf, columns: columns)
        lines.append(Line(start: text.count, length: line.count, startColumn: column, startPhantom: phantom,
                          glyphBefore: lastGlyph?.byte ?? 0, rows: placed.rows, crlf: crlf))
        if let last = line.last {
            lastGlyph = (last, placed.lastColumn)
        }
        text.append(contentsOf: line)
        pendingRows += placed.rows
        column = placed.endColumn
        phantom = placed.endPhantom
        while lines.count - head > 1 && pendingRows - lines[head].rows >= keepRows {
            pendingRows -= lines[head].rows
            emitRows(of: lines[head], into: &scrollback)
            head += 1
        }
        if head >= 256 {
            compact()
        }
    }

    /// Forgets lines already in scrollback.
    private mutating func compact() {
        let dropped = head < lines.count ? lines[head].start : text.count
        text.removeFirst(dropped)
        lines.removeFirst(head)
        head = 0
        for index in lines.indices {
            lines[index].start -= dropped
        }
    }

    /// The scrollback rows of one line: maybe a blank row (pending wrap), then the text from the
    /// start column, wrapping at the right edge.
    private func emitRows(of line: Line, into scrollback: inout ScrollbackBuffer) {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        if line.startPhantom && line.length > 0 {
            scrollback.append(ScrollbackLine(ascii: empty, leadingBlanks: 0, style: style, columns: columns))
        }
        let startColumn = line.startPhantom && line.length > 0 ? 0 : line.startColumn
        text.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[line.start..<(line.start + line.length)])
            let first = min(bytes.count, columns - startColumn)
            scrollback.append(ScrollbackLine(ascii: UnsafeBufferPointer(rebasing: bytes[0..<first]),
                                             leadingBlanks: first == 0 ? 0 : startColumn,
                                             style: style, columns: columns))
            var start = first
            while start < bytes.count {
                let end = min(bytes.count, start + columns)
                scrollback.append(ScrollbackLine(ascii: UnsafeBufferPointer(rebasing: bytes[start..<end]),
                                                 leadingBlanks: 0, style: style, columns: columns))
                start = end
            }
        }
    }

    /// The bytes that bring libvterm to the state the held output describes:
    ///
    /// 1. the cursor state before the first held line. With a wrap pending there, the character
    ///    before it is written into the last column (setting the pending wrap) and erased again by
    ///    ECH, which keeps it. Otherwise the last character printed is drawn and erased the same
    ///    way, then CHA moves to the start column;
    /// 2. the held lines with their line ends, then the unfinished line.
    ///
    /// Drawing the last character again matters for libvterm's memory of it, which a later
    /// combining mark attaches to; ECH erases in the current pen, which is what the row held.
    var replayBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity((pendingRows + 2) * (columns + 2) + 32)
        let first = head < lines.count ? lines[head] : nil
        let startColumn = first?.startColumn ?? column
        if let first, first.startPhantom {
            Self.appendColumnMove(to: columns - 1, into: &bytes)
            bytes.append(first.glyphBefore)
            bytes += [0x1B, 0x5B, 0x58] // ECH
        } else {
            if let glyph = lastGlyph {
                Self.appendColumnMove(to: glyph.column, into: &bytes)
                bytes.append(glyph.byte)
                Self.appendColumnMove(to: glyph.column, into: &bytes)
                bytes += [0x1B, 0x5B, 0x58] // ECH
            }
            if lastGlyph != nil || startColumn != entryColumn {
                Self.appendColumnMove(to: startColumn, into: &bytes)
            }
        }
        for line in lines[head...] {
            bytes.append(contentsOf: text[line.start..<(line.start + line.length)])
            if line.crlf { bytes.append(0x0D) }
            bytes.append(0x0A)
        }
        bytes.append(contentsOf: partial)
        return bytes
    }

    /// CHA: `ESC [ column+1 G`.
    private static func appendColumnMove(to column: Int, into bytes: inout [UInt8]) {
        bytes += [0x1B, 0x5B]
        bytes += Array(String(column + 1).utf8)
        bytes.append(0x47)
    }

    /// Result of looking at the bytes from some offset.
    enum LineScan: Equatable {
        /// Printable ASCII up to `textEnd`, then CR LF (`crlf`) or LF; the next line starts at `next`.
        case line(textEnd: Int, next: Int, crlf: Bool)
        /// Printable ASCII (maybe a final CR) up to the end of the bytes: could still become a line.
        case unfinished
        /// Something else: escape sequences, other controls, non-ASCII, a CR not before LF.
        case other
    }

    /// Looks for one plain line starting at `start`.
    @inline(__always)
    static func scanLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> LineScan {
        var index = start
        let count = bytes.count
        while index < count && bytes[index] &- 0x20 < 0x5F { index += 1 }
        if index == count { return .unfinished }
        switch bytes[index] {
        case 0x0A:
            return .line(textEnd: index, next: index + 1, crlf: false)
        case 0x0D:
            if index + 1 == count { return .unfinished }
            return bytes[index + 1] == 0x0A ? .line(textEnd: index, next: index + 2, crlf: true) : .other
        default:
            return .other
        }
    }

    /// Counts the screen rows filled by consecutive plain lines from `start` with the cursor in
    /// `column` (no wrap pending), stopping once `limit` is reached. Also returns where counting
    /// stopped.
    static func countRows(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, column: Int,
                          columns: Int, limit: Int) -> (rows: Int, stop: Int) {
        var rows = 0
        var index = start
        var column = column
        var phantom = false
        while rows < limit, case .line(let textEnd, let next, let crlf) = scanLine(bytes, from: index) {
            let placed = place(length: textEnd - index, column: column, phantom: phantom, crlf: crlf, columns: columns)
            rows += placed.rows
            column = placed.endColumn
            phantom = placed.endPhantom
            index = next
        }
        return (rows, index)
    }
}
