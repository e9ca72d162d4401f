/// Finds fill-in placeholders in command text (one linear pass).
///
/// Angle placeholders: `<` + letter + `[A-Za-z0-9_.-]*` + `>` with no spaces, where the `<` is not
/// preceded by another `<` (heredocs / here-strings). Redirections (`< file`, `<file.txt`, `<(cmd)`,
/// `2>&1`) never match because they lack the closing `>` right after a name.
///
/// Square placeholders: `[` + letter + `[A-Za-z0-9_-]*` + `]` where
/// - the byte before `[` is the start, a blank, `=`, `/`, `:`, `'` or `"` (so array indexes like
///   `${arr[i]}`, `.items[0]`, `$arr[key]` and `[[:space:]]` do not match),
/// - the byte after `]` is not a word or glob/regex character (`[Ee]rror`, `[abc]*` do not match),
/// - the content has at least two letters, ends with a letter or digit, is not a character range class (`a-z`, `A-Za-z_`), and
///   is not a short all-lowercase set of at most 3 letters (`[abc]`, `[xy]`).
///
/// Everything inside `[[ … ]]` and `(( … ))` / `$(( … ))` is skipped.
enum ShellPlaceholderScanner {
    /// Placeholder names (without brackets) in `text`, in order, without duplicates.
    static func scan(_ text: ArraySlice<UInt8>) -> [String] {
        text.withUnsafeBufferPointer { scan($0) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var found = ShellOrderedNames()
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            let next = i + 1 < n ? bytes[i + 1] : 0
            if c == ShellByte.openBracket, next == ShellByte.openBracket, i == 0 || ShellByte.isBlank(bytes[i - 1]) || bytes[i - 1] == ShellByte.newline {
                i = skip(bytes, from: i + 2, until: ShellByte.closeBracket)
                continue
            }
            if c == ShellByte.openParen, next == ShellByte.openParen {
                i = skip(bytes, from: i + 2, until: ShellByte.closeParen)
                continue
            }
            if c == ShellByte.less, next != 0, ShellByte.isLetter(next), i == 0 || bytes[i - 1] != ShellByte.less {
                var j = i + 2
                while j < n, isAngleChar(bytes[j]) { j += 1 }
                if j < n, bytes[j] == ShellByte.greater {
                    found.add(String(decoding: UnsafeBufferPointer(rebasing: bytes[i + 1..<j]), as: UTF8.self))
                    i = j + 1
                    continue
                }
            }
            if c == ShellByte.openBracket, ShellByte.isLetter(next), squareAllowedBefore(bytes, i) {
                var j = i + 2
                while j < n, ShellByte.isNameChar(bytes[j]) || bytes[j] == ShellByte.minus { j += 1 }
                if j < n, bytes[j] == ShellByte.closeBracket, squareAllowedAfter(bytes, j + 1),
                   isPlaceholderWord(bytes[(i + 1)..<j]) {
                    found.add(String(decoding: UnsafeBufferPointer(rebasing: bytes[i + 1..<j]), as: UTF8.self))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return found.names
    }

    /// Index just after the first doubled `close` byte (`]]` / `))`) at or after `from`.
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, until close: UInt8) -> Int {
        var j = from
        while j + 1 < bytes.count {
            if bytes[j] == close, bytes[j + 1] == close { return j + 2 }
            j += 1
        }
        return bytes.count
    }

    static func isAngleChar(_ c: UInt8) -> Bool {
        ShellByte.isNameChar(c) || c == ShellByte.minus || c == UInt8(ascii: ".")
    }

    static func squareAllowedBefore(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let p = bytes[i - 1]
        return ShellByte.isBlank(p) || p == ShellByte.newline || p == ShellByte.equals || p == UInt8(ascii: "/")
            || p == UInt8(ascii: ":") || p == ShellByte.singleQuote || p == ShellByte.doubleQuote
    }

    static func squareAllowedAfter(_ bytes: UnsafeBufferPointer<UInt8>, _ j: Int) -> Bool {
        guard j < bytes.count else { return true }
        let c = bytes[j]
        if ShellByte.isNameChar(c) { return false }
        switch c {
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), ShellByte.openBrace, ShellByte.openBracket, ShellByte.minus:
            return false
        default:
            return true
        }
    }

    /// Content rules for `[…]`: ≥ 2 letters, ends with a letter or digit, not a range class,
    /// not a short lowercase set.
    static func isPlaceholderWord(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let chars = Array(content)
        guard chars.filter(ShellByte.isLetter).count >= 2, let last = chars.last,
              ShellByte.isLetter(last) || ShellByte.isDigit(last) else { return false }
        if chars.count <= 3, chars.allSatisfy(ShellByte.isLower) { return false }
        return !isRangeClass(chars)
    }

    /// `a-z`, `A-Za-z`, `a-zA-Z0-9_`: ordered same-class ranges plus at most two single characters.
    static func isRangeClass(_ chars: [UInt8]) -> Bool {
        var i = 0
        var ranges = 0
        var singles = 0
        while i < chars.count {
            if i + 2 < chars.count, chars[i + 1] == ShellByte.minus, sameClass(chars[i], chars[i + 2]), chars[i] <= chars[i + 2] {
                ranges += 1
                i += 3
            } else {
                if chars[i] == ShellByte.minus { return false }
                singles += 1
                i += 1
            }
        }
        return ranges > 0 && singles <= 2
    }

    static func sameClass(_ a: UInt8, _ b: UInt8) -> Bool {
        (ShellByte.isLower(a) && ShellByte.isLower(b)) || (ShellByte.isUpper(a) && ShellByte.isUpper(b))
            || (ShellByte.isDigit(a) && ShellByte.isDigit(b))
    }
}
