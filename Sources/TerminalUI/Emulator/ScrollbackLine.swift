import CVTerm

/// A change of style inside a scrollback line: `style` applies from cell `start` up to the next run.
struct StyleRun: Equatable, Sendable {
    /// First cell the style applies to.
    var start: UInt16
    /// The style.
    var style: CellStyle
}

/// One line that scrolled off the top of the screen, stored compactly.
///
/// A typical line costs a 24-byte slot plus one byte array holding its text: cells that are
/// exactly one code point of width 1 need no layout entry, a plain line needs no style runs (so
/// no `Details` object), and trailing plain blanks are not stored at all.
struct ScrollbackLine: Equatable, Sendable {
    /// Per-cell layout and style runs, for the lines that need them.
    final class Details: Sendable {
        /// Empty when every stored cell is one code point of width 1; otherwise one entry per
        /// stored cell: `scalarCount | width << 4` (a continuation cell is 0).
        let layout: [UInt8]
        /// Style changes; cells before the first run are plain.
        let runs: [StyleRun]

        init(layout: [UInt8], runs: [StyleRun]) {
            self.layout = layout
            self.runs = runs
        }
    }

    /// UTF-8 of the stored cells' text, concatenated: an erased cell is a space, a continuation
    /// cell adds nothing. So it is also the line's plain text.
    var utf8: [UInt8]
    /// Layout and styles; nil for a plain line of ordinary cells.
    var details: Details?
    /// Cells stored; the line continues with plain blanks up to `columns`.
    var storedCells: UInt16
    /// Width of the terminal when the line was pushed.
    var columns: UInt16

    /// See `Details.layout`.
    var layout: [UInt8] { details?.layout ?? [] }
    /// See `Details.runs`.
    var runs: [StyleRun] { details?.runs ?? [] }

    /// Lines are equal when they store the same cells the same way.
    static func == (lhs: ScrollbackLine, rhs: ScrollbackLine) -> Bool {
        lhs.utf8 == rhs.utf8 && lhs.layout == rhs.layout && lhs.runs == rhs.runs
            && lhs.storedCells == rhs.storedCells && lhs.columns == rhs.columns
    }

    /// An empty line (used to release a slot's memory).
    static let empty = ScrollbackLine(utf8: [], layout: [], runs: [], storedCells: 0, columns: 0)

    /// Layout entry of an ordinary cell: one code point, width 1.
    static let simpleEntry: UInt8 = 1 | 1 << 4

    /// Copies a row handed over by libvterm's `sb_pushline` (the hot path while output scrolls).
    init(cells: UnsafePointer<VTermScreenCell>, count: Int) {
        var end = count
        while end > 0 {
            let cell = cells + (end - 1)
            guard VTermCellReader.isBlank(VTermCellReader.chars(cell)), CellStyle(cell: cell).isPlain else { break }
            end -= 1
        }
        var builder = Builder(capacity: end)
        for index in 0..<end {
            builder.append(cells + index)
        }
        self = builder.finish(columns: count)
    }

    /// A row of printable ASCII written with one pen `style` from column `leadingBlanks` of a
    /// freshly erased row of `columns` cells: exactly what `init(cells:count:)` would store for it.
    init(ascii bytes: UnsafeBufferPointer<UInt8>, leadingBlanks: Int, style: CellStyle, columns: Int) {
        if style.isPlain {
            var end = bytes.count
            while end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
            let stored = end == 0 ? 0 : leadingBlanks + end
            let text = [UInt8](unsafeUninitializedCapacity: stored) { buffer, initialized in
                guard stored > 0 else { return }
                buffer.baseAddress!.initialize(repeating: 0x20, count: leadingBlanks)
                (buffer.baseAddress! + leadingBlanks).initialize(from: bytes.baseAddress!, count: end)
                initialized = stored
            }
            self.init(plainText: text, columns: columns)
        } else {
            let text = [UInt8](unsafeUninitializedCapacity: columns) { buffer, initialized in
                buffer.baseAddress!.initialize(repeating: 0x20, count: columns)
                if bytes.count > 0 {
                    (buffer.baseAddress! + leadingBlanks).update(from: bytes.baseAddress!, count: bytes.count)
                }
                initialized = columns
            }
            self.init(utf8: text, layout: [], runs: [StyleRun(start: 0, style: style)],
                      storedCells: UInt16(columns), columns: UInt16(columns))
        }
    }

    /// Creates a line from its parts.
    init(utf8: [UInt8], layout: [UInt8], runs: [StyleRun], storedCells: UInt16, columns: UInt16) {
        self.utf8 = utf8
        self.details = layout.isEmpty && runs.isEmpty ? nil : Details(layout: layout, runs: runs)
        self.storedCells = storedCells
        self.columns = columns
    }

    /// A plain line of ordinary cells whose text is `utf8` (not ending in a space).
    init(plainText utf8: [UInt8], columns: Int) {
        self.utf8 = utf8
        self.details = nil
        self.storedCells = UInt16(truncatingIfNeeded: utf8.count)
        self.columns = UInt16(truncatingIfNeeded: columns)
    }

    /// Heap bytes this line holds (array payloads; headers and allocator rounding not counted).
    var payloadBytes: Int {
        guard let details else { return utf8.capacity }
        return utf8.capacity + 32 + details.layout.capacity + details.runs.capacity * MemoryLayout<StyleRun>.stride
    }

    /// True when layout, text and cell count agree (checked in debug builds).
    var isConsistent: Bool {
        let layout = self.layout.isEmpty ? Array(repeating: Self.simpleEntry, count: Int(storedCells)) : self.layout
        guard layout.count == Int(storedCells) else { return false }
        var offset = 0
        for entry in layout {
            for _ in 0..<Int(entry & 0x0F) {
                guard offset < utf8.count else { return false }
                offset += Self.sequenceLength(utf8[offset])
            }
        }
        return offset == utf8.count
    }

    /// The line's text with trailing blanks removed.
    var text: String {
        var end = utf8.count
        while end > 0 && utf8[end - 1] == 0x20 { end -= 1 }
        return String(decoding: utf8[0..<end], as: UTF8.self)
    }

    /// Visits every cell (stored ones, then plain blanks up to `columns`) in order.
    func forEachCell(
        _ body: (_ scalars: ArraySlice<UInt8>, _ scalarCount: Int, _ width: Int, _ style: CellStyle) -> Void
    ) {
        let layout = self.layout
        let runs = self.runs
        var offset = 0
        var runIndex = 0
        var style = CellStyle.plain
        for index in 0..<Int(storedCells) {
            while runIndex < runs.count && Int(runs[runIndex].start) <= index {
                style = runs[runIndex].style
                runIndex += 1
            }
            let entry = layout.isEmpty ? Self.simpleEntry : layout[index]
            let count = Int(entry & 0x0F)
            var length = 0
            for _ in 0..<count {
                length += Self.sequenceLength(utf8[offset + length])
            }
            body(utf8[offset..<offset + length], count, Int(entry >> 4), style)
            offset += length
        }
        if Int(storedCells) < Int(columns) {
            let space: ArraySlice<UInt8> = [0x20]
            for _ in Int(storedCells)..<Int(columns) {
                body(space, 1, 1, .plain)
            }
        }
    }

    /// The line as public cells, `columns` of them.
    var cells: [TerminalCell] {
        var result = [TerminalCell]()
        result.reserveCapacity(Int(columns))
        forEachCell { bytes, _, width, style in
            result.append(style.cell(text: String(decoding: bytes, as: UTF8.self), width: width))
        }
        return result
    }

    /// Writes the line into a libvterm row for `sb_popline`, clipped or padded to `count` cells.
    /// Every cell libvterm visits gets width 1 or 2, and a double-width character only where its
    /// right half fits (libvterm 0.1.4 would loop forever on width 0 and write past the row on 2).
    func fill(_ cells: UnsafeMutablePointer<VTermScreenCell>, count: Int) {
        var index = 0
        var previousWasWide = false
        var chars: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0)
        forEachCell { bytes, scalarCount, width, style in
            guard index < count else { return }
            let cell = cells + index
            defer { index += 1 }
            if width == 0 {
                if !previousWasWide {
                    cvterm_cell_fill(cell, nil, 0, 1, style.foreground, style.background, style.attributes)
                }
                previousWasWide = false
                return
            }
            if width == 2 && index + 1 >= count {
                cvterm_cell_fill(cell, nil, 0, 1, style.foreground, style.background, style.attributes)
                previousWasWide = false
                return
            }
            withUnsafeMutableBytes(of: &chars) { raw in
                let buffer = raw.bindMemory(to: UInt32.self)
                var position = bytes.startIndex
                for slot in 0..<min(scalarCount, buffer.count) {
                    let (value, length) = Self.decodeScalar(bytes, at: position)
                    buffer[slot] = value
                    position += length
                }
                let isBlankSpace = scalarCount == 1 && buffer[0] == 0x20
                cvterm_cell_fill(cell, buffer.baseAddress, isBlankSpace ? 0 : Int32(scalarCount), Int32(width),
                                 style.foreground, style.background, style.attributes)
            }
            previousWasWide = width == 2
        }
        while index < count {
            cvterm_cell_fill(cells + index, nil, 0, 1, 0, 0, 0)
            index += 1
        }
    }

    /// Length of the UTF-8 sequence starting with `lead` (the store only holds valid UTF-8).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// Decodes one scalar of valid UTF-8 at `position`.
    static func decodeScalar(_ bytes: ArraySlice<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = bytes[position]
        let length = sequenceLength(lead)
        var value: UInt32
        switch length {
        case 1: return (UInt32(lead), 1)
        case 2: value = UInt32(lead & 0x1F)
        case 3: value = UInt32(lead & 0x0F)
        default: value = UInt32(lead & 0x07)
        }
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[position + offset] & 0x3F)
        }
        return (value, length)
    }
}

/// Building lines cell by cell.
extension ScrollbackLine {
    /// Accumulates cells into the compact form.
    struct Builder {
        private var utf8: [UInt8] = []
        private var layout: [UInt8] = []
        private var hasLayout = false
        private var runs: [StyleRun] = []
        private var style = CellStyle.plain
        private var cellCount = 0
        private var previousWasWide = false

        /// Prepares for about `capacity` cells.
        init(capacity: Int) {
            utf8.reserveCapacity(capacity)
        }

        /// Appends one libvterm cell.
        mutating func append(_ cell: UnsafePointer<VTermScreenCell>) {
            let cellStyle = CellStyle(cell: cell)
            if cellStyle != style {
                runs.append(StyleRun(start: UInt16(truncatingIfNeeded: cellCount), style: cellStyle))
                style = cellStyle
            }
            let chars = VTermCellReader.chars(cell)
            let first = chars[0]
            if first == VTermCellReader.continuationMarker {
                if previousWasWide {
                    record(scalars: 0, width: 0)
                } else {
                    utf8.append(0x20) // orphaned right half: blank
                    record(scalars: 1, width: 1)
                }
                previousWasWide = false
                return
            }
            let width = VTermCellReader.width(cell, first: first)
            previousWasWide = width == 2
            if first == 0 {
                utf8.append(0x20)
                record(scalars: 1, width: width)
            } else if first < 0x80 && chars[1] == 0 {
                utf8.append(UInt8(truncatingIfNeeded: first))
                record(scalars: 1, width: width)
            } else {
                let count = VTermCellReader.scalarCount(chars)
                for index in 0..<count {
                    UTF8.encode(VTermCellReader.scalar(chars[index])) { utf8.append($0) }
                }
                record(scalars: count, width: width)
            }
        }

        private mutating func record(scalars: Int, width: Int) {
            defer { cellCount += 1 }
            if !hasLayout {
                guard scalars != 1 || width != 1 else { return }
                hasLayout = true
                layout = Array(repeating: ScrollbackLine.simpleEntry, count: cellCount)
            }
            layout.append(UInt8(scalars) | UInt8(width) << 4)
        }

        /// The finished line for a row `columns` cells wide.
        func finish(columns: Int) -> ScrollbackLine {
            ScrollbackLine(utf8: utf8, layout: layout, runs: runs,
                           storedCells: UInt16(truncatingIfNeeded: cellCount),
                           columns: UInt16(truncatingIfNeeded: columns))
        }
    }
}
