#if canImport(Glibc)
import Glibc
#endif

/// What the curses backend writes for one grid cell: the grapheme's first scalar plus the zero-width
/// scalars right after it (combining marks, variation selectors), at most `CCHARW_MAX` in all. A
/// zero-width joiner ends it, so an emoji ZWJ sequence shows as its first emoji. Control characters
/// (which `CellGrid.put` never stores, but `set` could) become `?`.
enum CellGlyph {
    /// Room in a `cchar_t` (`CCHARW_MAX`), the first scalar included.
    static let maxScalars = 5

    /// The scalars to write for `text`, NUL-terminated, as `wchar_t`s.
    static func wideCharacters(of text: String) -> [wchar_t] {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return [0x20, 0] }
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return [0x3F, 0] }
        var result: [wchar_t] = [wchar_t(bitPattern: first.value)]
        while result.count < maxScalars, let next = scalars.next() {
            if next.value == 0x200D || DisplayWidth.of(next) != 0 { break }
            result.append(wchar_t(bitPattern: next.value))
        }
        result.append(0)
        return result
    }
}
