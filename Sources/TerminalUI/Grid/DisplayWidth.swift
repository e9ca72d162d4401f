/// Terminal column widths of text, as the terminal and ncursesw (glibc's `wcwidth`) count them:
/// 2 for East Asian wide/fullwidth characters and emoji shown as emoji, 0 for combining marks and
/// format characters, 1 otherwise. A grapheme cluster takes the width of its first scalar (the rest
/// are marks, variation selectors or joined emoji drawn on top of it).
///
/// Computed here rather than through `wcwidth` so layouts do not depend on the process locale, and so
/// cell-grid tests give the same answer everywhere.
public enum DisplayWidth {
    /// Columns taken by one scalar: 0, 1 or 2. Control characters count 1 (the grid replaces them).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        if isZeroWidth(scalar) { return 0 }
        return isWide(value, scalar) ? 2 : 1
    }

    /// Columns taken by one grapheme cluster: the width of its first scalar that is not zero-width,
    /// or 0 for a cluster of nothing but marks.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        let first = scalars.first!
        if first.value < 0x300 && scalars.count == 1 { return 1 }
        for scalar in scalars {
            let width = of(scalar)
            if width > 0 { return width }
        }
        return 0
    }

    /// Columns taken by `text`.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return true
        default:
            let value = scalar.value
            // Hangul medial vowels and final consonants join the preceding syllable.
            return (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value)
        }
    }

    private static func isWide(_ value: UInt32, _ scalar: Unicode.Scalar) -> Bool {
        // Regional indicators are drawn one column wide by glibc and most terminals.
        if (0x1F1E6...0x1F1FF).contains(value) { return false }
        if scalar.properties.isEmojiPresentation { return true }
        for range in wideRanges where range.contains(value) { return true }
        return false
    }

    /// East Asian Wide and Fullwidth blocks (Unicode 15), besides emoji with emoji presentation.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x18AFF,
        0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}

extension StringProtocol {
    /// Terminal columns taken by the text (see `DisplayWidth`).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
