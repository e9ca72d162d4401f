import CVTerm

/// Turns libvterm's `VTermScreenCell` into the wrapper's types.
///
/// libvterm stores up to six code points per cell in `chars`, terminated by 0 when shorter.
/// `chars[0] == 0` is an erased cell and `chars[0] == 0xFFFFFFFF` the right half of a
/// double-width character (then the rest of `chars` is stale and must not be read).
enum VTermCellReader {
    /// `chars[0]` of a continuation cell.
    static let continuationMarker: UInt32 = CVTERM_CONTINUATION_CHAR
    /// Most code points one cell can hold.
    static let maxScalars = Int(VTERM_MAX_CHARS_PER_CELL)

    /// The code points of a cell, as libvterm laid them out.
    @inline(__always)
    static func chars(_ cell: UnsafePointer<VTermScreenCell>) -> UnsafePointer<UInt32> {
        // `chars` is the first member of VTermScreenCell: a homogeneous tuple of UInt32.
        UnsafeRawPointer(cell).assumingMemoryBound(to: UInt32.self)
    }

    /// Number of code points stored in a cell holding a character (not blank, not continuation).
    @inline(__always)
    static func scalarCount(_ chars: UnsafePointer<UInt32>) -> Int {
        var count = 1
        while count < maxScalars && chars[count] != 0 { count += 1 }
        return count
    }

    /// True for an erased cell or a lone space: what the text of a line may end with.
    @inline(__always)
    static func isBlank(_ chars: UnsafePointer<UInt32>) -> Bool {
        let first = chars[0]
        return first == 0 || (first == 0x20 && chars[1] == 0)
    }

    /// A code point libvterm may hold (its decoder accepts values above U+10FFFF), made valid.
    @inline(__always)
    static func scalar(_ value: UInt32) -> Unicode.Scalar {
        Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// Smallest code point libvterm 0.1.4 ever draws double width.
    static let firstWideScalar: UInt32 = 0x1100

    /// The width to report for a cell holding `first`. libvterm reports 2 whenever the next cell
    /// is marked as a right half, even after a narrow character or an erase overwrote the left
    /// half of a wide character; such a cell is really 1 wide (and the orphaned right half is
    /// reported as a blank).
    @inline(__always)
    static func width(_ cell: UnsafePointer<VTermScreenCell>, first: UInt32) -> Int {
        cvterm_cell_width(cell) == 2 && first >= firstWideScalar ? 2 : 1
    }

    /// The public cell for a libvterm cell; `afterWide` tells whether the cell to its left is a
    /// double-width character (otherwise a right-half marker is an orphan, shown blank).
    static func terminalCell(_ cell: UnsafePointer<VTermScreenCell>, afterWide: Bool) -> TerminalCell {
        let style = CellStyle(cell: cell)
        let chars = chars(cell)
        let first = chars[0]
        if first == continuationMarker {
            return afterWide ? style.cell(text: "", width: 0) : style.cell(text: " ", width: 1)
        }
        let width = width(cell, first: first)
        if first == 0 {
            return style.cell(text: " ", width: width)
        }
        if first < 0x80 && chars[1] == 0 {
            return style.cell(text: String(Character(Unicode.Scalar(UInt8(first)))), width: width)
        }
        var scalars = String.UnicodeScalarView()
        for index in 0..<scalarCount(chars) {
            scalars.append(scalar(chars[index]))
        }
        return style.cell(text: String(scalars), width: width)
    }
}
